"""Learned weights: small logistic models over named features, fitted from the annotated data.

A model is a reviewable JSON file in `watchers/claims/weights/` (feature name → weight, plus a bias). The
code that extracts claims computes named features for each candidate (a speaker, a figure's scope, …) and
asks the model for a score; `scripts/fit_claims.py` refits every model from the annotated articles and
`scripts/cv_claims.py` measures the whole extractor with article-level cross-validation.

Why a hand-written numpy logistic regression rather than scikit-learn: the models have tens of sparse
binary features and a few thousand examples; fitting takes milliseconds, and a 60-line function is
easier to keep deterministic and dependency-free than a 40 MB library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"


@dataclass(frozen=True)
class LinearModel:
    """A logistic model: score = bias + Σ weight[f] · value[f]; features it does not know weigh 0."""

    name: str
    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    meta: Mapping[str, object] = field(default_factory=dict)  # how it was fitted (examples, l2, …)

    def score(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        s = self.score(features)
        return 1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0

    def contributions(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the score, largest first (for `extract --explain`)."""
        parts = [(f, self.weights.get(f, 0.0) * v) for f, v in features.items()]
        return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))

    def to_json(self) -> str:
        body = {
            "name": self.name,
            "bias": round(self.bias, 6),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
            "meta": dict(self.meta),
        }
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        body = json.loads(text)
        return cls(
            name=str(body["name"]),
            weights={str(k): float(v) for k, v in body.get("weights", {}).items()},
            bias=float(body.get("bias", 0.0)),
            meta=dict(body.get("meta", {})),
        )


Models = Mapping[str, LinearModel]


def load_models(directory: Path | None = None) -> dict[str, LinearModel]:
    """Every `*.json` model in `directory` (default: the packaged weights), keyed by model name."""
    folder = directory or WEIGHTS_DIR
    models: dict[str, LinearModel] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            model = LinearModel.from_json(path.read_text(encoding="utf-8"))
            models[model.name] = model
    return models


def save_models(models: Mapping[str, LinearModel], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, model in models.items():
        (directory / f"{name}.json").write_text(model.to_json(), encoding="utf-8")


def fit_logistic(
    name: str,
    examples: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    *,
    l2: float = 1.0,
    iterations: int = 300,
    min_count: int = 2,
) -> LinearModel:
    """L2-regularised logistic regression by Newton's method (deterministic; features seen < min_count times drop)."""
    if len(examples) != len(labels):
        raise ValueError("examples and labels differ in length")
    counts: dict[str, int] = {}
    for ex in examples:
        for f, v in ex.items():
            if v:
                counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(examples), len(names) + 1))
    x[:, -1] = 1.0  # bias column, not regularised
    for row, ex in enumerate(examples):
        for f, v in ex.items():
            col = index.get(f)
            if col is not None:
                x[row, col] = v
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 1e-6
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    weights = {f: float(w[i]) for f, i in index.items() if abs(w[i]) > 1e-9}
    meta = {"examples": len(examples), "positives": int(y.sum()), "l2": l2, "features": len(names)}
    return LinearModel(name=name, weights=weights, bias=float(w[-1]), meta=meta)
