"""The registry of learned models: how each is fitted from annotated articles.

A fitter takes annotated articles (the article and its gold claims, as in `../shared/eval/*/gold.jsonl`) and
the watch, and returns one `LinearModel`. `scripts/fit_claims.py` runs every fitter on all annotated data
and writes the weights beside the code; `scripts/cv_claims.py` runs them on four folds and scores the fifth.
Each claim module that learns registers its fitter here (name → function), nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from config.watch import WatchConfig
from watchers.claims.learned import LinearModel
from watchers.models import Article


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    gold: Sequence[dict[str, Any]]  # the gold claims of the article (eval contract format)


Fitter = Callable[[Sequence[AnnotatedArticle], WatchConfig], LinearModel]

# name → fitter; the name is the model's name and its weights file (`weights/<name>.json`).
FITTERS: dict[str, Fitter] = {}


def fit_all(annotated: Sequence[AnnotatedArticle], watch: WatchConfig) -> dict[str, LinearModel]:
    import watchers.claims  # noqa: F401  (importing the claim modules registers their fitters)

    return {name: fitter(annotated, watch) for name, fitter in sorted(FITTERS.items())}
