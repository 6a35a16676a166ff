"""Headless Chromium for tests: the DOM after the page ran (`--dump-dom`) and a screenshot, offline.

`make .venv/.installed-dev` installs Debian's `chromium` when it is missing and we are root (CI); tests
that need it skip with the reason when it is still absent.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def chromium() -> str:
    """The browser's path, or the test skips saying how to get one."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium on PATH: `make .venv/.installed-dev` installs it as root (apt-get install chromium)")


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="claimwatch-chromium-") as profile:
        return subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def dump_dom(page: Path) -> str:
    result = _run(page, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(page: Path, png: Path, width: int = 1000, height: int = 1400) -> Path:
    result = _run(page, f"--screenshot={png}", f"--window-size={width},{height}")
    assert result.returncode == 0 and png.exists(), result.stderr[-2000:]
    return png
