"""The exceptions of fetching and parsing. Third-party errors (httpx, sockets, codecs) become these at the edge.

Each class name is what ends up in `FeedState.last_error_class`, so names are part of what users see.
"""

from __future__ import annotations


class FetchError(Exception):
    """Fetching a URL failed; the message says why in one line."""


class InvalidURL(FetchError):
    """The URL is malformed or not http(s)."""


class BlockedAddress(FetchError):
    """The host resolves to a private, loopback, link-local, multicast or reserved address (SSRF guard)."""


class DNSError(FetchError):
    """The host name could not be resolved."""


class ConnectError(FetchError):
    """The TCP/TLS connection could not be established."""


class FetchTimeout(FetchError):
    """Connect, read or the total wall-clock deadline of one response ran out."""


class TooManyRedirects(FetchError):
    """The redirect chain is longer than the limit, loops, or has no Location."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx/5xx); `retry_after` is its Retry-After in seconds, if any."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BodyTooLarge(FetchError):
    """The body (as sent, or once decompressed) exceeds the byte cap."""


class ProtocolError(FetchError):
    """The server broke HTTP: bad framing, a truncated body or undecodable content-encoding."""


class UnsupportedContentType(FetchError):
    """The response has a content type we do not handle here."""


class NotHTML(UnsupportedContentType):
    """A page was expected but the response is not HTML."""


class EncodingError(FetchError):
    """The body cannot be decoded into text."""


class FeedParseError(Exception):
    """A feed response was fetched but is not a usable feed (HTML page, no entries and no version, ...)."""
