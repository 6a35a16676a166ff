"""Which tracked quantity of the watch a figure measures, from the words around it.

A track of the figure's kind (and scope, when the track fixes one) is chosen when enough of its keywords
(weight 1), description words and the watch's topic keywords (weight ½) appear in the figure's sentence and
its neighbours, matched with rapidfuzz so "airstrikes" finds "strikes" and "Marines'" finds "Marines". A figure
whose clause names another side ("Venezuela said it deployed 25,000 troops") is not a US track's, and a figure
counting a noun the track never names ("two oil tankers") is not a warship count. A side named as the object of a
preposition ("the arrest of Venezuelan President Nicolás Maduro") is the target, not the side of the clause; and a
sum "for" someone the track's words never name ("a $25 million reward for Diosdado Cabello") is someone else's.
Nothing here names a track: everything comes from watch.yaml.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from config.watch import TrackConfig

_WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w(?:[\w'’-]*\w)?")
_STOPWORDS = frozenset(
    {"the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "so", "far", "such", "and", "or", "with", "from"}
    | {"into", "per", "its", "their", "this", "that", "these", "those", "running", "total", "alleged", "region's"}
    | {"people"}
)
# A side word after these is the clause's object or place, not its subject: "reward for Venezuelan ...".
_OBJECT_PREPOSITIONS = frozenset({"of", "for", "against", "on", "off", "near", "toward", "towards", "de", "contra"})
_ARTICLES = frozenset({"the", "a", "an", "el", "la", "los", "las"})
# "for [Interior Minister] Diosdado Cabello": capitalised words after "for"/"on" (titles included) name a target.
_TARGET_RE = re.compile(
    r"^\s*(?:(?:is|was|are|were|has been|have been|had been)\s+)?(?:(?:offered|posted|put up)\s+)?"
    r"(?:for|on|against)\s+(?:information\s+[\w\s]{0,50}?\bof\s+)?"  # "for information leading to the arrest of"
    r"((?:[A-ZÀ-Þ][\w.’'-]*\s*){1,6})"
)
_CALENDAR = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march"}
    | {"april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb"}
    | {"mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_MIN_SCORE = 2.0
_FUZZ_CUTOFF = 88.0


@dataclass(frozen=True)
class _Term:
    text: str  # lower-case, or original case when short ("US")
    weight: float
    exact_case: bool
    multiword: bool


class TrackMatcher:
    def __init__(
        self, tracks: Sequence[TrackConfig], sides: dict[str, list[str]], topic_words: Sequence[str] = ()
    ) -> None:
        self._tracks = list(tracks)
        self._side_of = {w.lower(): side for side, words in sides.items() for w in words}
        self._terms: dict[str, list[_Term]] = {}
        self._excludes: dict[str, list[str]] = {}
        self._sides: dict[str, set[str]] = {}
        for t in self._tracks:
            terms: dict[str, _Term] = {}
            for kw in t.keywords:
                short = len(kw.replace(".", "")) <= 3
                key = kw if short else kw.lower()
                terms[key.lower()] = _Term(key, 1.0, short, " " in kw)
            for w in _WORD_RE.findall(t.description):
                low = w.lower()
                if low in _STOPWORDS or low in terms or len(low) <= 3:
                    continue
                terms[low] = _Term(low, 0.5, False, False)
            for w in topic_words:  # the watch's own words: weak evidence that a figure is about the situation
                terms.setdefault(w.lower(), _Term(w.lower(), 0.5, False, " " in w))
            self._terms[t.name] = list(terms.values())
            self._excludes[t.name] = [e.lower() for e in t.exclude]
            self._sides[t.name] = {s for w in _WORD_RE.findall(t.description) if (s := self._side_of.get(w.lower()))}

    def sides_of(self, words: Sequence[str]) -> set[str]:
        """The sides ("US", "Venezuela", ...) the words name, except as the object of a preposition."""
        sides: set[str] = set()
        prev = ""  # the word before, articles skipped
        before_pair = prev  # the same, before the previous word: what precedes a two-word name
        last = ""
        for w in words:
            low = w.lower().strip(".,")
            side, opener = self._side_of.get(low), prev
            if side is None:  # a two-word name ("United States"), with what precedes its first word
                side, opener = self._side_of.get(f"{last} {low}"), before_pair
            if side and opener not in _OBJECT_PREPOSITIONS:
                sides.add(side)
            if low not in _ARTICLES:
                before_pair, prev = prev, low
            last = low
        return sides

    def names_other_target(self, track: TrackConfig, after: str) -> bool:
        """Whether the words after a sum name whom it is for, and none of them is one of the track's words
        ("$25 million reward for Interior Minister Diosdado Cabello" is not the reward for Maduro)."""
        m = _TARGET_RE.match(after)
        if m is None:
            return False
        names = [w for w in _WORD_RE.findall(m.group(1)) if w.lower().strip(".") not in _CALENDAR]
        lows = [w.lower() for w in names]
        joined = " ".join(lows)
        return bool(names) and not any(self._present(t, names, lows, joined) for t in self._terms[track.name])

    def match(
        self,
        kind: str,
        scope: str,
        context: str,
        near_words: Sequence[str],
        head: str | None = None,
        after: str = "",
    ) -> TrackConfig | None:
        """The best track for a figure of `kind`/`scope`, given its context and the words of its noun phrase.

        `head` is the noun the figure counts ("tankers" in "two oil tankers"); when given, it must itself be
        one of the track's words, so a count of tankers is not a count of warships. `after` is the text after
        the figure's noun phrase, where a sum may name whom it is for."""
        candidates = [t for t in self._tracks if t.kind == kind and (t.scope is None or t.scope == scope)]
        if not candidates:
            return None
        words = _WORD_RE.findall(context)
        lows = [w.lower() for w in words]
        low_text = " ".join(lows)
        near_sides = self.sides_of(near_words)
        best: tuple[float, TrackConfig] | None = None
        for t in candidates:
            if any(e in low_text for e in self._excludes[t.name]):
                continue
            if self._sides[t.name] and near_sides and not (near_sides & self._sides[t.name]):
                continue
            if kind == "money" and self.names_other_target(t, after):
                continue
            if head and not any(self._names_head(term, head) for term in self._terms[t.name]):
                continue
            # A lone candidate needs only to reach the minimum: its other terms need no (fuzzy) look-up.
            enough = _MIN_SCORE if len(candidates) == 1 else math.inf
            score = 0.0
            for term in self._terms[t.name]:
                if self._present(term, words, lows, low_text):
                    score += term.weight
                    if score >= enough:
                        break
            if score >= _MIN_SCORE and (best is None or score > best[0]):
                best = (score, t)
        return best[1] if best else None

    def _names_head(self, term: _Term, head: str) -> bool:
        """The counted noun is the term, or the last word of a multi-word term ("members" of "service members")."""
        if term.multiword:
            return term.text.split()[-1] == head.lower()
        return self._present(term, [head], [head.lower()], head.lower())

    @staticmethod
    def _present(term: _Term, words: list[str], lows: list[str], low_text: str) -> bool:
        if term.exact_case:
            return term.text in words
        if term.multiword:
            return term.text in low_text
        if term.text in lows:
            return True
        if len(term.text) >= 4 and term.text in low_text:
            return True  # "airstrikes" ⊃ "strikes", "speedboats" ⊃ "boats"
        return process.extractOne(term.text, lows, scorer=fuzz.ratio, score_cutoff=_FUZZ_CUTOFF) is not None
