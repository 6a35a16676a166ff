"""Property tests (hypothesis) on hostile input: claim extraction never raises and finishes on megabytes of
digits, unbalanced quotes, deep nesting and random unicode; URL normalisation is idempotent and never raises;
feed parsing of arbitrary bytes gives items or a clear FeedParseError, never a crash.

No timing assertions: each test only has to finish (deadline=None; sizes are capped so CI stays quick).
`HYPOTHESIS_PROFILE=thorough` runs ten times the examples.
"""

from __future__ import annotations

import json
import math
import os
import random
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from config.watch import load_watch
from watchers.claims import ClaimExtractor
from watchers.errors import FeedParseError
from watchers.feeds import parse_feed
from watchers.figure_limits import screen_figures
from watchers.models import Article, FigureClaim, claim_to_json
from watchers.urls import canonical_url

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK, derandomize=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@cache
def extractor() -> ClaimExtractor:
    return ClaimExtractor(load_watch())


# Pieces that exercise the extractor's paths: numbers in every spelling, quotes of every kind, speakers,
# keywords of the shipped watch, nesting, and sentence ends.
FRAGMENTS = [
    "killed", " people", " at least ", "more than ", "$50 million", "1,000,000,000,000", "9" * 60, "1.5 million",
    "four", "twenty-one", "0.0001", "1e308", "½", "٣", "१२", '"', "“", "”", "«", "»", "'", "‘", "’", " said ",
    "Hegseth", " Maduro", " Venezuela", "USS Gerald R. Ford", "F-35", " strikes", " boats", "(", ")", "[", "]",
    ". ", "\n\n", " — ", ",", "%", "km", "since September", "bringing the death toll to ", "he said.", " ",
]  # fmt: skip
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=300).map("".join)


def _check_extraction(text: str) -> None:
    result = extractor().extract(Article("p", "https://news.test/p", text, "Venezuela boat strikes"))
    screened, _warnings = screen_figures(result, load_watch().figure_limits)
    for claim in screened.claims:
        assert 0 <= claim.evidence.start <= claim.evidence.end <= len(text)
        if isinstance(claim, FigureClaim):
            assert math.isfinite(claim.value)
        json.dumps(claim_to_json(claim), allow_nan=False)  # what `extract` writes is always valid JSON


@given(hostile_text)
@example("killed " + "1" * 1_000_000 + " people")  # 1 MB of digits
@example("The strikes killed " + "12345 " * 16_000 + "people.")  # 100 KB of separate numbers
@example('He said "we will ' * 1_000 + "fight.")  # unbalanced quotes
@example("(" * 100_000 + "Maduro said 5 boats" + ")" * 100_000)  # deep nesting
@example("“" * 5_000 + "killed 3" + "”" * 4_000)
def test_claim_extraction_never_raises(text: str) -> None:
    _check_extraction(text)


@settings(max_examples=25)
@given(st.text(min_size=1, max_size=5_000))
def test_claim_extraction_on_random_unicode(text: str) -> None:
    _check_extraction(text)


def test_claim_extraction_on_a_large_random_unicode_article() -> None:
    rng = random.Random(9)
    blocks = [(32, 0x2FF), (0x400, 0x4FF), (0x4E00, 0x4FFF)]  # Latin, Cyrillic, CJK
    text = "".join(chr(rng.randrange(*rng.choice(blocks))) for _ in range(100_000))
    _check_extraction(text)


# --------------------------------------------------------------------------- URL normalisation

url_parts = st.tuples(
    st.sampled_from(["http", "HTTPS", "https", "ftp", "", "javascript"]),
    st.sampled_from(["example.org", "EXAMPLE.org.", "[::1]", "127.0.0.1:80", "u:p@h.test:8443", "xn--n3h.test", ""]),
    st.lists(st.text(alphabet="ab/%.~-_ é?", max_size=6), max_size=4).map("/".join),
    st.lists(
        st.tuples(st.sampled_from(["a", "utm_source", "fbclid", "q", "A", "x y", "%zz", ""]), st.text(max_size=6)),
        max_size=4,
    ),
    st.text(max_size=6),
)


@given(url_parts)
def test_url_normalisation_is_idempotent(parts: tuple[str, str, str, list[tuple[str, str]], str]) -> None:
    scheme, host, path, query, fragment = parts
    url = f"{scheme}://{host}/{path}?{'&'.join(f'{k}={v}' for k, v in query)}#{fragment}"
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(st.text(max_size=300))
def test_url_normalisation_never_raises_and_is_idempotent_on_any_text(text: str) -> None:
    once = canonical_url(text)
    assert canonical_url(once) == once


# --------------------------------------------------------------------------- feed parsing

FEED_BITS = [
    b'<?xml version="1.0"?>', b"<rss version='2.0'>", b"<channel>", b"<item>", b"<title>", b"</title>", b"<link>",
    b"http://x.test/a", b"</link>", b"<guid>", b"</guid>", b"</item>", b"</channel>", b"</rss>", b"<feed xmlns=",
    b'"http://www.w3.org/2005/Atom">', b"<entry>", b"</entry>", b"<![CDATA[", b"]]>", b"&amp;", b"&#0;", b"\x00",
    b"\xff\xfe", b"<!DOCTYPE x [<!ENTITY a 'aa'>]>", b"&a;", b"<pubDate>", b"Mon, 99 Foo 2025", b"</pubDate>",
]  # fmt: skip
feed_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.lists(st.one_of(st.sampled_from(FEED_BITS), st.binary(max_size=8)), max_size=80).map(b"".join),
)


@given(feed_bytes, st.sampled_from(["application/rss+xml", "text/html", "", "text/xml; charset=utf-16"]))
def test_feed_parsing_gives_items_or_a_clear_error(body: bytes, content_type: str) -> None:
    try:
        parsed = parse_feed(body, {"Content-Type": content_type}, "http://feeds.test/rss")
    except FeedParseError as exc:
        assert str(exc)  # a reason a person can read
        return
    for item in parsed.items:
        assert item.guid and item.feed_url == "http://feeds.test/rss"
