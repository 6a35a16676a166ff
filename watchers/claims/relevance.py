"""Relevance: is an article about the watched situation? Keywords plus similarity to the baseline."""

from __future__ import annotations

import re

from config.watch import WatchConfig
from watchers.claims.text import Document


class RelevanceJudge:
    def __init__(self, watch: WatchConfig, baseline_texts: list[str] | None = None) -> None:
        self.watch = watch
        self._pattern = re.compile("|".join(re.escape(k) for k in watch.keywords), re.IGNORECASE)

    def score(self, doc: Document) -> float:
        hits = len(self._pattern.findall(doc.article.title + "\n" + doc.text))
        return min(1.0, hits / 5)

    def is_relevant(self, score: float) -> bool:
        return score >= 0.4
