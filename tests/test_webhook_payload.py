"""A JSON webhook receiver gets each alert as data (schema 1), from a real backfill over a local HTTP server."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.watchenv import use_environment, write_watch
from tests.support.webhook import webhook_server

ROOT = Path(__file__).resolve().parent.parent
STREAM = ROOT / "tests" / "data" / "stream" / "articles.jsonl"
FIELDS = {"schema", "key", "type", "severity", "title", "message", "text", "url", "article_title", "outlet",
          "published", "sentence", "independent_sources", "article_id"}  # fmt: skip


def test_json_webhook_receives_the_structured_alert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with webhook_server() as (hook, port):
        watch_file = write_watch(tmp_path, [], routes=[{"name": "hook", "min_severity": "low"}])
        use_environment(monkeypatch, tmp_path, watch_file, {"hook": f"json://127.0.0.1:{port}/alerts"})
        result = CliRunner().invoke(app, ["backfill", "--from-jsonl", str(STREAM)])
        assert result.exit_code == 0, result.output
        bodies = [r.body for r in hook.received]
    assert bodies and all(set(b) >= FIELDS and b["schema"] == 1 for b in bodies)
    figures = [b for b in bodies if b["type"] == "figure_changed" and b["track"] == "boat_strike_deaths"]
    first = min(figures, key=lambda b: b["new"])
    assert (first["kind"], first["old"], first["new"], first["delta"]) == ("killed", 61, 64, 3)
    assert first["url"].startswith("https://") and first["published"] == "2025-11-03"  # a date: no time was given
    assert first["baseline"] == {
        "document": "002_d77c88e22dc4299f.txt",
        "outlet": "an unnamed US outlet",
        "published": "2025-10-31",
    }
    assert first["title"] == "Boat strike deaths: 61 → 64 (+3)" and first["level"] == "failure"
    ships = [b for b in bodies if b["type"] == "new_deployment"]
    assert ships and all(b["asset"] and b["category"] for b in ships)


def test_the_shared_e2e_tool_reads_the_structured_alert(
    shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """../shared/tools/e2e reads alert fields from the webhook body when they are there: check it finds ours."""
    path = shared_dir / "tools" / "e2e" / "e2e.py"
    if not path.exists():
        pytest.skip("the shared e2e tool is absent")
    monkeypatch.syspath_prepend(str(path.parent))
    spec = importlib.util.spec_from_file_location("claimwatch_e2e", path)
    assert spec and spec.loader
    e2e = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(e2e)
    with webhook_server() as (hook, port):
        watch_file = write_watch(tmp_path, [], routes=[{"name": "hook", "min_severity": "low"}])
        use_environment(monkeypatch, tmp_path, watch_file, {"hook": f"json://127.0.0.1:{port}/alerts"})
        assert CliRunner().invoke(app, ["backfill", "--from-jsonl", str(STREAM)]).exit_code == 0
        bodies = [r.body for r in hook.received]
    read = [e2e.structured_of(b) for b in bodies if b["type"] != "corroborated"]
    assert read and all(r is not None and len(r) == 1 and r[0]["url"] for r in read)
    assert {r[0]["type"] for r in read if r} >= {"figure_changed", "new_deployment"}
