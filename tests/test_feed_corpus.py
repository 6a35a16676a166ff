"""Every file of feedparser's own test corpus (~2,100 well- and ill-formed feeds), served over HTTP to the poller:
it never crashes, and every feed is either usable or a clear, classified error.

Each file is served with the HTTP headers its comment block declares (`Header: Content-type: ...`), as feedparser's
own test server does, and a second time cut in half (ill-formed by construction).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config.settings import HttpLimits
from tests.support.http_server import LocalHTTPServer
from watchers.feeds import PollResult, poll_feed
from watchers.http import build_client
from watchers.models import FeedState

pytestmark = pytest.mark.corpus

NOW = datetime(2026, 11, 22, tzinfo=UTC)
LIMITS = HttpLimits(allow_private_hosts=["127.0.0.1"], total_timeout=10.0)
_DECLARED = re.compile(rb"^Header:\s*([A-Za-z-]+):[ \t]*(.*?)\s*$", re.MULTILINE)
KNOWN_ERRORS = {"FeedParseError"}  # the server serves every file; anything else would be our bug


def declared_headers(path: Path) -> dict[str, str]:
    headers = {"Content-Type": "application/xml"}
    for name, value in _DECLARED.findall(path.read_bytes()[:3000]):
        headers[name.decode("ascii").title()] = value.decode("latin-1")
    return headers


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> tuple[Path, list[Path]]:
    root = shared_dir / "corpora" / "feedparser-tests" / "tests"
    files = sorted(root.rglob("*.xml"))
    if not files:
        pytest.skip(f"no feed files under {root}")
    return root, files


@pytest.fixture(scope="module")
def server(corpus: tuple[Path, list[Path]]) -> Iterator[LocalHTTPServer]:
    root, files = corpus
    with LocalHTTPServer() as srv:
        srv.serve_directory("/whole/", root, declared_headers)
        for path in files:
            raw = path.read_bytes()
            srv.route(f"/half/{path.relative_to(root)}", body=raw[: len(raw) // 2], headers=declared_headers(path))
        yield srv


def poll_all(server: LocalHTTPServer, prefix: str, root: Path, files: list[Path]) -> dict[Path, PollResult]:
    results: dict[Path, PollResult] = {}
    with build_client(LIMITS) as client:
        for path in files:
            state = FeedState(url=server.url(f"{prefix}{path.relative_to(root)}"))
            results[path] = poll_feed(client, state, LIMITS, NOW)  # an exception here fails the test: no crash allowed
    return results


def check(results: dict[Path, PollResult]) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    for path, result in results.items():
        if result.status == "ok":
            assert result.http_status == 200, path
            for item in result.items:
                assert item.guid, path
                assert item.url == "" or item.url.startswith(("http://", "https://")), (path, item.url)
        else:
            assert result.status == "error", path
            assert result.error_class in KNOWN_ERRORS, (path, result.error_class, result.error)
            assert result.error and len(result.error) > 15, path
        outcomes[result.error_class or result.status] += 1
    return outcomes


def test_every_corpus_feed_polls_without_crashing(server: LocalHTTPServer, corpus: tuple[Path, list[Path]]) -> None:
    root, files = corpus
    results = poll_all(server, "/whole/", root, files)
    outcomes = check(results)
    assert len(files) > 2000
    assert outcomes["ok"] > 0.95 * len(files)  # the corpus is mostly usable feeds: most must come through
    html_like = [p for p, r in results.items() if r.status == "error" and "HTML" in (r.error or "")]
    assert html_like == []  # none of these is an HTML page
    # the feeds whose headers declare a charset are decoded by it, not mangled
    encoded = [r for p, r in results.items() if "encoding" in p.parts and r.items]
    assert encoded and all("\ufffd" not in i.title for r in encoded for i in r.items)


def test_every_corpus_feed_cut_in_half_polls_without_crashing(
    server: LocalHTTPServer, corpus: tuple[Path, list[Path]]
) -> None:
    root, files = corpus
    outcomes = check(poll_all(server, "/half/", root, files))
    assert outcomes["FeedParseError"] > 0  # truncation does break some
    assert sum(outcomes.values()) == len(files)
