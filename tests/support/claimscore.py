"""A small scorer for claims, mirroring ../shared/eval/score.py so tests need not read ../shared.

Figures match on kind and value; deployments on the asset's name (with or without titles like "USS", any
gold alias, one name's tokens inside the other's ending on the same token, or very similar spelling).
Matching is one-to-one and greedy in gold order, per article, as in the shared scorer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

Claim = dict[str, Any]

TITLE_WORDS = {
    "president", "secretary", "minister", "spokeswoman", "spokesman", "spokesperson", "gen", "general",
    "adm", "admiral", "dr", "mr", "mrs", "ms", "sen", "senator", "rep", "the", "of", "uss", "us", "u", "s",
}  # fmt: skip


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def name_tokens(name: str | None) -> list[str]:
    return [t for t in norm(name).split() if t not in TITLE_WORDS]


def names_match(pred: str | None, gold: str | None, aliases: Iterable[str] = ()) -> bool:
    for g in [gold, *aliases]:
        p_tok, g_tok = name_tokens(pred), name_tokens(g)
        if not p_tok or not g_tok:
            continue
        small, big = sorted((p_tok, g_tok), key=len)
        if p_tok == g_tok or (set(small) <= set(big) and small[-1] == big[-1]):
            return True
        if SequenceMatcher(None, " ".join(p_tok), " ".join(g_tok)).ratio() >= 0.88:
            return True
    return False


def figure_match(pred: Claim, gold: Claim) -> bool:
    try:
        same_value = abs(float(pred["value"]) - float(gold["value"])) < 1e-6
    except (KeyError, TypeError, ValueError):
        return False
    return pred.get("kind") == gold.get("kind") and same_value


def deployment_match(pred: Claim, gold: Claim) -> bool:
    return names_match(pred.get("asset"), gold.get("asset"), gold.get("aliases") or ())


MATCHERS: dict[str, Callable[[Claim, Claim], bool]] = {"figure": figure_match, "deployment": deployment_match}


@dataclass(frozen=True)
class Score:
    tp: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else float(not self.gold)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_type(ctype: str, gold: dict[str, list[Claim]], pred: dict[str, list[Claim]]) -> Score:
    """Score one claim type over articles: `gold` and `pred` map an article id to its claims (any types)."""
    match = MATCHERS[ctype]
    tp = n_pred = n_gold = 0
    for art_id, g_claims in gold.items():
        golds = [c for c in g_claims if c.get("type") == ctype]
        preds = [c for c in pred.get(art_id, []) if c.get("type") == ctype]
        used: set[int] = set()
        for g in golds:
            hit = next((i for i, p in enumerate(preds) if i not in used and match(p, g)), None)
            if hit is not None:
                used.add(hit)
        tp, n_pred, n_gold = tp + len(used), n_pred + len(preds), n_gold + len(golds)
    return Score(tp, n_pred, n_gold)
