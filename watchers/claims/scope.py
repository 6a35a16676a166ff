"""Figure scope per clause: a running total (`cumulative`) or one incident (`event`), from named cues.

A sentence is cut into clauses at punctuation and conjunctions. Each cue is found by its form and placed: in
the figure's own clause (`same`), in the sentence's opening phrase (`lead`, which governs the whole sentence:
"Since September, ..."), elsewhere in the sentence (`other`), or in the sentence before (`prev`). Cues: time
anchors (a weekday or a date: one day; "over two days", "in recent hours": one episode; "over the past
weeks", "since September", "so far", "in total": a running total), the perfect tense ("have killed") apart
from a perfect of reporting ("has reported"), toll and total words, a singular incident ("in the raid"),
"strikes" as a verb (a headline: "Navy strikes boat, killing 5") or a plural noun, "N previous", partitives
("two of the boats"), a result clause (", killing 11") and the parts of a running total ("Nine others are
presumed dead"). A date that follows "since" in its clause dates the start of a total, not an incident.
A logistic model (`weights/scope.json`, refitted by `scripts/fit_claims.py`) weighs the cues; without
weights, a cumulative cue of the figure's own clause, with no incident cue beside it, decides.
"""

from __future__ import annotations

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
    r"|who|whom|where|that|y|pero|mientras|и|но)(?![\w-])",
    re.IGNORECASE,
)
# An auxiliary and the next three words, where its participle stands ("has also killed", "have been lost").
_PERFECT = re.compile(r"(?<![\w-])(?P<aux>have|has|had|’ve|'ve|han|ha|hemos)((?:\s+[\w’'-]+){1,3})", re.I)
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ck|ft|lt|ut|it|ne|un|ght|ado|ido)$")
_NOT_PARTICIPLE = frozenset({"a", "an", "the", "it", "not", "to", "no", "often", "then", "seen"})
# A span of time the count is over: hours and days make one episode, weeks and months a running total.
_SPAN = re.compile(
    r"(?<![\w-])(?:over|in|during|within|across|for)\s+(?:the\s+)?(?:past|last|previous|recent|next|following)?\s*"
    r"(?:[\w-]+\s+)?(?P<unit>hours?|days?|nights?|weekend|weeks?|months?|years?)(?![\w-])",
    re.IGNORECASE,
)
_SHORT_UNITS = ("hour", "day", "night", "weekend")
# "strikes" as a verb: after a subject, before a determiner or a count ("US strikes another boat").
_STRIKES_VERB = re.compile(
    r"(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!\bthese )(?<!\bof )\b(?:strikes|hits|attacks|targets|bombs|destroys)\s+"
    r"(?:a|an|another|one|two|three|four|five|the|its|alleged|suspected|more|drug|second|third|fourth|fifth)\b",
    re.IGNORECASE,
)
_CUMULATIVE = frozenset({"since", "so_far", "total", "campaign", "span_long", "perfect"})
_EVENT = frozenset({"day", "span_short", "incident"})
_PREVIOUS_BEFORE = re.compile(r"\b(?:previous|prior|earlier)\s+$")  # "the previous seven attacks"
_OTHER_BEFORE = re.compile(r"\b(?:remaining|other)\s+$")  # "the remaining two"
_HEADLINE_END = re.compile(r"[.!?\"”’»)]\s*$")


@dataclass(frozen=True)
class ScopeJudgement:
    scope: Scope
    features: dict[str, float]
    explain: dict[str, Any]


class ScopeReader:
    """Names the scope cues of a figure's clause and weighs them (fitted model, or the own-clause rule)."""

    def __init__(self, lex: dict[str, Any], model: LinearModel | None = None) -> None:
        self.model = model
        cues: dict[str, list[str]] = dict(lex["scope_cues"])
        months = phrase_pattern(lex["months"])
        date = rf"(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:{months})"
        self.dates = re.compile(rf"(?<![\w-])(?:{date})(?![\w-])", re.IGNORECASE)  # "Sept. 2", "12 May"
        # One day: a weekday ("on Tuesday", "yesterday") or a date.
        self._day = re.compile(rf"(?<![\w-])(?:{phrase_pattern(cues.pop('day'))}|{date})(?![\w-])", re.IGNORECASE)
        self._cues = [
            (name, re.compile(rf"(?<![\w-])(?:{phrase_pattern(ps)})(?![\w-])", re.I)) for name, ps in cues.items()
        ]
        self._report = {w.lower() for w in lex["reporting_verbs"]} | {"reported", "announced", "confirmed", "told"}

    @staticmethod
    def clauses(text: str) -> list[tuple[int, int]]:
        """The clause spans of a sentence (offsets into it)."""
        out, start = [], 0
        for m in _CLAUSE_SPLIT.finditer(text):
            if m.start() > start:
                out.append((start, m.start()))
            start = m.end()
        out.append((start, len(text)))
        return out

    def cues(self, text: str) -> set[str]:
        """The scope cues (by name) a stretch of text holds."""
        found = {name for name, rx in self._cues if rx.search(text)}
        since = min((m.start() for name, rx in self._cues if name == "since" for m in rx.finditer(text)), default=None)
        if any(since is None or d.start() < since for d in self._day.finditer(text)):
            found.add("day")  # "on Sept. 2"; but "since the truce began on 12 May" dates the total's start
        for span in _SPAN.finditer(text):
            found.add("span_short" if span.group("unit").lower().startswith(_SHORT_UNITS) else "span_long")
        for p in _PERFECT.finditer(text):
            for verb in p.group(2).lower().split():
                if verb in self._report:
                    found.add("perfect_report")  # "has reported the deaths of 14 ... in recent hours"
                elif verb == "been" or (verb not in _NOT_PARTICIPLE and _PARTICIPLE.search(verb)):
                    found.add("pluperfect" if p.group("aux").lower() == "had" else "perfect")
                else:
                    continue
                break
        return found

    def judge(
        self,
        kind: str,
        value: float,
        text: str,
        num_start: int,
        num_end: int,
        np: Sequence[str],
        marked_total: bool,
        prev_text: str,
    ) -> ScopeJudgement:
        """The scope of the figure at text[num_start:num_end] (text: the sentence, dates and all)."""
        spans = self.clauses(text)
        own = next((i for i, (a, b) in enumerate(spans) if a <= num_start < b or num_start < a), len(spans) - 1)
        a, b = spans[own]
        clause = text[a:b]
        words = [w.lower() for w in np]
        feats: dict[str, float] = {f"kind:{kind}": 1.0, "log_value": math.log10(max(value, 1.0))}
        if marked_total:
            feats["total_subject"] = 1.0  # "the death toll ... rose to 69", "the strikes, now numbering 14"
        own_cues = self.cues(clause)
        for cue in own_cues - _EVENT:  # the own clause's incident cues weigh as one (below)
            feats[f"same:{cue}"] = 1.0
        # Which way the own clause leans as a whole: cues of one kind only, or of both (then the total's word
        # usually carries a date of report: "the toll stood at 99 on December 17").
        own_cum, own_event = bool(own_cues & _CUMULATIVE or marked_total), bool(own_cues & _EVENT)
        if own_cum or own_event:
            feats["own:both" if own_cum and own_event else "own:cumulative" if own_cum else "own:event"] = 1.0
        # An opening adverbial ("Since September,", "In recent hours,") governs the sentence; an opening main
        # clause with a count of its own ("At least 26 strikes have been conducted since ...") does not.
        lead = text[spans[0][0] : spans[0][1]]
        lead_governs = own > 0 and len(lead.split()) <= 6 and not re.search(r"\d", lead)
        lead_cues = self.cues(lead) if lead_governs else set()
        for cue in lead_cues:
            feats[f"lead:{cue}"] = 1.0
        rest = " ".join(text[x:y] for i, (x, y) in enumerate(spans) if i != own and (i or not lead_governs))
        other_cues = self.cues(rest)
        for cue in other_cues:
            feats[f"other:{cue}"] = 1.0
        # Several strikes anchored to one day or a span of days are one episode ("three strikes on Monday",
        # "struck five boats over two days, killing eight"), unless the own clause names a running total.
        anchored = (own_cues | lead_cues | other_cues) & _EVENT
        if anchored and not own_cum and (kind == "strikes" or "plural_strikes" in own_cues | other_cues):
            feats["episode"] = 1.0
        prev_cues = self.cues(prev_text) if prev_text else set()
        for cue in prev_cues & {"since", "so_far", "total", "campaign", "perfect"}:
            feats[f"prev:{cue}"] = 1.0
        before = text[max(0, num_start - 40) : num_start].lower()
        if re.search(r"\b(?:killing|leaving|(?:which|that)\s+(?:\w+\s+)?(?:killed|left))\s+(?:\w+\s+){0,3}$", before):
            feats["result_clause"] = 1.0
            for cue in other_cues | lead_cues:
                feats[f"result_of:{cue}"] = 1.0  # "it has struck 35 boats, killing 115": the total's toll
        if _STRIKES_VERB.search(text) and not _HEADLINE_END.search(text):
            feats["headline_strikes_verb"] = 1.0  # "Navy strikes boat, killing 5": one strike
        elif _STRIKES_VERB.search(text):
            feats["strikes_verb"] = 1.0
        if not _HEADLINE_END.search(text):
            feats["headline"] = 1.0
        if {"previous", "prior", "earlier", "other"} & set(words) or _PREVIOUS_BEFORE.search(before):
            feats["n_previous"] = 1.0  # "the seven previous strikes"
        if re.match(r"\s*of\s+(?:the|them|those|these|which|whom)\b", text[num_end : num_end + 12], re.I):
            feats["partitive"] = 1.0  # "two of the boats": a part of a group named before
        others = {"others", "other", "remaining", "rest"} & set(words) or _OTHER_BEFORE.search(before)
        if others and not NUMBER_RE.search(text[:num_start].lower()):  # not "seven were killed and six others"
            feats["part_of_breakdown"] = 1.0
            if prev_cues & {"since", "so_far", "total", "campaign", "perfect"} or "part" in prev_cues:
                feats["part_after_total"] = 1.0  # "... 116 killed since September. Ten others are presumed dead."
        if self.model is not None:
            p = self.model.probability(feats)
            contributions = self.model.contributions(feats)
        else:
            p = 1.0 if (own_cum and not own_event) or (kind == "strikes" and value > 1 and not own_event) else 0.0
            contributions = []
        scope: Scope = "cumulative" if p >= 0.5 else "event"
        explain = {
            "clause": clause.strip(),
            "cues": sorted(f for f in feats if not f.startswith("kind:") and f != "log_value"),
            "probability": round(p, 3),
            "contributions": [(f, round(c, 3)) for f, c in contributions[:8]],
        }
        return ScopeJudgement(scope, feats, explain)


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
        for claim in extractor.extract(prepare(a.article)):
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
