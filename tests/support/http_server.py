"""A real HTTP server on 127.0.0.1 in a thread, with per-path behaviours, for tests and benchmarks.

    with LocalHTTPServer() as srv:
        srv.route("/feed.xml", body=xml, headers={"Content-Type": "application/rss+xml"}, etag='"v1"')
        srv.route("/old", status=301, redirect_to="/feed.xml")
        srv.route("/slow", body=b"x" * 100, trickle=(1, 0.05))      # 1 byte every 50 ms
        srv.route("/big", stream=lambda: (b"a" * 65536 for _ in range(800)))  # 50 MB, never held in memory
        srv.serve_directory("/corpus/", Path("..."), headers_for=lambda p: {...})
        url = srv.url("/feed.xml"); srv.requests  # what was asked, with headers

Behaviours: status, headers, body or streamed body, ETag / Last-Modified with 304 on a matching conditional
request, redirects, gzip on the fly, pre-encoded bodies (set Content-Encoding yourself), byte trickling of the
body or of the headers, and arbitrary handlers. Every request is recorded.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lowercased names


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # sent as ETag; a matching If-None-Match gets 304
    last_modified: str | None = None  # sent as Last-Modified; an equal If-Modified-Since gets 304
    redirect_to: str | None = None  # Location (status defaults to 302 when status is 200)
    gzip: bool = False  # compress `body` and send Content-Encoding: gzip
    trickle: tuple[int, float] | None = None  # (bytes, seconds): send the body that many bytes at a time
    trickle_headers: float | None = None  # seconds between single bytes of the status line and headers
    stream: Callable[[], Iterable[bytes]] | None = None  # body produced chunk by chunk (no Content-Length)
    handler: Callable[[RecordedRequest], tuple[int, Mapping[str, str], bytes]] | None = None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        srv = self.server.owner
        req = RecordedRequest("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
        srv._record(req)
        route = srv._find(self.path.split("?", 1)[0])
        try:
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
            else:
                self._serve(route, req)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _serve(self, route: Route, req: RecordedRequest) -> None:
        if route.handler is not None:
            status, headers, body = route.handler(req)
            self._send(status, dict(headers), body)
            return
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        inm, ims = req.headers.get("if-none-match"), req.headers.get("if-modified-since")
        if (route.etag and inm == route.etag) or (
            route.last_modified and not route.etag and ims == route.last_modified
        ):
            self._send(304, {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}, b"")
            return
        if route.redirect_to is not None:
            headers["Location"] = route.redirect_to
            self._send(route.status if route.status != 200 else 302, headers, b"")
            return
        if route.stream is not None:
            self._send_stream(route.status, headers, route.stream())
            return
        body = route.body
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(route.status, headers, body, trickle=route.trickle, trickle_headers=route.trickle_headers)

    def _head_bytes(self, status: int, headers: Mapping[str, str]) -> bytes:
        lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _send(
        self,
        status: int,
        headers: dict[str, str],
        body: bytes,
        trickle: tuple[int, float] | None = None,
        trickle_headers: float | None = None,
    ) -> None:
        headers.setdefault("Content-Length", str(len(body)))
        head = self._head_bytes(status, headers)
        stop = self.server.owner._stopping
        if trickle_headers is not None:
            for i in range(len(head)):
                if stop.wait(trickle_headers):
                    return
                self.wfile.write(head[i : i + 1])
                self.wfile.flush()
        elif trickle is None:
            self.wfile.write(head + body)  # one write: head and body in separate small writes cost 40 ms (Nagle)
            return
        else:
            self.wfile.write(head)
        if trickle is None:
            self.wfile.write(body)
        else:
            step, delay = trickle
            for i in range(0, len(body), step):
                self.wfile.write(body[i : i + step])
                self.wfile.flush()
                if stop.wait(delay):
                    return
        self.wfile.flush()

    def _send_stream(self, status: int, headers: dict[str, str], chunks: Iterable[bytes]) -> None:
        headers["Connection"] = "close"
        self.close_connection = True
        self.wfile.write(self._head_bytes(status, headers))
        for chunk in chunks:
            if self.server.owner._stopping.is_set():
                return
            self.wfile.write(chunk)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalHTTPServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up early (caps, deadlines) are the point of many tests


class LocalHTTPServer:
    """A threaded HTTP server on 127.0.0.1 (random free port) serving configured routes; use as a context manager."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._dirs: list[tuple[str, Path, Callable[[Path], dict[str, str]] | None]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, **behaviour: Any) -> Route:
        """Serve `path` with the given Route fields (status, body, headers, etag, redirect_to, gzip, trickle, ...)."""
        route = Route(**behaviour)
        with self._lock:
            self._routes[path] = route
        return route

    def serve_directory(
        self, prefix: str, root: Path, headers_for: Callable[[Path], dict[str, str]] | None = None
    ) -> None:
        """Serve every file under `root` at `prefix + relative path`, read on request (large trees stay on disk)."""
        with self._lock:
            self._dirs.append((prefix, root, headers_for))

    def _find(self, path: str) -> Route | None:
        with self._lock:
            route = self._routes.get(path)
            dirs = list(self._dirs)
        if route is not None:
            return route
        for prefix, root, headers_for in dirs:
            if path.startswith(prefix):
                file = (root / path[len(prefix) :]).resolve()
                if file.is_file() and root.resolve() in file.parents:
                    headers = headers_for(file) if headers_for else {"Content-Type": "application/octet-stream"}
                    return Route(body=file.read_bytes(), headers=headers)
        return None

    def _record(self, req: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(req)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def start(self) -> LocalHTTPServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0, interval: float = 0.01) -> bool:
    """Poll `predicate` until true or `timeout` seconds pass; returns its last value (a condition with a deadline)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return predicate()
        time.sleep(interval)
    return True
