"""Reading the numbers of a sentence: which are counts, their qualifier and range, and the words after them.

`MentionReader.read` turns "more than 4,500 sailors and Marines" into a `Mention` (value 4500, qualifier
"more than", noun phrase ["sailors"]); dates, times, years, ages, labels ("Category 5", "Boeing 737"),
hyphenated compounds ("20-second"), shares and vague ranges ("one or two") are skipped here. What a count
counts is decided in `figures.py`. Word lists come from config/lexicon/figures.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from watchers.claims.lexicon import phrase_pattern
from watchers.claims.numbers import NUMBER_RE, SCALES, WORD_NUMBER, lower_for_match, parse_number, words_to_value
from watchers.models import FigureKind

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w(?:[\w'’/\-–]*\w)?|[^\w\s]")
_QUOTES = set("\"'“”‘’«»")
_PARTITIVE = {"the", "them", "these", "those", "its", "their", "our", "his", "her"}
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]—–]|\s-\s|\s--\s")
_LIST_LINK = re.compile(r"\s*(?:,|and|or|to|-|–)\s*")
_NEXT_TOKEN = re.compile(r"\s*([\w.%-]+)")
_NEXT_WORD = re.compile(r"\s*([\w.]+)")
_HYPHEN_UNIT = re.compile(r"[-–](?:year|years|day|hour|minute|second|week|month|pound|ton|mile|foot|inch|page|point)")
_SHARE_OR_TIME = re.compile(r"\s*(?:%|per\s*cent\b|percent\b|a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
_QUOTE_CHARS = re.compile(r"[\"“”‘’«»]")
_RANGE_RE = re.compile(r"\s*(?P<sep>to|-|–|—|or|and)\s*", re.IGNORECASE)
_DIGIT_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
# The first word of the noun phrase of "a 2,400-strong contingent": the count is the strength of the body named
# after it, so figures.py reads it as a head count whatever that body is called ("force", "brigade", "flotilla").
STRENGTH = "-strong"


@dataclass
class Mention:
    """One count-like number in a sentence (offsets are into the sentence text)."""

    start: int  # of the qualifier, or of the number
    num_start: int
    end: int  # after the number (and range)
    value: float
    low: float | None
    qualifier: str | None
    is_money: bool
    np: list[str]  # the noun phrase after the number
    after_np: str  # the rest of the clause after the noun phrase, up to the next number
    kind: FigureKind | None = None
    head_word: str | None = None


class MentionReader:
    def __init__(self, lex: dict[str, Any]) -> None:
        self._units = {w.lower() for w in lex["unit_blockers"]}
        self._labels = {w.lower() for w in lex["label_words"]}
        self._months = {w.lower() for w in lex["months"]}
        self._count_openers = {w.lower() for w in lex["count_openers"]}
        self._stop = {w.lower() for w in lex["stop_words"]}
        self._qualifier = re.compile(
            rf"(?<![\w-])(?P<q>{phrase_pattern(q for qs in lex['qualifiers'].values() for q in qs)})\s*$", re.IGNORECASE
        )
        self._qualifier_name = {q.lower(): name for name, qs in lex["qualifiers"].items() for q in qs}
        # "a three-ship group", "a 200-kilometer range": the count is glued to the noun it counts.
        self._compound = re.compile(
            rf"(?<![\w\-–/.,$])(?P<num>{_DIGIT_COUNT}|{WORD_NUMBER})[-–](?P<noun>{phrase_pattern(lex['compound_nouns'])})"
            rf"(?![\w-])",
            re.IGNORECASE,
        )
        self._strength = re.compile(rf"(?<![\w\-–/.,$])(?P<num>{_DIGIT_COUNT}|{WORD_NUMBER})[-–]strong\b", re.I)
        self._rate = re.compile(rf"\s*(?:a|an|per|each|every)\s+(?:{phrase_pattern(lex['rate_units'])})\b", re.I)
        self._measures = {w.lower() for w in lex["measure_nouns"]}

    def read(self, text: str) -> list[Mention]:
        """Every count-like number of a sentence, with its qualifier, range and the noun phrase after it."""
        compounds = self._compounds(text)
        spans = [(c.num_start, c.end) for c in compounds]
        numbers = self._numbers(text, spans)
        return sorted([*numbers, *compounds], key=lambda m: m.start) if compounds else numbers

    def _compounds(self, text: str) -> list[Mention]:
        """ "the three-ship group", "a 200-kilometer range": a count glued to its noun by a hyphen."""
        out: list[Mention] = []
        if "-" not in text and "–" not in text:
            return out  # no hyphen, no compound: a test much cheaper than the pattern's search
        for m in self._compound.finditer(text):
            value = words_to_value(m.group("num"))
            if value is None or value <= 1:
                continue
            q = self._qualifier.search(text, max(0, m.start() - 24), m.start())
            qualifier = self._qualifier_name.get(" ".join(q.group("q").lower().split()), "about") if q else None
            _, after_np = self._noun_phrase(text[m.end() : m.end() + 120])
            noun = m.group("noun").lower()
            start = q.start() if q else m.start()
            out.append(Mention(start, m.start(), m.start("noun") - 1, value, None, qualifier, False, [noun], after_np))
        for m in self._strength.finditer(text):
            value = words_to_value(m.group("num"))
            if value is None or value <= 1:
                continue
            np, after_np = self._noun_phrase(text[m.end() : m.end() + 120])
            out.append(Mention(m.start(), m.start(), m.end(), value, None, None, False, [STRENGTH, *np], after_np))
        return out

    def _numbers(self, text: str, skip: list[tuple[int, int]]) -> list[Mention]:
        out: list[Mention] = []
        pos = 0
        ltext, number_re = lower_for_match(text)
        while True:
            m = number_re.search(ltext, pos)
            if m is None:
                return out
            pos = m.end()
            if any(a <= m.start() < b for a, b in skip):
                continue  # read as a compound
            parsed = parse_number(m)
            if parsed is None or self._is_not_a_count(text, m):
                continue
            if self._rate.match(text, m.end()):
                continue  # "$64 a barrel", "$2 per gallon": a price, not an amount
            value, low, end = parsed.value, None, m.end()
            qualifier = None
            rng = _RANGE_RE.match(text, m.end())
            second = number_re.match(ltext, rng.end()) if rng else None
            if rng and second and not text[max(0, m.start() - 5) : m.start()].lower().strip().endswith("from"):
                parsed2 = parse_number(second)
                if parsed2 is not None and rng.group("sep").lower() == "or":
                    pos = second.end()  # "one or two vessels": vague
                    continue
                sep = rng.group("sep").lower()
                between = sep == "and" and text[max(0, m.start() - 9) : m.start()].lower().rstrip().endswith("between")
                if parsed2 is not None and (sep not in ("or", "and") or between):  # "between 112 and 115"
                    scale = words_scale(second)
                    first = value * scale if scale > 1 and not m.group("scale") else value
                    if parsed2.value > first:
                        low, value, end, qualifier = first, parsed2.value, second.end(), "range"
                        pos = end
            start = m.start()
            if qualifier is None:
                q = self._qualifier.search(text, max(0, m.start() - 24), m.start())
                if q:
                    qualifier = self._qualifier_name.get(" ".join(q.group("q").lower().split()), "about")
                    start = q.start()
                elif parsed.plus:
                    qualifier = "more than"
            if self._list_ends_in_unit(ltext, end):
                continue
            np, after_np = self._noun_phrase(text[end : end + 120])
            if parsed.is_word and value == 1 and (not np or text[end:].lstrip()[:3].lower() == "of "):
                continue  # "one" counts only with its noun ("one submarine"), never as "one of the" or a pronoun
            if np and np[0].lower().strip(".") in self._units:
                continue
            out.append(Mention(start, m.start(), end, value, low, qualifier, parsed.is_money, np, after_np))

    def _list_ends_in_unit(self, text: str, end: int) -> bool:
        """ "eight and ten or eleven years old": a list of numbers shares the unit after its last one."""
        chained = False
        for _ in range(3):
            link = _LIST_LINK.match(text, end)
            nxt = NUMBER_RE.match(text, link.end()) if link else None
            if nxt is None:
                break
            end, chained = nxt.end(), True
        word = _NEXT_TOKEN.match(text, end)
        return chained and word is not None and word.group(1).lower().strip(".") in self._units

    def _is_not_a_count(self, text: str, m: re.Match[str]) -> bool:
        """Dates, times, years, labels ("Group 12"), hyphenated compounds ("20-second"), shares."""
        # only the last words matter: a window keeps this linear on a sentence of a million numbers
        before = text[max(0, m.start() - 240) : m.start()].rstrip()
        prev_word = before.split()[-1].lower().strip('("“') if before.split() else ""
        after = text[m.end() : m.end() + 12]
        counted_verb = prev_word == "number" and before.split()[-2:-1] in (["now"], ["which"], ["that"], ["already"])
        if prev_word in self._months or (prev_word in self._labels and not counted_verb) or prev_word in ("#", "no"):
            return True  # a label ("No. 5"), though "the strikes, which now number 27" counts
        words_before = before.split()
        owner = prev_word.endswith(("'s", "’s"))  # "the Navy's 11 ships": an owner, not a name like "Boeing 737"
        if (
            len(words_before) > 1
            and words_before[-1][:1].isupper()
            and words_before[-1][-1:].isalnum()  # "USS Gerald R. Ford, eight warships": a list, not a name
            and prev_word not in self._count_openers
            and not owner
        ):
            return True  # "Boeing 737", "STOXX 600", "Titanfall 2": a name, not a count
        next_word = _NEXT_WORD.match(after)
        if next_word and next_word.group(1).lower().strip(".") in self._months:
            return True
        if _HYPHEN_UNIT.match(after):
            return True
        if _SHARE_OR_TIME.match(after):
            return True
        return bool(_YEAR_ONLY.fullmatch(m.group("num"))) and not m.group("cur")  # a count this round reads "2,000"

    def _noun_phrase(self, after: str) -> tuple[list[str], str]:
        toks = list(_TOKEN_RE.finditer(after))
        words: list[str] = []
        i = 0
        stop_at = len(after)
        while i < len(toks) and len(words) < 6:
            t = toks[i].group(0)
            low = t.lower()
            if t in _QUOTES:
                i += 1
                continue
            if low == "of" and len(words) == 1 and words[0].lower() in self._measures:
                i += 1  # "14 sets of missiles": the count is of what the sets hold
                continue
            punctuation = not t[0].isalnum() and not t.startswith("U.")
            if punctuation or (low in self._stop and not (low == "of" and not words)):
                stop_at = toks[i].start()
                break
            if low == "of" and i + 1 < len(toks) and toks[i + 1].group(0).lower() in _PARTITIVE:
                i += 2
                continue
            if low == "of":
                stop_at = toks[i].start()
                break
            words.append(t)
            i += 1
        else:
            stop_at = toks[i].start() if i < len(toks) else len(after)
        rest = _QUOTE_CHARS.sub("", after[stop_at:])
        cut = _CLAUSE_END.search(rest)
        rest = rest[: cut.start() if cut else 60]
        nxt = NUMBER_RE.search(rest.lower())
        return words, rest[: nxt.start() if nxt else len(rest)]


def words_scale(m: re.Match[str]) -> float:
    """The scale multiplier a NUMBER_RE match carried ("50 thousand" → 1000), for ranges like "25 to 50 thousand"."""
    scale = m.group("scale")
    return float(SCALES.get((scale or "").lower(), 1))
