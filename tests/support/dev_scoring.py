"""Helpers for claim-extraction tests: score an extractor on the shared dev set with the shared scorer."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from watchers.claims.text import Document, prepare
from watchers.jsonl import read_articles


def load_scorer(shared_dir: Path) -> ModuleType:
    """The contract's own scorer (../shared/eval/score.py), imported from its file."""
    spec = importlib.util.spec_from_file_location("claimwatch_eval_score", shared_dir / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_set_f1(
    shared_dir: Path, score: ModuleType, ctype: str, extract: Callable[[Document], list[dict[str, Any]]]
) -> float:
    """F1 of one claim type over the dev set, matched one-to-one by the scorer's rules."""
    dev = shared_dir / "eval" / "dev"
    gold = {}
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["id"]] = [c for c in row["claims"] if c["type"] == ctype]
    tp = n_pred = n_gold = 0
    for article in read_articles(dev / "articles.jsonl"):
        if article.article_id not in gold:
            continue
        preds = extract(prepare(article))
        tp += len(score.greedy_pairs(ctype, preds, gold[article.article_id]))
        n_pred += len(preds)
        n_gold += len(gold[article.article_id])
    _, _, f1 = score.prf(tp, n_pred, n_gold)
    return float(f1)
