"""A local webhook receiver for tests: ThreadingHTTPServer on 127.0.0.1 with scripted answers."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a hung or slow receiver)


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class WebhookLog:
    """What the server received, and the answers still to give (then 200)."""

    def __init__(self, answers: list[Answer], default: Answer | None = None) -> None:
        self.answers: deque[Answer] = deque(answers)
        self.default = default or Answer()
        self.received: list[Received] = []
        self._arrived = threading.Condition()

    def record(self, request: Received) -> Answer:
        with self._arrived:
            self.received.append(request)
            self._arrived.notify_all()
            return self.answers.popleft() if self.answers else self.default

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} requests, got {len(self.received)}")
                self._arrived.wait(left)
            return list(self.received)


def _handler(log: WebhookLog) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.loads(raw) if raw else {}
            answer = log.record(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            time.sleep(answer.delay)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep pytest output clean

    return Handler


@contextmanager
def webhook_server(
    answers: list[Answer] | None = None, default: Answer | None = None
) -> Iterator[tuple[WebhookLog, int]]:
    """Serve on a free 127.0.0.1 port for the block (`answers` first, then `default`); yields (log, port)."""
    log = WebhookLog(answers or [], default)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(log))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield log, int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
