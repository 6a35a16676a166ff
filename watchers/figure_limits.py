"""The boundary check on figures: a value that is not finite, negative, or above the believable maximum of its
kind (`watch.yaml: figure_limits`) is rejected with a warning, before anything is stored, diffed or alerted.

The extractor should never produce such values, but one slipped typo ("61,0000000") or a 400-digit number
would otherwise become a critical alert and a known maximum that nothing can ever exceed.
"""

from __future__ import annotations

import math
from dataclasses import replace

from config.watch import FigureLimits
from watchers.models import ArticleClaims, Claim, FigureClaim


def figure_problem(claim: FigureClaim, limits: FigureLimits) -> str | None:
    """Why `claim`'s value cannot be believed, or None when it can."""
    ceiling = limits.limit(claim.kind)
    for name, value in (("value", claim.value), ("low", claim.low)):
        if value is None:
            continue
        if not math.isfinite(value):
            return f"{name} is not a finite number"
        if value < 0:
            return f"{name} {value:g} is negative"
        if value > ceiling:
            return f"{name} {value:.6g} is above the limit of {ceiling:g} for {claim.kind}"
    return None


def screen_figures(claims: ArticleClaims, limits: FigureLimits) -> tuple[ArticleClaims, list[str]]:
    """`claims` without the figures that cannot be believed, and one warning per rejected figure."""
    kept: list[Claim] = []
    warnings: list[str] = []
    for claim in claims.claims:
        problem = figure_problem(claim, limits) if isinstance(claim, FigureClaim) else None
        if problem is None:
            kept.append(claim)
            continue
        sentence = claim.evidence.sentence
        quoted = sentence if len(sentence) <= 120 else sentence[:117] + "…"
        warnings.append(f"article {claims.article_id}: figure rejected ({problem}): {quoted!r}")
    if not warnings:
        return claims, []
    return replace(claims, claims=tuple(kept)), warnings
