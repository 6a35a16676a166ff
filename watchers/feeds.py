"""Polling feeds: conditional GET through watchers.http, parse with feedparser, and the feed's new state.

`poll_feed` never raises for a feed's own failures: they come back as `PollResult(status="error")` with the
error class and message, which `update_feed_state` stores on the feed (backoff, never abandoned).
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any, Literal

import feedparser
import httpx

from config.settings import HttpLimits
from watchers.errors import FeedParseError, FetchError, HTTPStatusError
from watchers.health import DEFAULT_INTERVAL, MAX_BACKOFF, backoff_delay, updated_cadence
from watchers.http import fetch
from watchers.models import FeedItem, FeedState
from watchers.urls import canonical_url, publisher_url_from_link

log = logging.getLogger("claimwatch.feeds")

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
MAX_WARNING = 300
MAX_RETRY_AFTER = timedelta(days=1)  # honour Retry-After, but a feed is never parked longer than this

PollStatus = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed gave: items, or not modified, or an error stored on the feed."""

    status: PollStatus
    items: list[FeedItem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error_class: str | None = None
    error: str | None = None
    retry_after: float | None = None  # seconds, from the server's Retry-After
    http_status: int | None = None
    final_url: str | None = None  # after redirects
    permanent_redirect: bool = False  # the feed moved (301/308 all the way): callers may store final_url
    warning: str | None = None  # a bozo feed that still gave entries
    feed_title: str = ""
    version: str = ""

    def apply(self, state: FeedState, now: datetime) -> FeedState:
        return update_feed_state(state, self, now)


# --------------------------------------------------------------------------- parsing (pure)


class _TextOnly(HTMLParser):
    SKIP = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment (feed titles and summaries), whitespace collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    parser = _TextOnly()
    try:
        parser.feed(fragment)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # HTMLParser is lenient, but a summary must never fail a poll
        text = html.unescape(re.sub(r"<[^>]*>", " ", fragment))
    return " ".join(text.split())


def _entry_time(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, TypeError, OSError):
                continue
    return None


def _entry_item(entry: Mapping[str, Any], feed_url: str) -> FeedItem | None:
    link = str(entry.get("link") or "").strip()
    if link:
        link = canonical_url(publisher_url_from_link(link) or link)
    if not link.startswith(("http://", "https://")):
        link = ""
    title = html_to_text(str(entry.get("title") or ""))
    summary = html_to_text(str(entry.get("summary") or ""))
    guid = str(entry.get("id") or "").strip() or link
    if not guid:
        if not (title or summary):
            return None  # nothing to identify or say
        guid = "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()
    return FeedItem(feed_url=feed_url, guid=guid, url=link, title=title, summary=summary, published=_entry_time(entry))


def _describe(exc: object) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= MAX_WARNING else text[: MAX_WARNING - 1] + "…"


@dataclass(frozen=True)
class ParsedFeed:
    items: list[FeedItem]
    version: str
    title: str
    warning: str | None


def parse_feed(body: bytes, headers: Mapping[str, str], url: str, feed_url: str | None = None) -> ParsedFeed:
    """Items of a feed body. Raises FeedParseError when it is not a usable feed (no version and no entries).

    feedparser gets a byte stream (a bare str or even bytes may be taken for a file name or URL and opened) and the
    response headers, with Content-Location = the final URL so relative links become absolute.
    """
    response_headers = {k.lower(): v for k, v in headers.items()}
    response_headers["content-location"] = url
    try:
        # We keep text only (html_to_text), so feedparser's HTML sanitizing and URI rewriting would be wasted time.
        parsed = feedparser.parse(
            io.BytesIO(body), response_headers=response_headers, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as exc:  # feedparser swallows nearly everything; "nearly" must not stop the poller
        raise FeedParseError(f"feedparser crashed: {_describe(exc)}") from exc
    version = str(parsed.get("version") or "")
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not version and not entries:
        media = response_headers.get("content-type", "").split(";", 1)[0].strip() or "no content type"
        if not body.strip():
            raise FeedParseError("empty response body")
        if b"<html" in body[:2048].lower() or media in ("text/html", "application/xhtml+xml"):
            raise FeedParseError(f"an HTML page ({media}), not a feed")
        reason = _describe(problem) if problem else "no entries and no known feed format (RSS, Atom, RDF)"
        raise FeedParseError(f"not a feed ({media}): {reason}")
    items: dict[str, FeedItem] = {}
    for entry in entries:
        item = _entry_item(entry, feed_url or url)
        if item is not None:
            items.setdefault(item.guid, item)
    title = html_to_text(str(parsed.get("feed", {}).get("title") or ""))
    return ParsedFeed(list(items.values()), version, title, _describe(problem) if problem else None)


# --------------------------------------------------------------------------- polling (I/O)


def _conditional_headers(state: FeedState) -> dict[str, str]:
    headers = {"Accept": FEED_ACCEPT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def poll_feed(client: httpx.Client, state: FeedState, limits: HttpLimits, now: datetime) -> PollResult:
    """Poll one feed once: conditional GET, 304 short-cut, size-capped body, parse. Errors are returned, not raised."""
    del now  # the poll itself is timeless; `update_feed_state(state, result, now)` dates it
    try:
        return _poll(client, state, limits)
    except Exception as exc:  # one feed's surprise must not stop the cycle; it is stored on the feed and logged
        log.exception("unexpected error polling feed", extra={"feed_url": state.url})
        return PollResult("error", error_class=type(exc).__name__, error=f"unexpected error: {exc}")


def _poll(client: httpx.Client, state: FeedState, limits: HttpLimits) -> PollResult:
    headers = _conditional_headers(state)
    try:
        response = fetch(client, state.url, limits, max_bytes=limits.max_feed_bytes, headers=headers)
    except HTTPStatusError as exc:
        error = PollResult("error", error_class=type(exc).__name__, error=str(exc), http_status=exc.status)
        return replace(error, retry_after=exc.retry_after)
    except FetchError as exc:
        return PollResult("error", error_class=type(exc).__name__, error=str(exc))
    seen = PollResult(
        "ok", http_status=response.status, final_url=response.url, permanent_redirect=response.permanent_redirect
    )
    etag = response.headers.get("etag") or None
    modified = response.headers.get("last-modified") or None
    if response.not_modified:
        return replace(
            seen, status="not_modified", etag=etag or state.etag, last_modified=modified or state.last_modified
        )
    try:
        feed = parse_feed(response.body, response.headers, response.url, feed_url=state.url)
    except FeedParseError as exc:
        return replace(seen, status="error", error_class="FeedParseError", error=str(exc))
    return replace(
        seen,
        items=feed.items,
        etag=etag,
        last_modified=modified,
        warning=feed.warning,
        feed_title=feed.title,
        version=feed.version,
    )


def update_feed_state(
    state: FeedState,
    result: PollResult,
    now: datetime,
    interval: timedelta = DEFAULT_INTERVAL,
    max_backoff: timedelta = MAX_BACKOFF,
) -> FeedState:
    """The feed's state after `result`: validators, error counter and message, next check (exponential backoff with a
    cap on errors, Retry-After honoured up to a day), and cadence (when items last appeared, their usual gap)."""
    if result.status == "error":
        errors = state.consecutive_errors + 1
        delay = backoff_delay(errors, interval, max_backoff)
        if result.retry_after is not None:
            delay = max(delay, min(timedelta(seconds=result.retry_after), MAX_RETRY_AFTER))
        return replace(
            state,
            consecutive_errors=errors,
            last_error_class=result.error_class,
            last_error=result.error,
            last_checked_at=now,
            next_check_at=now + delay,
        )
    state = replace(
        state,
        consecutive_errors=0,
        last_error_class=None,
        last_error=None,
        last_checked_at=now,
        last_success_at=now,
        next_check_at=now + interval,
    )
    if result.status == "not_modified":
        return replace(state, etag=result.etag or state.etag, last_modified=result.last_modified or state.last_modified)
    state = replace(state, etag=result.etag, last_modified=result.last_modified)
    return updated_cadence(state, [item.published for item in result.items if item.published], now)
