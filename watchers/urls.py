"""URL identity: one canonical form per article, and aggregator links turned back into publisher URLs.

`canonical_url` and `publisher_url_from_link` are pure; `resolve_aggregator_link` may follow a redirect
through the injected client when the publisher URL cannot be read from the link itself.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from config.settings import HttpLimits
from watchers.errors import FetchError
from watchers.http import resolve_redirects

DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that say how a reader arrived, not which document it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "vero_conv", "rb_clickid", "s_cid", "cmpid", "ncid", "ocid", "sr_share",
        "ref_src", "ref_url", "smid", "smtyp", "cid_source", "at_medium", "at_campaign", "at_custom1",
        "spm", "xtor", "__twitter_impression", "guccounter", "guce_referrer", "guce_referrer_sig",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "itm_")


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """One spelling per document: lowercase scheme and host, no default port, no fragment, no tracking
    parameters, sorted query, and no trailing slash except on the root path. Non-http(s) input is returned stripped."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None or port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


# --------------------------------------------------------------------------- aggregator links

# Hosts whose links carry the publisher URL in a query parameter, and which parameter it is.
REDIRECT_PARAMS: dict[str, tuple[str, ...]] = {
    "news.google.com": ("url",),
    "www.google.com": ("url", "q"),
    "google.com": ("url", "q"),
    "l.facebook.com": ("u",),
    "lm.facebook.com": ("u",),
    "www.bing.com": ("url",),
    "bing.com": ("url",),
    "out.reddit.com": ("url",),
    "r.search.yahoo.com": ("RU",),
    "slack-redir.net": ("url",),
    "t.umblr.com": ("z",),
}
# Hosts whose links are opaque redirects: only following them reveals the publisher URL.
REDIRECT_ONLY_HOSTS = frozenset(
    {"feedproxy.google.com", "feeds.feedburner.com", "t.co", "bit.ly", "ow.ly", "dlvr.it", "trib.al", "buff.ly"}
)


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data):
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise ValueError("truncated varint")


def _google_news_article_url(token: str) -> str | None:
    """The publisher URL inside an old-style Google News article id (a base64 protobuf whose field 4 is the URL).
    New-style ids ("AU_yqL…") hold only a server-side key and return None."""
    try:
        data = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    pos = 0
    try:
        while pos < len(data):
            key, pos = _varint(data, pos)
            field, wire = key >> 3, key & 7
            if wire == 0:
                _, pos = _varint(data, pos)
            elif wire == 2:
                length, pos = _varint(data, pos)
                chunk, pos = data[pos : pos + length], pos + length
                if field == 4 and chunk.startswith((b"http://", b"https://")):
                    return chunk.decode("utf-8", "replace")
            else:
                return None
    except ValueError:
        return None
    return None


def publisher_url_from_link(url: str) -> str | None:
    """The publisher URL an aggregator link carries in itself (query parameter or encoded id), else None. Pure."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    params = dict(parse_qsl(parts.query))
    for name in REDIRECT_PARAMS.get(host, ()):
        target = params.get(name, "")
        if target.startswith(("http://", "https://")):
            return target
    if host == "news.google.com":
        match = re.search(r"/(?:rss/)?articles/([A-Za-z0-9_-]+)", parts.path)
        if match:
            return _google_news_article_url(match.group(1))
    return None


def resolve_aggregator_link(
    url: str,
    client: httpx.Client | None = None,
    limits: HttpLimits | None = None,
    redirect_hosts: frozenset[str] = REDIRECT_ONLY_HOSTS,
) -> str:
    """The publisher URL behind an aggregator link; the link itself when it is not one or cannot be resolved.

    Reads the URL from the link when it is there; otherwise, given a client, follows the redirect chain
    (every hop SSRF-checked) without downloading the target's body.
    """
    found = publisher_url_from_link(url)
    if found:
        return found
    host = (urlsplit(url).hostname or "").lower()
    if client is None or limits is None or host not in redirect_hosts:
        return url
    try:
        return resolve_redirects(client, url, limits)
    except FetchError:
        return url


def absolute_url(base: str, link: str) -> str:
    return urljoin(base, link.strip())
