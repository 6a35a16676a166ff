"""Shared fixtures. Area-specific helpers live in tests/support/ and are imported by the tests that use them."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _find_shared() -> Path:
    """../shared beside the checkout (CI), or beside the main checkout when run from a git worktree."""
    if "CLAIMWATCH_SHARED" in os.environ:
        return Path(os.environ["CLAIMWATCH_SHARED"])
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


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is absent (a user's fresh clone): corpus tests skip")
    return SHARED
