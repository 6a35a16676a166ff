"""Fetching article pages: `fetch_page` (I/O, through watchers.http) and `decode_html` (pure).

Decoding order: charset from the Content-Type header → byte-order mark → <meta charset> → strict UTF-8 →
charset detection. Invalid bytes become U+FFFD; a body that is mostly invalid is an EncodingError.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import httpx

from config.settings import HttpLimits
from watchers.errors import EncodingError, NotHTML
from watchers.http import fetch

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types servers wrongly send for HTML; we sniff the body before refusing them.
SNIFFED_TYPES = frozenset({"", "text/plain", "application/octet-stream", "application/xml", "text/xml"})
MAX_REPLACED_SHARE = 0.2  # more invalid characters than this: the "text" is binary or mis-declared beyond repair

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded HTML page, decoded to text."""

    url: str  # as requested
    final_url: str  # after checked redirects
    status: int
    html: str
    content_type: str
    encoding: str  # the codec used
    replaced_chars: int = 0  # bytes that were not valid in that codec and became U+FFFD
    redirects: tuple[str, ...] = ()


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _decode(body: bytes, codec: str) -> tuple[str, int]:
    text = body.decode(codec, errors="replace")
    return text, text.count("\ufffd") - body.count("\ufffd".encode())


def sniff_charset(body: bytes) -> str | None:
    """The codec a BOM or a <meta charset> in the first 4 KB names, if it is a known codec."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec
    match = _META_CHARSET.search(body[:4096])
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def decode_html(body: bytes, header_charset: str | None = None) -> tuple[str, str, int]:
    """(text, codec, replaced characters) for an HTML body. Raises EncodingError when no codec makes text of it."""
    if b"\x00" in body[:1024] and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError("body contains NUL bytes: binary data, not HTML text")
    declared = _codec(header_charset) or sniff_charset(body)
    if declared in ("utf-16", "utf-16-le", "utf-16-be") and not body.startswith((codecs.BOM_UTF16_LE, b"\xfe\xff")):
        declared = None  # a <meta> that says UTF-16 in an ASCII-compatible page is a lie
    if declared:
        text, replaced = _decode(body, declared)
    else:
        try:
            text, replaced, declared = body.decode("utf-8"), 0, "utf-8"
        except UnicodeDecodeError:
            guess = charset_normalizer.from_bytes(body[:200_000]).best()
            declared = _codec(guess.encoding if guess else None) or "cp1252"
            text, replaced = _decode(body, declared)
    if text and replaced / len(text) > MAX_REPLACED_SHARE:
        raise EncodingError(f"{replaced} of {len(text)} characters are invalid {declared}")
    return text, declared, replaced


def looks_like_html(body: bytes) -> bool:
    return bool(_HTML_START.match(body[:2048].lstrip(codecs.BOM_UTF8)))


def fetch_page(client: httpx.Client, url: str, limits: HttpLimits) -> FetchedPage:
    """Download one page within the limits and decode it. Raises FetchError subclasses (NotHTML, EncodingError, ...)."""
    response = fetch(client, url, limits, max_bytes=limits.max_page_bytes, headers={"Accept": PAGE_ACCEPT})
    media = response.media_type
    if media not in HTML_TYPES and not (media in SNIFFED_TYPES and looks_like_html(response.body)):
        raise NotHTML(f"{media or 'no declared type'}, not HTML")
    html, codec, replaced = decode_html(response.body, response.charset)
    return FetchedPage(
        url=url,
        final_url=response.url,
        status=response.status,
        html=html,
        content_type=media,
        encoding=codec,
        replaced_chars=replaced,
        redirects=response.redirects,
    )
