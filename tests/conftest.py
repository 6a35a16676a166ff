"""Shared fixtures. Area-specific helpers live in tests/support/ and are imported by the tests that use them."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Store
from tests.support.http_server import LocalHTTPServer
from tests.support.store import BACKENDS, backend_store, postgres_store

ROOT = Path(__file__).resolve().parent.parent


def _find_shared() -> Path:
    """../shared beside the checkout (CI), or beside the main checkout when run from a git worktree."""
    for name in ("CLAIMWATCH_SHARED_DIR", "CLAIMWATCH_SHARED"):
        if name in os.environ:
            return Path(os.environ[name])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


SHARED = _find_shared()

# Prefect, if a test starts it, must not phone home from an offline machine.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a socket to a non-loopback address: no test reaches the internet."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("127."):
            raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _logging_handlers_restored() -> Iterator[None]:
    """A test that runs Prefect leaves its console handler on the root logger, bound to that test's captured
    (then closed) stream; later tests would see its 'Message: …' complaints. Each test starts from the same
    handlers."""
    loggers = [logging.getLogger(name) for name in (None, "claimwatch", "prefect", "uvicorn", "fastapi")]
    saved = [(lg, list(lg.handlers), lg.level, lg.propagate) for lg in loggers]
    yield
    for lg, handlers, level, propagate in saved:
        lg.handlers[:] = handlers
        lg.setLevel(level)
        lg.propagate = propagate


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is absent (a user's fresh clone): corpus tests skip")
    return SHARED


@pytest.fixture
def server() -> Iterator[LocalHTTPServer]:
    """A real HTTP server on 127.0.0.1 for this test (routes set by the test)."""
    with LocalHTTPServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def pg_store() -> Iterator[Store]:
    """One migrated store in a fresh PostgreSQL schema for the session (skips when the server is down)."""
    with postgres_store() as store:
        yield store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store: SQLite in tmp_path, and PostgreSQL (tests run once on each)."""
    yield from backend_store(request.param, request, tmp_path)
