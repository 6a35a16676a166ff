"""The whole pipeline on a third hand-written alert stream: 8 articles (Nov 2025 – Feb 2026) written before the
round of fixes that followed it, with standing forces ("troops are now in the region", "remain"), a tally with a
peak and a drawdown, a strike count in a story about survivors, a stale reward next to a raid's death toll, new
US aircraft and units, one syndicated copy with a different toll and one off-topic commodities story
(tests/data/stream3, gold alerts derived by the eval's derive_alerts.py). Scored per alert type as the eval's
score.py does (the scorer lives in tests/test_alerts_stream.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.watchenv import use_environment, write_watch
from tests.test_alerts_stream import f1_per_type, read_jsonl

STREAM = Path(__file__).resolve().parent / "data" / "stream3"
# Achieved 1.000 with the code before the round that followed it and at its end, less 0.05.
MACRO_F1_FLOOR = 0.95


def test_backfill_of_stream3_meets_the_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watch_file = write_watch(tmp_path, [], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    out = tmp_path / "alerts.jsonl"
    args = ["backfill", "--from-jsonl", str(STREAM / "articles.jsonl"), "--alerts-jsonl", str(out), "--no-deliver"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    scores = f1_per_type(read_jsonl(STREAM / "alerts_gold.jsonl"), read_jsonl(out))
    macro = sum(scores.values()) / len(scores)
    assert macro >= MACRO_F1_FLOOR, scores
