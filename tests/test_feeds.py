"""Polling feeds over a real local server: conditional GET, parsing, errors as data, state updates; item identity."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from config.settings import HttpLimits
from tests.support.http_server import LocalHTTPServer
from watchers.errors import FeedParseError
from watchers.feeds import PollResult, html_to_text, parse_feed, poll_feed, update_feed_state
from watchers.health import MAX_BACKOFF
from watchers.http import build_client
from watchers.models import FeedState
from watchers.urls import canonical_url, publisher_url_from_link, resolve_aggregator_link

LOCAL = HttpLimits(allow_private_hosts=["127.0.0.1"], total_timeout=5.0, max_feed_bytes=200_000)
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
RSS_HEADERS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def rss(*items: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire &amp; Co</title>'
        f"<link>https://news.example/</link>{extra}{''.join(items)}</channel></rss>"
    ).encode()


def item(n: int, hours_ago: int, link: str | None = None) -> str:
    when = (NOW - timedelta(hours=hours_ago)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    link = link or f"/news/story-{n}.html?utm_source=rss&b=2&a=1#top"
    return (
        f"<item><title>Story {n} &lt;b&gt;bold&lt;/b&gt;</title><link>{link}</link><guid>urn:story:{n}</guid>"
        f"<pubDate>{when}</pubDate><description>&lt;p&gt;Body {n}&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;"
        "</description></item>"
    )


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with build_client(LOCAL) as c:
        yield c


# --------------------------------------------------------------------------- polling


def test_poll_parses_items_into_clean_identities(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/feed.xml", body=rss(item(1, 1), item(2, 3), item(3, 5)), headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/feed.xml")), LOCAL, NOW)
    assert (result.status, result.http_status, result.version, result.feed_title) == ("ok", 200, "rss20", "Wire & Co")
    first = result.items[0]
    # relative link made absolute from the final URL; tracking params and fragment dropped; query sorted
    assert first.url == server.url("/news/story-1.html?a=1&b=2")
    assert (first.guid, first.title, first.summary) == ("urn:story:1", "Story 1 bold", "Body 1")
    assert first.published == NOW - timedelta(hours=1)
    assert first.feed_url == server.url("/feed.xml")
    assert [i.guid for i in result.items] == ["urn:story:1", "urn:story:2", "urn:story:3"]


def test_conditional_get_gives_not_modified_without_parsing(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/feed.xml", body=rss(item(1, 1)), headers=RSS_HEADERS, etag='"v1"')
    state = FeedState(url=server.url("/feed.xml"))
    first = poll_feed(client, state, LOCAL, NOW)
    state = update_feed_state(state, first, NOW)
    assert (first.status, state.etag) == ("ok", '"v1"')
    second = poll_feed(client, state, LOCAL, NOW + timedelta(minutes=15))
    assert (second.status, second.http_status, second.items, second.etag) == ("not_modified", 304, [], '"v1"')
    assert server.requests_to("/feed.xml")[1].headers["if-none-match"] == '"v1"'
    after = update_feed_state(state, second, NOW + timedelta(minutes=15))
    assert (after.etag, after.consecutive_errors, after.last_success_at) == ('"v1"', 0, NOW + timedelta(minutes=15))


def test_a_latin1_etag_goes_back_byte_for_byte(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/feed.xml", body=rss(item(1, 1)), headers=RSS_HEADERS, etag='"caf\xe9"')
    state = FeedState(url=server.url("/feed.xml"))
    state = update_feed_state(state, poll_feed(client, state, LOCAL, NOW), NOW)
    assert state.etag == '"caf\xe9"'
    assert poll_feed(client, state, LOCAL, NOW).status == "not_modified"


def test_last_modified_alone_is_used_too(server: LocalHTTPServer, client: httpx.Client) -> None:
    stamp = "Sun, 22 Nov 2026 11:00:00 GMT"
    server.route("/feed.xml", body=rss(item(1, 1)), headers=RSS_HEADERS, last_modified=stamp)
    state = update_feed_state(
        FeedState(url=server.url("/feed.xml")),
        poll_feed(client, FeedState(url=server.url("/feed.xml")), LOCAL, NOW),
        NOW,
    )
    assert (state.etag, state.last_modified) == (None, stamp)
    assert poll_feed(client, state, LOCAL, NOW).status == "not_modified"
    assert server.requests_to("/feed.xml")[1].headers["if-modified-since"] == stamp


@pytest.mark.parametrize(
    ("body", "ctype", "message"),
    [
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body>Hi</body></html>", "text/html", "HTML page"),
        (b"<html><body>moved</body></html>", "application/rss+xml", "HTML page"),
        (b"", "application/rss+xml", "empty response body"),
        (b"   \n", "application/rss+xml", "empty response body"),
        (b'{"items": []}', "application/json", "not a feed"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "application/xml", "no known feed format"),
    ],
)
def test_unusable_feeds_are_clear_errors(
    server: LocalHTTPServer, client: httpx.Client, body: bytes, ctype: str, message: str
) -> None:
    server.route("/feed", body=body, headers={"Content-Type": ctype})
    result = poll_feed(client, FeedState(url=server.url("/feed")), LOCAL, NOW)
    assert (result.status, result.error_class, result.http_status) == ("error", "FeedParseError", 200)
    assert result.error and message in result.error


def test_a_body_that_names_a_file_is_not_opened(server: LocalHTTPServer, client: httpx.Client, tmp_path: Path) -> None:
    """feedparser opens bytes and str that name a file; the poller must hand it a stream."""
    local_feed = tmp_path / "local.xml"
    local_feed.write_bytes(rss(item(1, 1)))
    server.route("/feed", body=str(local_feed).encode(), headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/feed")), LOCAL, NOW)
    assert (result.status, result.error_class, result.items) == ("error", "FeedParseError", [])


def test_entity_expansion_bomb_is_contained(server: LocalHTTPServer, client: httpx.Client) -> None:
    """'Billion laughs': expat refuses the amplification; the loose parser does not expand it either."""
    levels = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE rss [{levels}]>'.encode() + rss(item(1, 1), extra="<title>&l9;</title>")
    server.route("/lol.xml", body=bomb.replace(b'<?xml version="1.0" encoding="utf-8"?>', b""), headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/lol.xml")), LOCAL, NOW)
    assert result.status == "ok" and len(result.items) == 1
    assert len(result.feed_title) < 1000 and result.warning


def test_empty_but_valid_feed_is_ok(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/empty.xml", body=rss(), headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/empty.xml")), LOCAL, NOW)
    assert (result.status, result.items, result.warning) == ("ok", [], None)


def test_bozo_feed_with_entries_is_ok_with_a_warning(server: LocalHTTPServer, client: httpx.Client) -> None:
    broken = rss(item(1, 1), item(2, 2)).replace(b"</channel></rss>", b"&nbsp; <unclosed></channel></rss>")
    server.route("/bozo.xml", body=broken, headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/bozo.xml")), LOCAL, NOW)
    assert result.status == "ok" and len(result.items) == 2
    assert result.warning and "SAXParseException" in result.warning


@pytest.mark.parametrize(
    ("route", "error_class"),
    [
        ({"status": 500, "body": b"oops"}, "HTTPStatusError"),
        ({"body": b"<rss>" + b"x" * 300_000 + b"</rss>"}, "BodyTooLarge"),
        ({"body": b"<rss/>", "trickle_headers": 0.05}, "FetchTimeout"),
        ({"status": 302, "redirect_to": "http://10.0.0.1/feed"}, "BlockedAddress"),
    ],
)
def test_fetch_failures_come_back_as_data(
    server: LocalHTTPServer, client: httpx.Client, route: dict[str, object], error_class: str
) -> None:
    server.route("/f", **route)
    limits = LOCAL.model_copy(update={"total_timeout": 0.5})
    result = poll_feed(client, FeedState(url=server.url("/f")), limits, NOW)
    assert (result.status, result.error_class) == ("error", error_class)
    assert result.error


@pytest.mark.parametrize("url", ["ftp://feeds.example/rss", "feed://feeds.example/rss", "not a url", ""])
def test_a_bad_feed_url_is_an_error_not_a_crash(client: httpx.Client, url: str) -> None:
    result = poll_feed(client, FeedState(url=url), LOCAL, NOW)
    assert (result.status, result.error_class) == ("error", "InvalidURL")


def test_moved_feed_reports_its_final_url(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/old.xml", status=301, redirect_to="/new.xml")
    server.route("/new.xml", body=rss(item(1, 1)), headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/old.xml")), LOCAL, NOW)
    assert (result.status, result.final_url, result.permanent_redirect) == ("ok", server.url("/new.xml"), True)
    assert result.items[0].feed_url == server.url("/old.xml")


# --------------------------------------------------------------------------- state after a poll (pure)


def test_errors_back_off_exponentially_up_to_a_cap_and_success_resets() -> None:
    state = FeedState(url="https://feeds.example/rss")
    error = PollResult("error", error_class="ConnectError", error="refused")
    delays = []
    for _ in range(8):
        state = update_feed_state(state, error, NOW)
        assert state.next_check_at is not None
        delays.append(state.next_check_at - NOW)
    assert delays[:4] == [timedelta(minutes=m) for m in (15, 30, 60, 120)]
    assert delays[-1] == MAX_BACKOFF and state.consecutive_errors == 8
    assert (state.last_error_class, state.last_error) == ("ConnectError", "refused")
    state = update_feed_state(state, PollResult("ok", etag='"x"'), NOW)
    assert (state.consecutive_errors, state.last_error, state.etag) == (0, None, '"x"')
    assert state.next_check_at == NOW + timedelta(minutes=15)


@pytest.mark.parametrize(
    ("retry_after", "delay"),
    [(7200.0, timedelta(hours=2)), (60.0, timedelta(minutes=15)), (30 * 86400.0, timedelta(days=1))],
)
def test_retry_after_is_honoured_but_never_parks_a_feed(retry_after: float, delay: timedelta) -> None:
    result = PollResult("error", error_class="HTTPStatusError", error="429", retry_after=retry_after, http_status=429)
    assert update_feed_state(FeedState(url="u"), result, NOW).next_check_at == NOW + delay


def test_a_poll_updates_the_cadence(server: LocalHTTPServer, client: httpx.Client) -> None:
    server.route("/feed.xml", body=rss(item(1, 1), item(2, 3), item(3, 5), item(4, 7)), headers=RSS_HEADERS)
    state = FeedState(url=server.url("/feed.xml"))
    state = update_feed_state(state, poll_feed(client, state, LOCAL, NOW), NOW)
    assert state.last_new_item_at == NOW - timedelta(hours=1)
    assert state.typical_interval_seconds == 2 * 3600


# --------------------------------------------------------------------------- identity and aggregator links


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.COM:443/a/b/?utm_source=x&utm_medium=y&id=7#frag", "https://news.example.com/a/b?id=7"),
        ("http://news.example.com:80", "http://news.example.com/"),
        ("http://news.example.com:8080/", "http://news.example.com:8080/"),
        ("https://x.example/p?b=2&a=1&fbclid=abc&gclid=d&mc_cid=e", "https://x.example/p?a=1&b=2"),
        ("https://x.example//double//slash/", "https://x.example/double/slash"),
        ("https://x.example/?", "https://x.example/"),
        ("https://x.example/search?q=a+b&q=c", "https://x.example/search?q=a+b&q=c"),
        ("  https://x.example/story  ", "https://x.example/story"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical  # idempotent


def _google_news_id(publisher: str) -> str:
    encoded = publisher.encode()
    proto = b"\x08\x13\x22" + bytes([len(encoded)]) + encoded + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(proto).decode().rstrip("=")


@pytest.mark.parametrize(
    ("link", "publisher"),
    [
        (
            f"https://news.google.com/rss/articles/{_google_news_id('https://www.reuters.com/world/x-2025-11-03/')}?oc=5",
            "https://www.reuters.com/world/x-2025-11-03/",
        ),
        ("https://news.google.com/rss/articles/CBMiAU_yqLNewStyleOpaqueKey?oc=5", None),
        (
            "https://www.google.com/url?rct=j&sa=t&url=https%3A%2F%2Fapnews.com%2Farticle%2Fabc&ct=ga",
            "https://apnews.com/article/abc",
        ),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.bbc.com%2Fnews%2F1&h=AT0", "https://www.bbc.com/news/1"),
        (
            "https://www.bing.com/news/apiclick.aspx?url=https%3A%2F%2Fel-pais.example%2Fa&c=1",
            "https://el-pais.example/a",
        ),
        ("https://www.google.com/url?url=javascript:alert(1)", None),
        ("https://www.reuters.com/world/", None),
    ],
)
def test_publisher_url_from_aggregator_links(link: str, publisher: str | None) -> None:
    assert publisher_url_from_link(link) == publisher
    assert resolve_aggregator_link(link) == (publisher or link)


def test_feed_items_from_google_news_point_at_the_publisher(server: LocalHTTPServer, client: httpx.Client) -> None:
    link = f"https://news.google.com/rss/articles/{_google_news_id('https://www.reuters.com/a?utm_source=gn')}?oc=5"
    server.route("/gn.xml", body=rss(item(1, 1, link=link.replace("&", "&amp;"))), headers=RSS_HEADERS)
    result = poll_feed(client, FeedState(url=server.url("/gn.xml")), LOCAL, NOW)
    assert result.items[0].url == "https://www.reuters.com/a"


# --------------------------------------------------------------------------- parsing details


def test_parse_feed_without_link_or_guid_hashes_title() -> None:
    body = rss("<item><title>Only a title</title></item>", "<item><description>no title</description></item>")
    parsed = parse_feed(body, RSS_HEADERS, "https://f.example/rss")
    assert [i.url for i in parsed.items] == ["", ""]
    assert all(i.guid.startswith("sha1:") for i in parsed.items)
    assert len({i.guid for i in parsed.items}) == 2


def test_parse_feed_refuses_non_http_links() -> None:
    parsed = parse_feed(rss(item(1, 1, link="javascript:alert(1)")), RSS_HEADERS, "https://f.example/rss")
    assert parsed.items[0].url == ""


def test_parse_feed_raises_on_html() -> None:
    with pytest.raises(FeedParseError, match="HTML page"):
        parse_feed(b"<html><p>x</p></html>", {"content-type": "text/html"}, "https://f.example/")


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One Two & three"),
        ("<script>var x = 1;</script>Shown<style>p{}</style>", "Shown"),
        ("plain   text\n", "plain text"),
        ("<b>unclosed <i>tags", "unclosed tags"),
    ],
)
def test_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text
