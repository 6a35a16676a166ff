"""The whole pipeline on a hand-written alert stream: 18 articles (Nov 2025 – Jan 2026) with stale totals,
syndicated copies, off-topic pieces and one in Spanish (tests/data/stream, gold alerts derived by the eval's
derive_alerts.py). The backfill runs through the CLI on a fresh SQLite database and its alerts are scored as
the eval's score.py does: per alert type, greedy one-to-one matching, macro-F1 over the three types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.claimscore import names_match
from tests.support.watchenv import use_environment, write_watch

STREAM = Path(__file__).resolve().parent / "data" / "stream"
ALERT_TYPES = ("figure_changed", "new_deployment", "new_actor")
# Achieved 1.000 when this test was written (on the set the fixes were made against), less a margin.
MACRO_F1_FLOOR = 0.95

Alert = dict[str, Any]


def alert_match(pred: Alert, gold: Alert) -> bool:
    if gold["type"] == "figure_changed":
        try:
            same = abs(float(pred["new"]) - float(gold["new"])) < 1e-6
        except (KeyError, TypeError, ValueError):
            return False
        return same and pred.get("kind") == gold.get("kind")
    field = "asset" if gold["type"] == "new_deployment" else "name"
    return names_match(pred.get(field), gold.get(field), gold.get("aliases") or ())


def f1_per_type(golds: list[Alert], preds: list[Alert]) -> dict[str, float]:
    scores = {}
    for kind in ALERT_TYPES:
        gs = [g for g in golds if g["type"] == kind]
        ps = [p for p in preds if p.get("type") == kind]
        used: set[int] = set()
        for g in gs:
            hit = next((i for i, p in enumerate(ps) if i not in used and alert_match(p, g)), None)
            if hit is not None:
                used.add(hit)
        tp = len(used)
        precision = tp / len(ps) if ps else float(not gs)
        recall = tp / len(gs) if gs else 1.0
        scores[kind] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def read_jsonl(path: Path) -> list[Alert]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_scorer_counts_misses_and_extras() -> None:
    gold = [{"type": "new_deployment", "asset": "USS Nimitz", "aliases": ["Nimitz"]}]
    assert f1_per_type(gold, [{"type": "new_deployment", "asset": "Nimitz"}])["new_deployment"] == 1.0
    extra = [{"type": "new_deployment", "asset": "Nimitz"}, {"type": "new_deployment", "asset": "USS Bataan"}]
    assert f1_per_type(gold, extra)["new_deployment"] == pytest.approx(2 / 3)
    assert f1_per_type(gold, [])["new_deployment"] == 0.0


def test_backfill_of_the_stream_meets_the_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watch_file = write_watch(tmp_path, [], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    out = tmp_path / "alerts.jsonl"
    args = ["backfill", "--from-jsonl", str(STREAM / "articles.jsonl"), "--alerts-jsonl", str(out), "--no-deliver"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    scores = f1_per_type(read_jsonl(STREAM / "alerts_gold.jsonl"), read_jsonl(out))
    macro = sum(scores.values()) / len(scores)
    assert macro >= MACRO_F1_FLOOR, scores
