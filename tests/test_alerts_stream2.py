"""The whole pipeline on a second hand-written alert stream: 12 articles (Nov 2025 – Feb 2026) written before the
round of fixes that followed it, with tracked totals phrased in new ways ("a tally ... puts the dead at", "the
campaign's 17th strike", "a total of 12,000 sailors and Marines", ranges, nautical miles), a stale reward, a bounty
for someone else, new US, Venezuelan and Russian assets, one syndicated copy with a different toll, one off-topic
shipping story and one Spanish article (tests/data/stream2, gold alerts derived by the eval's derive_alerts.py).
Scored per alert type as the eval's score.py does (the scorer lives in tests/test_alerts_stream.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.watchenv import use_environment, write_watch
from tests.test_alerts_stream import f1_per_type, read_jsonl

STREAM = Path(__file__).resolve().parent / "data" / "stream2"
# Achieved 0.937 at the end of the round that followed it (0.887 with the code before it) and 0.989 after the
# round that followed stream3, less 0.05.
MACRO_F1_FLOOR = 0.939


def test_backfill_of_stream2_meets_the_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watch_file = write_watch(tmp_path, [], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    out = tmp_path / "alerts.jsonl"
    args = ["backfill", "--from-jsonl", str(STREAM / "articles.jsonl"), "--alerts-jsonl", str(out), "--no-deliver"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    scores = f1_per_type(read_jsonl(STREAM / "alerts_gold.jsonl"), read_jsonl(out))
    macro = sum(scores.values()) / len(scores)
    assert macro >= MACRO_F1_FLOOR, scores
