"""A complete claimwatch environment for end-to-end tests: a temp data dir, a watch file whose feeds point at
a local server, the baseline documents beside it, and CLAIMWATCH_* variables for routes and limits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from config import BASELINE_DIR, CONFIG_DIR, DEFAULT_WATCH_FILE

DEMO_DIR = CONFIG_DIR / "demo"


def write_watch(directory: Path, feeds: list[str], *, routes: list[dict[str, Any]] | None = None) -> Path:
    """A copy of the shipped watch with these feeds, immediate delivery (no digest, no quiet hours)."""
    raw = yaml.safe_load(DEFAULT_WATCH_FILE.read_text(encoding="utf-8"))
    raw["feeds"] = [{"url": url, "name": f"test feed {i}"} for i, url in enumerate(feeds)]
    raw["alerts"]["digest"]["enabled"] = False
    raw["alerts"]["quiet_hours"]["enabled"] = False
    if routes is not None:
        raw["alerts"]["routes"] = routes
    shutil.copytree(BASELINE_DIR, directory / "baseline", dirs_exist_ok=True)
    path = directory / "watch.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def use_environment(
    monkeypatch: pytest.MonkeyPatch, directory: Path, watch_file: Path, alert_urls: dict[str, str] | None = None
) -> str:
    """Point every CLAIMWATCH_* setting at `directory`; returns the database URL."""
    db_url = f"sqlite:///{directory / 'claimwatch.db'}"
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", str(directory))
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMWATCH_WATCH_FILE", str(watch_file))
    monkeypatch.setenv("CLAIMWATCH_HTTP__ALLOW_PRIVATE_HOSTS", json.dumps(["127.0.0.1"]))
    monkeypatch.setenv("CLAIMWATCH_HTTP__TOTAL_TIMEOUT", "10")
    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", json.dumps(alert_urls or {}))
    return db_url


def demo_feed(base: str) -> bytes:
    """The bundled demo feed with its links pointing at `base`."""
    return (DEMO_DIR / "feed.xml").read_bytes().replace(b"{base}", base.encode())


def demo_pages() -> dict[str, bytes]:
    return {f"/{p.name}": p.read_bytes() for p in sorted(DEMO_DIR.glob("*.html"))}


DEMO_PUBLISHED = {
    "01-death-toll.html": "2025-11-06",
    "02-petro.html": "2025-11-07",
    "03-syndicated.html": "2025-11-06",
    "04-off-topic.html": "2025-11-08",
    "05-carrier.html": "2025-11-16",
}


def demo_articles_jsonl() -> str:
    """The demo pages in the eval's article format, with `html` instead of `text` (extracted on read)."""
    rows = [
        {
            "id": f"demo-{p.stem[:2]}",
            "url": f"https://demo.example/{p.name}",
            "published": DEMO_PUBLISHED[p.name],
            "title": None,
            "html": p.read_text(encoding="utf-8"),
        }
        for p in sorted(DEMO_DIR.glob("*.html"))
    ]
    return "".join(json.dumps(r) + "\n" for r in rows)
