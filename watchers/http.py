"""The HTTP edge: one client, one fetch primitive, and the SSRF guard.

Every byte claimwatch downloads goes through `fetch`: redirects are followed here (each hop checked by the
SSRF guard), bodies are read raw and decompressed by us under a byte cap, and one wall-clock deadline covers
the whole exchange, connect and header phases included (a server trickling a byte a second cannot hold us).
The client built by `build_client` also re-checks the address it actually connects to (DNS rebinding) and
holds a per-host slot for as long as a response is open.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from config.settings import HttpLimits
from watchers.errors import (
    BlockedAddress,
    BodyTooLarge,
    ConnectError,
    DNSError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    ProtocolError,
    TooManyRedirects,
)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
Resolver = Callable[[str, int], list[str]]

# The deadline (time.monotonic) of the fetch running in this thread/context; the network streams read it.
_deadline: ContextVar[float | None] = ContextVar("claimwatch_fetch_deadline", default=None)


# --------------------------------------------------------------------------- SSRF guard


def resolve_host(host: str, port: int) -> list[str]:
    """All addresses `host` resolves to (socket.getaddrinfo), as strings."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise DNSError(f"cannot resolve {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# Prefixes that carry an IPv4 address inside an IPv6 one: the embedded address decides (a 6to4 or NAT64 form of
# 169.254.169.254 is the metadata service all the same). Local-use NAT64 (RFC 8215) is never public.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address embeds: 6to4 (2002::/16), Teredo (2001::/32: server and client)
    and NAT64 (64:ff9b::/96)."""
    found = [ip.sixtofour] if ip.sixtofour is not None else []
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _plainly_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    bad = ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
    return not (bad or ip.is_unspecified) and ip.is_global


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved, unspecified and shared (CGNAT) addresses,
    and for IPv6 forms that embed one (IPv4-mapped, 6to4, Teredo, NAT64)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _plainly_public(ip.ipv4_mapped)
        if ip in _NAT64_LOCAL:
            return False
        if not all(_plainly_public(v4) for v4 in _embedded_ipv4(ip)):
            return False
    return _plainly_public(ip)


def _allow_entry(entry: str) -> tuple[str, int | None]:
    """An allowlist entry as (host, IP or network; port or None): `host`, `host:8080`, `10.0.0.0/8`, `::1`,
    `[::1]:8080`, `127.0.0.1:8080`."""
    entry = entry.strip().lower()
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
        return host, int(port) if port.isdigit() else None
    if entry.count(":") == 1:  # exactly one colon: host:port (an IPv6 address has more)
        host, _, port = entry.partition(":")
        return host, int(port) if port.isdigit() else None
    return entry, None


def _allowed(host: str, port: int, address: str, allow: Iterable[str]) -> bool:
    """Whether an allowlist entry admits connecting to `address` for `host`:`port`. Checked when connecting, with
    the address actually used: a name entry admits what that name resolves to at that moment, on its port."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    for entry in allow:
        name, entry_port = _allow_entry(entry)
        if entry_port is not None and entry_port != port:
            continue
        if name == host.lower().strip("[]"):
            return True
        try:
            if ip in ipaddress.ip_network(name, strict=False):
                return True
        except ValueError:
            continue
    return False


def checked_addresses(host: str, port: int, limits: HttpLimits, resolve: Resolver = resolve_host) -> list[str]:
    """The addresses of `host` we may connect to; BlockedAddress when any of them is non-public and not allowlisted.

    One bad address blocks the host: a name that resolves to both a public and a private address is an attack.
    """
    addresses = resolve(host, port)
    if not addresses:
        raise DNSError(f"{host!r} resolves to no address")
    for address in addresses:
        if not is_public_address(address) and not _allowed(host, port, address, limits.allow_private_hosts):
            raise BlockedAddress(f"{host} resolves to non-public address {address}")
    return addresses


def check_url(url: str, limits: HttpLimits, resolve: Resolver = resolve_host) -> httpx.URL:
    """The parsed URL if it is http(s) and its host passes the SSRF guard; raises InvalidURL / BlockedAddress."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidURL(f"invalid URL {url!r}: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise InvalidURL(f"only http(s) URLs are fetched, not {parsed.scheme or 'a relative URL'}: {url!r}")
    if not parsed.host:
        raise InvalidURL(f"URL has no host: {url!r}")
    checked_addresses(parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80), limits, resolve)
    return parsed


# --------------------------------------------------------------------------- the network layer under httpx


def _remaining(timeout: float | None) -> float | None:
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("total deadline of the response exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read/write waits no longer than the current fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that pass the SSRF guard, resolved here: DNS cannot change between check and use."""

    def __init__(self, limits: HttpLimits, resolve: Resolver) -> None:
        self._limits = limits
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in checked_addresses(host, port, self._limits, self._resolve):
            try:
                stream = super().connect_tcp(address, port, _remaining(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


class HostLimiter:
    """At most `per_host` open responses per host, shared by every thread that uses one client."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._slots.setdefault(host.lower(), threading.BoundedSemaphore(self._per_host))

    def acquire(self, host: str, timeout: float | None) -> Callable[[], None]:
        """Take a slot for `host` (FetchTimeout if none frees up in time); returns the function that gives it back."""
        sem = self._semaphore(host)
        if not sem.acquire(timeout=timeout if timeout is None else max(timeout, 0.0)):
            raise FetchTimeout(f"no free connection slot for {host} before the deadline")
        return sem.release

    @contextmanager
    def slot(self, host: str, timeout: float | None = None) -> Iterator[None]:
        release = self.acquire(host, timeout)
        try:
            yield
        finally:
            release()


class _ReleasingStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, release: Callable[[], None]) -> None:
        self._inner, self._release = inner, release
        self._released = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self._inner

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            if not self._released:
                self._released = True
                self._release()


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the guarded, deadline-aware network backend and a per-host slot per open response."""

    def __init__(self, limits: HttpLimits, resolve: Resolver = resolve_host) -> None:
        pool = httpx.Limits(max_connections=limits.max_connections, max_keepalive_connections=limits.max_connections)
        super().__init__(limits=pool, trust_env=False)
        # httpx has no public hook for the network backend; rebuild its pool with ours (same settings).
        self._pool = httpcore.ConnectionPool(
            ssl_context=self._pool._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_connections,
            keepalive_expiry=pool.keepalive_expiry,
            network_backend=_GuardedBackend(limits, resolve),
        )
        self.hosts = HostLimiter(limits.per_host_concurrency)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = _deadline.get()
        release = self.hosts.acquire(request.url.host, None if deadline is None else deadline - time.monotonic())
        try:
            response = super().handle_request(request)
        except BaseException:
            release()
            raise
        assert isinstance(response.stream, httpx.SyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_ReleasingStream(response.stream, release),
            extensions=response.extensions,
        )


def build_client(limits: HttpLimits, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The one HTTP client: timeouts, connection limits, our User-Agent, no automatic redirects (`fetch` follows
    them, checking each hop), no proxy or .netrc from the environment."""
    timeout = httpx.Timeout(
        connect=limits.connect_timeout, read=limits.read_timeout, write=limits.read_timeout, pool=limits.total_timeout
    )
    return httpx.Client(
        transport=transport or GuardedTransport(limits),
        timeout=timeout,
        headers={"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,
        trust_env=False,
    )


# --------------------------------------------------------------------------- responses and Retry-After


def parse_retry_after(value: str | None, reference: datetime) -> float | None:
    """Retry-After in seconds from either form (delta-seconds or HTTP-date, relative to `reference`); None if absent
    or unreadable. Never negative."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - reference).total_seconds())


def _server_time(headers: Mapping[str, str]) -> datetime:
    """The server's clock (Date header) when it sent one: the right reference for an HTTP-date Retry-After."""
    try:
        when = parsedate_to_datetime(headers.get("date", ""))
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        return datetime.now(UTC)


@dataclass(frozen=True)
class HttpResponse:
    """A finished response: final URL after checked redirects, status, headers and the decoded (capped) body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    redirects: tuple[str, ...] = ()
    permanent_redirect: bool = False  # every hop was 301/308: callers may update the stored URL
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip().strip("\"'"):
                return value.strip().strip("\"'").lower()
        return None


# --------------------------------------------------------------------------- body reading


class _Decoder:
    """Undoes one Content-Encoding without ever producing more than the cap (zip bombs stop at cap + 1 byte)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._first = True
        if coding in ("gzip", "x-gzip"):
            self._z: Any = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._z = zlib.decompressobj()
        elif coding in ("", "identity"):
            self._z = None
        else:
            raise ProtocolError(f"unsupported content-encoding {coding!r}")

    def feed(self, data: bytes, room: int) -> bytes:
        if self._z is None:
            return data
        try:
            out = bytes(self._z.decompress(data, room + 1))
        except zlib.error as exc:
            if self._first and self.coding == "deflate":  # some servers send raw deflate, without the zlib header
                self._first = False
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.feed(data, room)
            raise ProtocolError(f"corrupt {self.coding} body: {exc}") from exc
        self._first = False
        return out

    def finish(self) -> None:
        if self._z is not None and not self._z.eof:
            raise ProtocolError(f"truncated {self.coding} body")


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:  # as sent; the decompressed size is checked while reading
        raise BodyTooLarge(f"body of {int(declared)} bytes (Content-Length) exceeds the cap of {max_bytes}")
    decoder = _Decoder(response.headers.get("content-encoding", "").strip().lower())
    out = bytearray()
    received = 0
    for raw in response.iter_raw(CHUNK):
        received += len(raw)
        if received > max_bytes:
            raise BodyTooLarge(f"body exceeds the cap of {max_bytes} bytes as sent")
        out += decoder.feed(raw, max_bytes - len(out))
        if len(out) > max_bytes:
            raise BodyTooLarge(f"decompressed body exceeds the cap of {max_bytes} bytes ({decoder.coding})")
        if time.monotonic() > deadline:
            raise FetchTimeout("total deadline of the response exceeded while reading the body")
    if received:
        decoder.finish()
    return bytes(out)


# --------------------------------------------------------------------------- the fetch primitive


def _header_bytes(headers: Mapping[str, str]) -> dict[bytes, bytes]:
    """Header values as bytes: a validator the server sent in Latin-1 goes back byte for byte (httpx would insist
    on ASCII and raise)."""
    out = {}
    for name, value in headers.items():
        try:
            out[name.encode("ascii")] = value.encode("latin-1")
        except UnicodeEncodeError:
            out[name.encode("ascii")] = value.encode("utf-8")
    return out


def _hop(url: str, current: str) -> str:
    """' (at <hop>)' when a redirect took us elsewhere; messages are stored per feed, so the feed URL is known."""
    return "" if current == url else f" (at {current})"


@contextmanager
def _translated_errors(where: str) -> Iterator[None]:
    """Third-party errors become ours here, at the edge; `where` names the redirect hop, if any."""
    try:
        yield
    except FetchError:
        raise
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"{type(exc).__name__}: {exc or 'timed out'}{where}") from exc
    except httpx.ConnectError as exc:
        raise ConnectError(f"cannot connect: {exc}{where}") from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise InvalidURL(f"invalid URL: {exc}{where}") from exc
    except (httpx.RemoteProtocolError, httpx.LocalProtocolError, httpx.DecodingError) as exc:
        raise ProtocolError(f"HTTP protocol error: {exc}{where}") from exc
    except (httpx.HTTPError, httpx.StreamError, OSError) as exc:
        raise ConnectError(f"{type(exc).__name__}: {exc}{where}") from exc


def fetch(
    client: httpx.Client,
    url: str,
    limits: HttpLimits,
    *,
    max_bytes: int,
    headers: Mapping[str, str] | None = None,
    read_body: bool = True,
) -> HttpResponse:
    """GET `url`, following up to `limits.max_redirects` redirects (each hop SSRF-checked), within one
    `limits.total_timeout` deadline, reading at most `max_bytes` (as sent and decompressed).

    Returns 2xx and 304 responses; raises HTTPStatusError for 4xx/5xx and other FetchError subclasses for the rest.
    With `read_body=False` the body is not downloaded (used to discover where a redirect chain ends).
    """
    started = time.monotonic()
    deadline = started + limits.total_timeout
    token = _deadline.set(deadline)
    hops: list[str] = []
    permanent = True
    current = url
    try:
        while True:
            target = check_url(current, limits)
            with _translated_errors(_hop(url, current)):
                request = client.build_request("GET", target, headers=_header_bytes(headers or {}))
                response = client.send(request, stream=True)
                try:
                    status = response.status_code
                    if status in REDIRECT_STATUSES:
                        location = response.headers.get("location", "").strip()
                        if not location:
                            raise ProtocolError(f"redirect {status} without Location{_hop(url, current)}")
                        nxt = urljoin(current, location)
                        hops.append(current)
                        permanent = permanent and status in (301, 308)
                        if len(hops) > limits.max_redirects:
                            raise TooManyRedirects(f"more than {limits.max_redirects} redirects")
                        if nxt in hops:
                            raise TooManyRedirects(f"redirect loop at {nxt}")
                        current = nxt
                        continue
                    if status >= 400:
                        retry = parse_retry_after(response.headers.get("retry-after"), _server_time(response.headers))
                        reason = response.reason_phrase or "error"
                        raise HTTPStatusError(f"HTTP {status} {reason}{_hop(url, current)}", status, retry)
                    if status != 304 and not 200 <= status < 300:
                        raise ProtocolError(f"unexpected HTTP status {status}{_hop(url, current)}")
                    body = _read_body(response, max_bytes, deadline) if read_body and status != 304 else b""
                finally:
                    response.close()
            return HttpResponse(
                url=current,
                status=status,
                headers=response.headers,
                body=body,
                redirects=tuple(hops),
                permanent_redirect=bool(hops) and permanent,
                elapsed=time.monotonic() - started,
            )
    finally:
        _deadline.reset(token)


def resolve_redirects(client: httpx.Client, url: str, limits: HttpLimits) -> str:
    """Where `url`'s redirect chain ends (every hop checked), without downloading the final body."""
    return fetch(client, url, limits, max_bytes=0, read_body=False).url


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
