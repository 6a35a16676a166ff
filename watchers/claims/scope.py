"""Figure scope per clause: a running total (`cumulative`) or one incident (`event`), from named cues.

A sentence is cut into clauses at punctuation and conjunctions. Each cue is found by its form and placed: in
the figure's own clause (`same`), in the sentence's opening phrase (`lead`, which governs the whole sentence:
"Since September, ..."), elsewhere in the sentence (`other`), or in the sentence before (`prev`, which weighs
only through the parts of a running total). Cues: time anchors (a weekday or a date: one day; "over two days", "in
recent hours": one episode; "over the past weeks", "since September", "so far", "in total": a running total),
the perfect tense ("have killed"), toll and total words, a singular incident ("in the raid"), "strikes" as a
plural noun, partitives ("two of the boats"), a result clause (", killing 11") and the parts of a running total
("Nine others are presumed dead"). Cues the fitted model did not need were deleted (cross-validated: the
sentence before by itself, "strikes" as a headline's verb, "N previous", a perfect of reporting, the subject of a
toll, a date after "since").
A logistic model (`weights/scope.json`, refitted by `scripts/fit_claims.py`) weighs the cues; without
weights, a cumulative cue of the figure's own clause, with no incident cue beside it, decides.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from config.watch import WatchConfig
from watchers.claims.fitting import FITTERS, AnnotatedArticle
from watchers.claims.learned import LinearModel, fit_logistic
from watchers.claims.lexicon import phrase_pattern
from watchers.claims.numbers import NUMBER_RE
from watchers.models import FigureClaim, Scope

# Clause boundaries: punctuation and the conjunctions that open a clause. "since" opens none: it anchors
# the clause it stands in ("83 killed since September").
_CLAUSE_SPLIT = re.compile(
    r"[,;:()\[\]—–]|\s[-–]\s|(?<![\w-])(?:and|but|while|whereas|although|though|after|before|when|as|because|which"
    r"|who|whom|where|that|y|pero|mientras|и|но)(?![\w-])"
)  # matched on folded (lower-case) text, as are the cue patterns below
# An auxiliary and the next three words, where its participle stands ("has also killed", "have been lost").
_PERFECT = re.compile(r"(?<![\w-])(?P<aux>have|has|had|’ve|'ve|han|ha|hemos)((?:\s+[\w’'-]+){1,3})")
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ck|ft|lt|ut|it|ne|un|ght|ado|ido)$")
_NOT_PARTICIPLE = frozenset({"a", "an", "the", "it", "not", "to", "no", "often", "then", "seen"})
# A span of time the count is over: hours and days make one episode, weeks and months a running total.
_SPAN = re.compile(
    r"(?<![\w-])(?:over|in|during|within|across|for)\s+(?:the\s+)?(?:past|last|previous|recent|next|following)?\s*"
    r"(?:[\w-]+\s+)?(?P<unit>hours?|days?|nights?|weekend|weeks?|months?|years?)(?![\w-])"
)
_SHORT_UNITS = ("hour", "day", "night", "weekend")
_DAY_NUMBER = re.compile(r"(?<![\w.,])\d{1,2}(?:st|nd|rd|th)?(?!\w|[,.]\d)")
_WORD_BEFORE = re.compile(r"([A-Za-zÀ-ÿА-я]+)\.?\s+$")
_WORD_AFTER = re.compile(r"\s+(?:of\s+|de\s+)?([A-Za-zÀ-ÿА-я]+)")
_CUMULATIVE = frozenset({"since", "so_far", "total", "campaign", "span_long", "perfect"})
_EVENT = frozenset({"day", "span_short", "incident"})
_OTHER_BEFORE = re.compile(r"\b(?:remaining|other)\s+$")  # "the remaining two"
_DIGIT = re.compile(r"\d")
_RESULT_BEFORE = re.compile(r"\b(?:killing|leaving|(?:which|that)\s+(?:\w+\s+)?(?:killed|left))\s+(?:\w+\s+){0,3}$")
_PARTITIVE_AFTER = re.compile(r"\s*of\s+(?:the|them|those|these|which|whom)\b", re.I)


@dataclass(frozen=True)
class ScopeJudgement:
    scope: Scope
    features: dict[str, float]
    explain: dict[str, Any] | None  # only when asked


class ScopeReader:
    """Names the scope cues of a figure's clause and weighs them (fitted model, or the own-clause rule)."""

    def __init__(self, lex: dict[str, Any], model: LinearModel | None = None) -> None:
        self.model = model
        cues: dict[str, list[str]] = lex["scope_cues"]
        self._months = {m.lower().rstrip(".") for m in lex["months"]}
        # One pass finds every named cue (a weekday is "day", as is a date): one named group per cue.
        groups = "|".join(f"(?P<{name}>{phrase_pattern(p.lower() for p in ps)})" for name, ps in cues.items())
        self._cues = re.compile(rf"(?<![\w-])(?:{groups})(?![\w-])")
        self._hit_cache = functools.lru_cache(maxsize=64)(self._hits)  # a sentence is read once for all its figures

    def dates(self, text: str) -> list[tuple[int, int]]:
        """The spans of the dates in a text ("Sept. 2", "12 May", "2 de septiembre"): a day number beside a month."""
        out = []
        for d in _DAY_NUMBER.finditer(text):
            before = _WORD_BEFORE.search(text, max(0, d.start() - 12), d.start())
            after = _WORD_AFTER.match(text, d.end())
            if before and before.group(1).lower() in self._months:
                out.append((before.start(1), d.end()))
            elif after and after.group(1).lower() in self._months:
                out.append((d.start(), after.end(1)))
        return out

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def clauses(text: str) -> tuple[tuple[int, int], ...]:
        """The clause spans of a sentence (offsets into it)."""
        out: list[tuple[int, int]] = []
        start = 0
        for m in _CLAUSE_SPLIT.finditer(_fold(text)):
            if m.start() > start:
                out.append((start, m.start()))
            start = m.end()
        out.append((start, len(text)))
        return tuple(out)

    def _hits(self, text: str) -> tuple[tuple[str, int], ...]:
        """Every scope cue of a sentence with its offset (read once per sentence, then placed per clause)."""
        low = _fold(text)
        hits = [(m.lastgroup or "", m.start()) for m in self._cues.finditer(low)]
        hits += [("day", a) for a, _ in self.dates(text)]
        for span in _SPAN.finditer(low):
            short = span.group("unit").startswith(_SHORT_UNITS)
            hits.append(("span_short" if short else "span_long", span.start()))
        for p in _PERFECT.finditer(low):
            for verb in p.group(2).split():
                if verb == "been" or (verb not in _NOT_PARTICIPLE and _PARTICIPLE.search(verb)):
                    hits.append(("pluperfect" if p.group("aux") == "had" else "perfect", p.start()))
                else:
                    continue
                break
        return tuple(hits)

    def cues(self, text: str, start: int = 0, end: int | None = None) -> frozenset[str]:
        """The scope cues (by name) of text[start:end]."""
        end = len(text) if end is None else end
        return frozenset(name for name, at in self._hit_cache(text) if start <= at < end)

    def judge(
        self,
        kind: str,
        value: float,
        text: str,
        num_start: int,
        num_end: int,
        np: Sequence[str],
        prev_text: str,
        explain: bool = False,
    ) -> ScopeJudgement:
        """The scope of the figure at text[num_start:num_end] (text: the sentence, dates and all); `explain`:
        with the clause, cues, probability and largest contributions that decided it."""
        spans = self.clauses(text)
        own = next((i for i, (a, b) in enumerate(spans) if a <= num_start < b or num_start < a), len(spans) - 1)
        words = [w.lower() for w in np]
        feats: dict[str, float] = {f"kind:{kind}": 1.0, "log_value": math.log10(max(value, 1.0))}
        each = [self.cues(text, x, y) for x, y in spans]
        own_cues = each[own]
        for cue in own_cues - _EVENT:  # the own clause's incident cues weigh as one (below)
            feats[f"same:{cue}"] = 1.0
        # Which way the own clause leans as a whole: cues of one kind only, or of both (then the total's word
        # usually carries a date of report: "the toll stood at 99 on December 17").
        own_cum, own_event = bool(own_cues & _CUMULATIVE), bool(own_cues & _EVENT)
        if own_cum or own_event:
            feats["own:both" if own_cum and own_event else "own:cumulative" if own_cum else "own:event"] = 1.0
        # An opening adverbial ("Since September,", "In recent hours,") governs the sentence; an opening main
        # clause with a count of its own ("At least 26 strikes have been conducted since ...") does not.
        lead = text[spans[0][0] : spans[0][1]]
        lead_governs = own > 0 and len(lead.split()) <= 6 and not _DIGIT.search(lead)
        lead_cues = each[0] if lead_governs else frozenset()
        for cue in lead_cues:
            feats[f"lead:{cue}"] = 1.0
        other_cues = frozenset().union(*(c for i, c in enumerate(each) if i != own and (i or not lead_governs)))
        for cue in other_cues:
            feats[f"other:{cue}"] = 1.0
        # Several strikes anchored to one day or a span of days are one episode ("three strikes on Monday",
        # "struck five boats over two days, killing eight"), unless the own clause names a running total.
        anchored = (own_cues | lead_cues | other_cues) & _EVENT
        if anchored and not own_cum and (kind == "strikes" or "plural_strikes" in own_cues | other_cues):
            feats["episode"] = 1.0
        prev_cues = self.cues(prev_text) if prev_text else frozenset()
        before = text[max(0, num_start - 40) : num_start].lower()
        if _RESULT_BEFORE.search(before):
            feats["result_clause"] = 1.0
            for cue in other_cues | lead_cues:
                feats[f"result_of:{cue}"] = 1.0  # "it has struck 35 boats, killing 115": the total's toll
        if _PARTITIVE_AFTER.match(text[num_end : num_end + 12]):
            feats["partitive"] = 1.0  # "two of the boats": a part of a group named before
        others = {"others", "other", "remaining", "rest"} & set(words) or _OTHER_BEFORE.search(before)
        if others and not NUMBER_RE.search(text[:num_start].lower()):  # not "seven were killed and six others"
            feats["part_of_breakdown"] = 1.0
            if prev_cues & {"since", "so_far", "total", "campaign", "perfect"} or "part" in prev_cues:
                feats["part_after_total"] = 1.0  # "... 116 killed since September. Ten others are presumed dead."
        if self.model is not None:
            p = self.model.probability(feats)
        else:
            p = 1.0 if (own_cum and not own_event) or (kind == "strikes" and value > 1 and not own_event) else 0.0
        scope: Scope = "cumulative" if p >= 0.5 else "event"
        return ScopeJudgement(scope, feats, self._explain(text[slice(*spans[own])], feats, p) if explain else None)

    def _explain(self, clause: str, feats: dict[str, float], p: float) -> dict[str, Any]:
        contributions = self.model.contributions(feats) if self.model is not None else []
        return {
            "clause": clause.strip(),
            "cues": sorted(f for f in feats if not f.startswith("kind:") and f != "log_value"),
            "probability": round(p, 3),
            "contributions": [(f, round(c, 3)) for f, c in contributions[:8]],
        }


def _fold(text: str) -> str:
    """Lower case with every offset kept (a character whose lower case is longer stays as it is)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# ---------------------------------------------------------------------------------------------- fitting


def fit_scope_model(annotated: Sequence[AnnotatedArticle], watch: WatchConfig) -> LinearModel:
    """Label each extracted figure that matches a gold figure (kind and value) with the gold scope."""
    from watchers.claims.figures import FigureExtractor  # the candidate generator (imports this module)
    from watchers.claims.text import prepare

    extractor = FigureExtractor(watch)
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    for a in annotated:
        gold = [g for g in a.gold if g.get("type") == "figure" and g.get("scope") in ("cumulative", "event")]
        if not gold:
            continue
        used: set[int] = set()
        for claim in extractor.extract(prepare(a.article, explain=True)):  # the features come with the explanation
            for i, g in enumerate(gold):
                if i not in used and _same_figure(claim, g):
                    used.add(i)
                    features = (claim.explain or {}).get("features")
                    if features is not None:  # an ordinal rank is a running count by its form
                        examples.append(features)
                        labels.append(int(g["scope"] == "cumulative"))
                    break
    return fit_logistic("scope", examples, labels, l2=1.0)


def _same_figure(claim: FigureClaim, gold: dict[str, Any]) -> bool:
    try:
        return claim.kind == gold.get("kind") and abs(claim.value - float(gold["value"])) < 1e-6
    except (TypeError, ValueError, KeyError):
        return False


FITTERS["scope"] = fit_scope_model
