"""Statements and actors on held-out sets: articles written for these tests, not tuned on the dev set.

tests/data/heldout_sa/ holds six rounds of articles (Sept 2025 – Feb 2026 style wire copy with bylines, link
lists, photo credits, embedded posts, Spanish and Russian pieces, off-topic pieces) and their gold claims,
annotated by the rules of the evaluation contract (../shared/eval/README.md): round 1 (articles.jsonl, s001–s020),
round 2 (round2_*.jsonl, s021–s028), round 3 (round3_*.jsonl, s029–s034), round 4 (round4_*.jsonl, s041–s050),
round 5 (round5_*.jsonl, s051–s060) and round 6 (round6_*.jsonl, s061–s068), each written after the previous
round's fixes to check that they generalize. Rounds 4, 5 and 6 were scored once before and once after the fixes
made alongside them without being tuned on (round 5 was tuned on later, alongside round 6). The matching below
mirrors the contract's scorer: names equal up to accents, titles and punctuation, a surname matches the full name,
or very similar spellings; quotes match when they share 60% of the words of the shorter one. The floors sit 0.05
under what the extractor reaches, so a regression fails and noise does not.
"""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from config.watch import load_watch
from watchers.claims import ClaimExtractor
from watchers.jsonl import read_articles
from watchers.models import claim_to_json

DATA = Path(__file__).parent / "data" / "heldout_sa"
_TITLE_WORDS = frozenset(
    {
        "president",
        "secretary",
        "minister",
        "spokeswoman",
        "spokesman",
        "spokesperson",
        "gen",
        "general",
        "adm",
        "admiral",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sen",
        "senator",
        "rep",
        "the",
        "of",
        "uss",
        "us",
        "u",
        "s",
    }
)  # as in the contract's scorer
# (articles file, gold file): {claim type: F1 reached when the floors were set, minus 0.05, rounded down}
# round 1 reached statement 0.990, actor 0.967; round 2 statement 1.000, actor 0.953; round 3 0.943 and 0.923;
# round 4 0.984 and 0.931 (0.933 and 0.907 before the fixes made alongside it). ../heldout (h001–h024, annotated
# by the figures/deployments helper, used here for statement and actor fixes) reached 0.992 and 0.938.
# round 5 (never tuned on) reached 0.848 and 0.859 (0.848 and 0.843 before the fixes made alongside it); tuned on
# in the next round it reached 0.939 and 0.906. Round 6 (never tuned on) reached 0.907 and 0.936 (0.907 and 0.924
# before the fixes made alongside it).
ROUNDS = {
    "round1": ("articles.jsonl", "gold.jsonl", {"statement": 0.94, "actor": 0.91}),
    # statements of round 2: 0.857 with the fitted speaker ranking (1.000 with the rule cascade fixed alongside it)
    "round2": ("round2_articles.jsonl", "round2_gold.jsonl", {"statement": 0.80, "actor": 0.90}),
    "round3": ("round3_articles.jsonl", "round3_gold.jsonl", {"statement": 0.89, "actor": 0.87}),
    "round4": ("round4_articles.jsonl", "round4_gold.jsonl", {"statement": 0.93, "actor": 0.88}),
    "round5": ("round5_articles.jsonl", "round5_gold.jsonl", {"statement": 0.88, "actor": 0.85}),
    "round6": ("round6_articles.jsonl", "round6_gold.jsonl", {"statement": 0.85, "actor": 0.88}),
    "heldout": ("../heldout/articles.jsonl", "../heldout/gold.jsonl", {"statement": 0.94, "actor": 0.88}),
}


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def _tokens(name: str | None) -> list[str]:
    return [t for t in _norm(name).split() if t not in _TITLE_WORDS]


def names_match(pred: str | None, gold: str | None, aliases: list[str] | None = None) -> bool:
    for g in [gold, *(aliases or [])]:
        p, q = _tokens(pred), _tokens(g)
        if not p or not q:
            continue
        small, big = (p, q) if len(p) <= len(q) else (q, p)
        if p == q or (set(small) <= set(big) and small[-1] == big[-1]):
            return True
        if SequenceMatcher(None, " ".join(p), " ".join(q)).ratio() >= 0.88:
            return True
    return False


def quote_overlap(pred: str | None, gold: str | None) -> float:
    p, g = set(_norm(pred).split()), set(_norm(gold).split())
    return len(p & g) / min(len(p), len(g)) if p and g else 0.0


def claims_match(ctype: str, pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if ctype == "statement":
        speaker = names_match(pred.get("speaker"), gold.get("speaker"), gold.get("speaker_aliases"))
        return speaker and quote_overlap(pred.get("quote"), gold.get("quote")) >= 0.6
    return names_match(pred.get("name"), gold.get("name"), gold.get("aliases"))


def true_positives(ctype: str, preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> int:
    """One-to-one, first come first served in gold order (as the contract's scorer pairs them)."""
    used: set[int] = set()
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if i not in used and claims_match(ctype, p, g)), None)
        if hit is not None:
            used.add(hit)
    return len(used)


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor(load_watch())


def _predictions(extractor: ClaimExtractor, articles: str) -> dict[str, list[dict[str, Any]]]:
    return {
        a.article_id: [claim_to_json(c) for c in extractor.extract(a).claims] for a in read_articles(DATA / articles)
    }


def _gold(name: str) -> dict[str, list[dict[str, Any]]]:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]
    return {row["id"]: row["claims"] for row in rows}


@pytest.mark.parametrize(
    ("round_name", "size"),
    [("round1", 20), ("round2", 8), ("round3", 6), ("round4", 10), ("round5", 10), ("heldout", 24)],
)
def test_every_gold_article_is_extracted(extractor: ClaimExtractor, round_name: str, size: int) -> None:
    articles, gold_file, _ = ROUNDS[round_name]
    gold = _gold(gold_file)
    assert len(gold) == size
    assert set(gold) == set(_predictions(extractor, articles))


@pytest.mark.parametrize("round_name", sorted(ROUNDS))
def test_heldout_f1_stays_above_its_floor(extractor: ClaimExtractor, round_name: str) -> None:
    articles, gold_file, floors = ROUNDS[round_name]
    predictions, gold = _predictions(extractor, articles), _gold(gold_file)
    for ctype, floor in floors.items():
        tp = n_pred = n_gold = 0
        for art_id, claims in gold.items():
            golds = [c for c in claims if c["type"] == ctype]
            preds = [c for c in predictions[art_id] if c["type"] == ctype]
            tp += true_positives(ctype, preds, golds)
            n_pred += len(preds)
            n_gold += len(golds)
        assert f1(tp, n_pred, n_gold) >= floor, (round_name, ctype, tp, n_pred, n_gold)


@pytest.mark.parametrize(
    ("pred", "gold", "aliases", "same"),
    [
        ("Hegseth", "Pete Hegseth", None, True),
        ("Nicolas Maduro", "Nicolás Maduro", None, True),
        ("Defense Secretary Pete Hegseth", "Pete Hegseth", None, True),
        ("Venezuela government", "Venezuela", ["Venezuela's government"], True),
        ("Padrino", "Vladimir Padrino López", None, False),
        ("Marco Rubio", "Pete Hegseth", None, False),
    ],
)
def test_names_match_like_the_contract(pred: str, gold: str, aliases: list[str] | None, same: bool) -> None:
    assert names_match(pred, gold, aliases) is same


def test_quote_overlap_is_over_the_shorter_quote() -> None:
    assert quote_overlap("we will not back down", "We will not back down, ever, he said") == 1.0
    assert quote_overlap("nothing alike here", "we will not back down") == 0.0
