"""Figures: numbers about the situation, with kind, scope, qualifier and tracked quantity.

Each number in a sentence is read with the words around it: the noun phrase after it gives the kind
("4,500 sailors" → personnel), killing words before it or in its own predicate make people counts `killed`
("killing 11 people", "6 were killed and 14 were injured"), a death-toll subject carries over to the value it
reaches ("the death toll ... rose to 69"), and a number with no noun of its own borrows the kind of the one
before it ("17 strikes on 18 boats, with 10 sunk"). Dates (masked before any of this), times, ages, durations,
percentages, hypotheticals and parts of a group counted before are dropped. Scope is judged per clause by
`scope.py`. Word lists live in config/lexicon/figures.yaml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile
from typing import Any

from config.watch import TrackConfig, WatchConfig
from watchers.claims.learned import LinearModel
from watchers.claims.lexicon import load_lexicon, phrase_pattern, word_regex
from watchers.claims.number_mentions import STRENGTH, Mention, MentionReader
from watchers.claims.numbers import ORDINAL_RE, currency_of, ordinal_value
from watchers.claims.scope import ScopeReader
from watchers.claims.text import Document, Sentence
from watchers.claims.tracks import TrackMatcher
from watchers.models import Evidence, FigureClaim, FigureKind, Scope

_INHERIT_OK = {"more", "others", "other", "additional", "already", "each", "apiece", "sunk", "hit", "struck", "so"}
_DESIGNATOR_RE = re.compile(r"^(?:[A-Z]{1,2}/)?([A-Za-zА-Яа-яЁё]{1,3})-\d{1,3}[A-Za-zА-Яа-я0-9]{0,4}$")
# A cheap test for sentences that may hold a number, run on every sentence. Digits apart: a pattern of words only
# is searched by their first letters, several times faster than one that also starts with a character class.
_DIGIT = re.compile(r"[0-9]")
_MAYBE_NUMBER_WORD = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|dozen|pair|trio|quartet|quintet|first|second|third|fifth|ninth|tenth|twelfth|tieth"
    r"|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|trece|catorce|quince|dieci|veinte)"
)
_TOPICAL_KEYWORDS = 2
# "killed a total of 83", "a combined eight", "an estimated 40", "an additional 12": an article and an amount word
# (a participle or adjective) between a verb and its count leave the count the verb's object.
_DETERMINED_AMOUNT = r"(?:\s+an?\s+(?:total\s+of|[a-z]+(?:ed|al)))"
HYPOTHETICAL_REACH = 14  # words before a number in its clause where a plan or condition still governs it
_DISTANCE_UNITS = {
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "kilómetros": "km",
    "километров": "km", "км": "km", "mile": "miles", "miles": "miles", "millas": "miles", "nautical": "nautical miles",
    "nm": "nautical miles",
}  # fmt: skip
_WORD = re.compile(r"[\w'’-]+")
_KILLED_WORD = re.compile(r"\b(?:killed|dead|muertos)\b", re.I)
_CLAUSE_START = re.compile(r"[,;:]|\s(?:and|but|while|as|whereas)\s")
_YEAR = re.compile(r"(?<![\d,.$])(?:1[89]\d\d|20\d\d)(?!\d|,\d)")


class FigureExtractor:
    def __init__(self, watch: WatchConfig, scope_model: LinearModel | None = None) -> None:
        self.watch = watch
        lex = load_lexicon("figures")
        self.reader = MentionReader(lex)
        self._compile_kinds(lex)
        self._compile_totals(lex)
        self.scoper = ScopeReader(lex, scope_model)
        self._hypothetical = word_regex(lex["hypothetical"])
        self._reported = word_regex(lex["reporting_verbs"])
        self._history_before = watch.baseline_date.year - int(lex["history_years"])
        self._topic = tuple({k.lower() for k in watch.keywords})
        self.tracks = TrackMatcher(watch.tracks, {k: list(v) for k, v in lex["sides"].items()}, watch.keywords)

    def _compile_kinds(self, lex: dict[str, Any]) -> None:
        """What a number counts: head nouns, designators, killing and wounding words, currency."""
        self._head: dict[str, str] = {}
        for kind, words in lex["kind_nouns"].items():
            for w in words:
                self._head.setdefault(w.lower(), kind)
        for w in lex["person_nouns"]:
            self._head.setdefault(w.lower(), "person")
        for w in lex["death_nouns"]:
            self._head.setdefault(w.lower(), "death")
        self._not_killed = {w.lower() for w in lex["not_killed_words"]}
        self._activity_heads = {w.lower() for w in lex["activity_heads"]}
        self._money_after = re.compile(rf"\s*(?:de\s+)?(?:{phrase_pattern(lex['money_words'])})\b", re.IGNORECASE)
        designators = load_lexicon("deployments")  # one list of aircraft and missile prefixes for both extractors
        self._weapon_prefixes = {w.lower() for w in designators["weapon_prefixes"]}
        self._designator_prefixes = {w.lower() for w in designators["aircraft_prefixes"]} | self._weapon_prefixes
        needs_noun = {w.lower() for w in designators["weapon_needs_noun"]}
        for w in designators["weapon_systems"]:  # "some 5,000 Igla-S", "40 Tomahawks"
            if w.lower() not in needs_noun:
                self._head.setdefault(w.lower(), "weapons")
                self._head.setdefault(f"{w.lower()}s", "weapons")
        self._killed_before = re.compile(
            rf"(?:{phrase_pattern(lex['killed_before'])})(?:\s+(?:were|was|are|is|included|include|all|another))?"
            r"(?:\s+(?:all\s+)?(?:the|its|their))?"  # "killing the three men on board"
            rf"{_DETERMINED_AMOUNT}?\W*$",
            re.IGNORECASE,
        )
        self._killed_words = word_regex(lex["killed_after"])
        self._wounded_words = word_regex(lex["wounded_after"])
        self._wounded_nouns = {w.lower() for w in lex["wounded_after"]}
        self._all_killed = word_regex(lex["all_killed"])  # "11 people were aboard and all were killed"
        # An aside between a count and its verb: "80 people, including civilians and soldiers, were killed".
        self._aside = re.compile(rf",\s*(?:{phrase_pattern(lex['aside_openers'])})\b[^,;.]{{0,80}},", re.IGNORECASE)
        self._members = {w.lower() for w in lex["member_nouns"]}
        self._personnel_before = re.compile(rf"(?:{phrase_pattern(lex['personnel_before'])})\s*$", re.IGNORECASE)
        self._armed_bodies = word_regex(lex["armed_bodies"])
        self._killed_before_people = re.compile(rf"(?:{phrase_pattern(lex['killed_before_people'])})\W*$", re.I)
        self._wounded_before = re.compile(
            rf"(?:{phrase_pattern(lex['wounded_before'])}){_DETERMINED_AMOUNT}?\W*$", re.IGNORECASE
        )

    def _compile_totals(self, lex: dict[str, Any]) -> None:
        """Running totals whose value comes later ("the death toll ... rose to 69") and ordinal strikes."""
        self._toll = re.compile(
            rf"(?<![\w-])(?:{phrase_pattern(lex['toll_subjects'])}|number of [\w\s’'-]{{0,40}}?(?:killed|dead))\b"
            rf"[^;!?\d]{{0,160}}?"
            rf"(?<![\w-])(?:{phrase_pattern(v for v in lex['toll_verbs'] if v != 'of')}"
            r"|(?<!deaths )(?<!fatalities )of)\s*$",
            re.IGNORECASE,
        )  # "a toll of 61" gives the total; "the deaths of 14 crew members" names whose deaths
        # The rank's head: a strike noun after it ("the ninth boat strike"), or "time" ("the 15th time").
        self._strike_after_ordinal = re.compile(
            r"^(?:(?:\s+(?!(?:in|on|of|at|and|the)\b)[\w.’'-]+){0,3}?\s+(?:air)?(?:strike|strikes|attack|attacks|raid)"
            r"|(?:\s+[\w-]+)?\s+time)\b",
            re.IGNORECASE,
        )
        # A rank in apposition or predicate to a strike: "the strike, the ninth since September", "the strike
        # was the military's 26th", "with the strike the 36th of the campaign".
        self._strike_was_ordinal = re.compile(
            r"\b(?:air)?(?:strike|attack|raid)(?:\s+(?:\w+\s+){0,4}?(?:was|is|marks|marked|became|becomes)\s+|\s*,\s*)"
            r"(?:the|its)\s+(?:[\w’'-]+['’]s\s+)?$"
            r"|\bwith\s+(?:the|this|that)\s+(?:air)?(?:strike|attack|raid)\s+(?:being\s+)?(?:the|its)\s+$"
        )
        # "the number of U.S. warships in the Caribbean to 12": the kind comes from the noun after "of".
        self._total_of = re.compile(
            r"\b(?:number|total|tally|count) of (?P<np>[^;\d]{1,90}?)"
            r"\s+(?:to|at|reached|reaches|is|stands at|stood at)\s*$",
            re.IGNORECASE,
        )
        # The total before its noun: "bringing to eight the number of U.S. warships", "ya son 17 los bombardeos".
        self._inverted_verb = re.compile(r"\b(?:to|a|son|suman|sumaron|eran)\s*$", re.IGNORECASE)
        self._inverted_np = re.compile(
            r"^\s*(?:the|its|their|los|las)\s+(?:(?:number|total|tally|count|cifra|número|total) (?:of|de) )?"
            r"(?P<np>(?:[^;:,.\d()]|(?<=\b[A-Z])\.){1,90})",  # "U.S." keeps its dots; a full stop ends the phrase
            re.IGNORECASE,
        )
        self._toll_estimate = re.compile(
            rf"\b(?:{phrase_pattern(lex['toll_estimate_verbs'])})\s+(?:{phrase_pattern(lex['toll_estimate_objects'])})"
            r"(?:\s+(?:in|from|of|for)\s+[^.;\d]{0,60}?)?\s+(?:at|as high as)\s+(?:between\s+)?$",
            re.IGNORECASE,
        )
        self._numbering_verbs = {w.lower() for w in lex["numbering_verbs"]}
        self._numbering = re.compile(
            rf"(?P<np>(?:[\w'’-]+\s+){{0,5}}[\w'’-]+)"
            rf"(?:\s*,\s*(?:which|that)\s+[^,;.]{{1,60}}?,)?"  # "the strikes, which began in September, now number"
            rf"\s*,?\s*(?:(?:which|that)\s+)?(?:now\s+|already\s+)?"
            rf"(?:{phrase_pattern(lex['numbering_verbs'])})\s*$",
            re.IGNORECASE,
        )
        self._toll_subject = re.compile(rf"^(?:{phrase_pattern(lex['toll_subjects'])})\b", re.IGNORECASE)
        self._double_tap = re.compile(r"^[^.;]{0,10}\b(?:on|against|targeting)\b[^.;]{0,30}\bsurvivors\b", re.I)

    # ------------------------------------------------------------------ public

    def extract(self, doc: Document) -> list[FigureClaim]:
        claims: dict[tuple[str, float], FigureClaim] = {}
        sents = doc.sentences
        # A tracked quantity is the watch's: an article that names fewer than two of its keywords reports none.
        doc_low = doc.text.lower()
        topical = sum(k in doc_low for k in self._topic) >= min(_TOPICAL_KEYWORDS, len(self._topic))
        # In a story about survivors of a strike, "the second strike" is the follow-up on them, not a count.
        double_tap = "survivor" in doc_low
        for i, sent in enumerate(sents):
            if _DIGIT.search(sent.text) or _MAYBE_NUMBER_WORD.search(sent.text.lower()):
                context = None
                if topical:
                    near = [s.text for s in sents[max(0, i - 1) : i + 2] if s.paragraph == sent.paragraph]
                    context = " ".join(near)
                prev = sents[i - 1].text if i and sents[i - 1].paragraph == sent.paragraph else ""
                for claim, part in self._sentence_claims(sent, context, prev, double_tap, doc.explain):
                    key = (claim.kind, claim.value)
                    if part and any(k == claim.kind and v > claim.value for k, v in claims):
                        continue  # "two of the boats", after "three boats": a part of a group counted already
                    old = claims.get(key)
                    if old is None:
                        claims[key] = claim
                    elif old.track is None and claim.track is not None:
                        claims[key] = replace(old, track=claim.track)
        return list(claims.values())

    # ------------------------------------------------------------------ one sentence

    def _sentence_claims(
        self, sent: Sentence, context: str | None, prev: str, double_tap: bool = False, explain: bool = False
    ) -> list[tuple[FigureClaim, bool]]:
        """The sentence's figures, each with whether it counts a part of a group named before."""
        mentions = self.reader.read(sent.text)
        # Dates are not numbers: masked, they neither break a toll from its value ("the toll since the truce
        # began on 12 May has risen to 310") nor read as ordinals ("a March 7th strike").
        text = _YEAR.sub("####", sent.text)
        for a, b in self.scoper.dates(text):
            text = text[:a] + _DIGIT.sub("#", text[a:b]) + text[b:]
        out: list[tuple[FigureClaim, bool]] = []
        history_at = self._history_start(sent.text)
        last_kind: FigureKind | None = None
        last_head: str | None = None
        prev_end = 0
        last_np: list[str] = []
        for m in mentions:
            pre_local = text[prev_end : m.start]
            self._classify(m, text, pre_local, last_kind, last_np)
            prev_end, last_np = m.end, m.np
            if m.kind is None:
                continue
            if m.kind == last_kind and m.head_word is None:
                m.head_word = last_head  # a borrowed kind keeps the noun it was borrowed from
            last_kind, last_head = m.kind, m.head_word
            if m.kind in ("distance", "money") and text[: m.start].rstrip().endswith("("):
                continue  # "1,500 km (930 miles)": the same distance again
            if self._is_hypothetical(pre_local) or m.start >= history_at:
                continue
            judged = self.scoper.judge(m.kind, m.value, sent.text, m.num_start, m.end, m.np, prev, explain=explain)
            joined = bool(out) and out[-1][0].kind == "personnel" and bool(_JOINED_COUNT.fullmatch(pre_local))
            why = {**judged.explain, "features": judged.features} if judged.explain is not None else None
            claim = self._claim(sent, context, m, judged.scope, joined=joined, explain=why)
            # "two of the boats": a part of a group of things. A part of the dead ("eight of the dead had jumped
            # overboard") still counts people killed, so casualties are never parts.
            out.append((claim, m.kind not in ("killed", "wounded") and "partitive" in judged.features))
        ordinals = self._ordinal_strikes(sent, text, context, double_tap, explain)
        return [*out, *((claim, False) for claim in ordinals)]

    def _is_hypothetical(self, pre_local: str) -> bool:
        """ "enough drugs to kill 25 to 50 thousand" is; "Carnival said it would donate $1 million" is reported
        speech (a pledge), not a hypothetical."""
        clause = " ".join(_CLAUSE_START.split(pre_local)[-1].split()[-HYPOTHETICAL_REACH:])
        hit = self._hypothetical.search(clause)
        if hit is None:
            return False
        return not (hit.group(0).lower() == "would" and self._reported.search(clause, 0, hit.start()))

    def _history_start(self, text: str) -> int:
        """0 when a past year opens the sentence ("In 1989, the US sent 27,000 troops"): its figures are history,
        not news. A year later in the sentence ("jets purchased in 2006") dates a detail and is let be."""
        y = _YEAR.search(text, 0, 40)
        return 0 if y and int(y.group(0)) < self._history_before else len(text)

    # ------------------------------------------------------------------ kind

    def _head_of(self, np: list[str], value: float) -> tuple[str | None, int]:
        """The kind noun heading the phrase: the last one before a verb-like "-ed" word ("attacks targeted
        vessels" → attacks), skipping singulars after a plural count ("2 vessels attack" → vessels)."""
        best: tuple[str | None, int] = (None, -1)
        lows = [w.lower().removesuffix("'s").removesuffix("’s") for w in np]
        for j, low in enumerate(lows):
            if best[0] is not None and low.endswith("ed"):
                break
            kind = self._head.get(f"{lows[j - 1]} {low}") if j > 0 else None
            kind = kind or self._head.get(low)
            if kind is None:
                d = _DESIGNATOR_RE.match(np[j].removesuffix("s"))
                if d and d.group(1).lower() in self._designator_prefixes:
                    kind = "weapons" if d.group(1).lower() in self._weapon_prefixes else "aircraft"
            if kind is None:
                if best[0] is not None and low in self._activity_heads and j == best[1] + 1:
                    # "five B-52 missions" counts missions, not bombers; a word between makes the activity a
                    # verb's object ("1,200 marines began exercises")
                    return (None, -1)
                continue
            if kind == "person" and best[0] == "personnel":
                continue  # "8 million militia members": the modifier says what the people are
            if value > 1 and best[0] is not None and f"{low}s" in self._head:
                continue  # a singular after a plural count is a verb or a modifier of something else
            best = (kind, j)
        return best

    def _classify(
        self, m: Mention, text: str, pre_local: str, last_kind: FigureKind | None, last_np: list[str]
    ) -> None:
        if m.is_money or self._money_after.match(text, m.end):
            m.kind = "money"
            return
        head, at = self._head_of(m.np, m.value)
        if head not in (None, "person", "death"):
            m.head_word = m.np[at]
        np_low = [w.lower() for w in m.np]
        if np_low[:1] == [STRENGTH] and head in (None, "person"):
            m.kind = "personnel"  # "a 2,400-strong Marine contingent", "a 600-strong force"
            return
        if any(w in self._not_killed for w in np_low[:2]) and head in (None, "person"):
            if self._killed_before.search(" ".join(_clause_words(pre_local)[-6:])):
                m.kind = "killed"  # "the strike killed two survivors": the verb decides, not the noun
                return
            if any(w in self._wounded_nouns for w in np_low[:2]):  # "14 injured", "30 heridos"
                m.kind = "wounded"
            return
        before = text[max(0, m.start - 220) : m.start]
        bare = all(w in _INHERIT_OK or w.endswith(("ed", "ly")) for w in np_low)  # "killed three", "10 more"
        people = head == "person" or bare or self._is_demonym(m.np)
        with_qualifier = text[max(0, m.num_start - 220) : m.num_start]  # "... rose up to 69": "to" is the verb's
        estimate = people and self._toll_estimate_at(before, with_qualifier)
        if people and (estimate or self._toll.search(before) or self._toll.search(with_qualifier)):
            m.kind = "killed"
            if m.qualifier == "up to":
                m.qualifier = None  # "the death count ... up to 69": the toll rose to 69, not at most 69
            return
        if head is None and self._numbered_kind(text[: m.start], m):
            return  # "the strikes, now numbering 14"
        counted = self._counted_total(before) if people else None
        if counted is None and not m.np:
            counted = self._inverted_total(text[: m.num_start], text[m.end :])
        if counted is not None:
            m.kind, m.head_word = counted  # "brings the number of U.S. warships in the Caribbean to 12"
            return
        tail = " ".join(pre_local.split()[-6:])
        after = m.after_np
        verb_between = self._killed_words.search(pre_local) or self._wounded_words.search(pre_local)
        if people and last_kind in ("killed", "wounded") and _continues_list(pre_local, last_np) and not verb_between:
            m.kind = last_kind  # "killed at least 4 Venezuelans and 2 Colombians", not "6 were killed and 14 were hurt"
            return
        if head is None and self._personnel_before.search(tail):
            m.kind = "personnel"  # "a force of 15,000"
            return
        if head is None and self._killed_before.search(tail):
            m.kind = "killed"  # the object of "killed" counts the dead, whatever the noun ("killed 11 Colombians")
            return
        if head is None and self._wounded_before.search(tail):
            m.kind = "wounded"  # likewise the object of "wounded" counts the wounded ("injured 15 peacekeepers")
            return
        if people or head in ("personnel", "death"):
            predicate = self._predicate(text, m.end)
            killed_after = self._killed_words.search(predicate) or self._all_killed.search(after)
            lost = head in ("person", "personnel") and self._killed_before_people.search(tail)
            if head == "death" or self._killed_before.search(tail) or killed_after or lost:
                m.kind = "killed"
                return
            if self._wounded_before.search(tail) or self._wounded_words.search(predicate):
                m.kind = "wounded"
                return
        if head == "person" and np_low[-1:] and np_low[-1] in self._members and self._of_armed_body(after):
            m.kind, m.head_word = "personnel", m.np[-1]  # "4.5 million members of the Bolivarian Militia"
            return
        if head is not None and head not in ("person", "death"):
            m.kind = head  # type: ignore[assignment]
            return
        if head is None and last_kind is not None and all(w in _INHERIT_OK or w.endswith(("ed", "ly")) for w in np_low):
            m.kind = last_kind  # "17 strikes on 18 boats, with 10 sunk": the count borrows the kind before it

    def _predicate(self, text: str, end: int) -> str:
        """What a count is the subject of: its noun phrase and complements ("32 officers assigned to the guard",
        "32 members of its military and intelligence services"), an aside skipped, up to the end of its first
        verb group ("had been killed", "died", "were wounded"); "and" joins nouns before the verb, clauses after."""
        rest = self._aside.sub(" ", text[end : end + 200], count=1)
        rest = rest[: next((c.start() for c in _SENTENCE_PART_END.finditer(rest)), len(rest))]
        verb = _FINITE.search(rest)
        if verb is None:
            return rest.split(",")[0]
        stop = _CLAUSE_AFTER_VERB.search(rest, verb.end())
        return rest[: stop.start() if stop else len(rest)]

    def _toll_estimate_at(self, before: str, with_qualifier: str) -> bool:
        """ "a tally puts the dead at 97" (the cheap check on the last word first: this runs for every count)."""
        for text in (before, with_qualifier):
            last = text[-9:].rstrip().rpartition(" ")[2].lower()
            if last in ("at", "between", "as high as") and self._toll_estimate.search(text[-100:]):
                return True
        return False

    def _numbered_kind(self, before: str, m: Mention) -> bool:
        """ "the strikes, now numbering 14", "Venezuelan troops, totaling 25,000": the noun before the verb is
        what the number counts; a count of strikes given this way is their running total."""
        if before[-12:].rstrip().rpartition(" ")[2].lower() not in self._numbering_verbs:
            return False
        hit = self._numbering.search(before[-120:])
        if hit is None:
            return False
        # The subject's head comes before its complement: "the attacks on drug boats" counts attacks.
        words = _head_part(hit.group("np"), _SUBJECT_STOPS)
        head, at = self._head_of(words, 2) if words else (None, -1)
        if head == "death":  # "the dead now number 99": the toll
            m.kind, m.head_word = "killed", None
            return True
        if head in (None, "person", "money"):
            return False
        m.kind, m.head_word = head, words[at]  # type: ignore[assignment]
        return True

    def _things(self, words: list[str]) -> tuple[FigureKind, str] | None:
        """The kind and head noun of a noun phrase that counts things (not people, deaths or money)."""
        head, at = self._head_of(words, 2)
        if head in (None, "person", "death", "money"):
            return None
        return head, words[at]  # type: ignore[return-value]

    def _counted_total(self, before: str) -> tuple[FigureKind, str] | None:
        """The kind named by "the number of <noun> ... to", when that noun is a kind noun (not people)."""
        total = self._total_of.search(before)
        if total is None:
            return None
        words = total.group("np").split()
        if self._wounded_words.search(total.group("np")):
            return "wounded", words[-1]  # "the number of wounded stands at 170,670"
        return self._things(words)

    def _inverted_total(self, before: str, after: str) -> tuple[FigureKind, str] | None:
        """The kind of "to <N> the number of <noun>" / "son <N> los <noun>": a running total named after its value
        (a toll, "to 70 the death toll", "the number of people killed", counts the killed)."""
        if not self._inverted_verb.search(before):
            return None
        hit = self._inverted_np.match(after)
        if hit is None:
            return None
        words = _head_part(hit.group("np"), _NP_STOPS)
        np_text = " ".join(words)
        if self._toll_subject.match(np_text) or _KILLED_WORD.search(hit.group("np")):
            return "killed", words[-1] if words else "toll"
        return self._things(words)

    def _of_armed_body(self, after: str) -> bool:
        words = after.split()
        return bool(words) and words[0].lower() == "of" and bool(self._armed_bodies.search(" ".join(words[1:6])))

    @staticmethod
    def _is_demonym(np: list[str]) -> bool:
        return bool(np) and np[-1][0].isupper() and np[-1].endswith("s") and len(np[-1]) > 4 and np[-1].isalpha()

    # ------------------------------------------------------------------ scope, ordinals, claims

    def _ordinal_strikes(
        self, sent: Sentence, text: str, context: str | None, double_tap: bool, explain: bool
    ) -> list[FigureClaim]:
        """ "the ninth strike", "the strike, the ninth since September", "the 15th time": a strike's rank is the
        running count of strikes (`text`: the sentence with its dates masked, so "a March 7th strike" is none)."""
        out: list[FigureClaim] = []
        low = text.lower()
        if not any(w in low for w in ("strike", "struck", "attack", "raid")):
            return out
        for m in ORDINAL_RE.finditer(low):
            value = ordinal_value(m)
            if not value or (value == 2 and double_tap):
                continue
            rest = sent.text[m.end() :]
            hit = self._strike_after_ordinal.match(rest) or self._strike_was_ordinal.search(low, 0, m.start())
            if hit is None or self._double_tap.match(rest[hit.end() :] if hit.re is self._strike_after_ordinal else ""):
                continue
            if value == 1:
                return []  # "the first strike, the second strike, and the third": strikes of one episode, ranked
            if "follow-up" in sent.text[max(0, m.start() - 20) : m.start()].lower():
                continue
            end = m.end() + hit.end() if hit.re is self._strike_after_ordinal else m.end()
            mention = Mention(m.start(), m.start(), end, float(value), None, None, False, [], "")
            mention.kind = "strikes"
            subject = sent.text[min(m.start(), hit.start()) : end] if end == m.end() else sent.text[m.start() : end]
            why = {"cues": ["ordinal"]} if explain else None
            out.append(self._claim(sent, context, mention, "cumulative", subject, explain=why))
        return out

    def _claim(
        self,
        sent: Sentence,
        context: str | None,
        m: Mention,
        scope: Scope,
        subject: str | None = None,
        joined: bool = False,
        explain: dict[str, Any] | None = None,
    ) -> FigureClaim:
        """`joined`: the count is added to a personnel count before it ("15,000 troops, along with 11 Navy
        ships"), so "along with" joins two totals of one force rather than naming one group's members."""
        assert m.kind is not None
        text = sent.text
        subject = subject or " ".join([text[m.start : m.end], *m.np]).strip()
        track = None
        if context is not None and (joined or not _counts_a_part(text[: m.start], m.np, m.after_np)):
            near = m.np + _clause_words(text[: m.num_start])
            if not self.tracks.sides_of(near):
                near += _opening_words(text[: m.num_start])  # "Venezuela, meanwhile, said 200,000 troops ..."
            if m.kind == "personnel" and m.after_np[:3].lower() == "of ":
                near += m.after_np.split()[1:6]  # "4.5 million members of the Bolivarian Militia": the body's side
            track = self.tracks.match(m.kind, scope, context, near, m.head_word, m.after_np)
        unit = currency_of(text[m.num_start :]) if m.kind == "money" else None
        if m.kind == "distance" and m.np:
            unit = _DISTANCE_UNITS.get(m.np[0].lower(), m.np[0].lower())
        return FigureClaim(
            kind=m.kind,
            value=m.value,
            scope=scope,
            subject=subject,
            evidence=Evidence(text, sent.start, sent.end),
            track=track.name if isinstance(track, TrackConfig) else None,
            qualifier=m.qualifier,
            low=m.low,
            unit=unit,
            explain=explain,
        )


# Where a count's clause ends for sure: a full stop, semicolon, bracket or dash, or the next number.
_SENTENCE_PART_END = re.compile(r"[;:.!?()]|\s[-–—]\s|\d")
# The first verb group after a count: an auxiliary or a verb in the past ("died", "perished").
_FINITE = re.compile(
    r"(?<![\w-])(?:are|is|was|were|have|has|had|will|would|remain|remained|remains|died|perished|drowned|murieron)"
    r"(?![\w-])",
    re.IGNORECASE,
)
# After its verb group, a count's clause ends at a comma or a conjunction that opens another clause.
_CLAUSE_AFTER_VERB = re.compile(r",|(?<![\w-])(?:and|but|while|when|after|because|as|which|who|that|y)(?![\w-])", re.I)
# Between a personnel count and a second count of the same force: "15,000 troops, along with 11 warships".
_JOINED_COUNT = re.compile(
    r"[^.;:]{0,60}?(?:,\s*)?\b(?:along with|alongside|as well as|plus|and|with)\s+(?:some\s+|about\s+)?", re.I
)
# Words that end the noun of an inverted total ("the number of U.S. warships in the region").
_NP_STOPS = frozenset(
    {"in", "on", "at", "against", "since", "from", "across", "operating", "deployed", "stationed", "that", "who"}
    | {"which", "contra", "en", "desde", "del", "de", "sobre"}
)
_SUBJECT_STOPS = _NP_STOPS | {"of", "off"}  # a counted subject's complement: "the attacks on/of/off ..."
_PART_BEFORE = re.compile(
    r"\b(?:with|along with|including|includes?|included|escorted by|accompanied by|among them|alongside|plus)"
    r"\s+(?:the\s+|its\s+|their\s+)?$",
    re.I,
)
# "the Iwo Jima group carries 4,500 sailors and Marines": the subject is one group, not the region's force.
_PART_CARRIER = re.compile(
    r"\b(?:group|ARG|MEU|carrier|ship|ships|vessel|vessels|flotilla|squadron)\s+(?:now\s+)?"
    r"(?:carries|carry|carried|carrying|holds|hold|has aboard|had aboard)\s+$",
    re.I,
)
_PART_AFTER = re.compile(
    r"^\s*(?:accompanying|escorting|attached to|assigned to|"
    r"(?:and [\w’'-]+ )?(?:(?:are|were|is|was)\s+)?(?:aboard|on board|embarked (?:on|aboard))\s+(?:the|its|her|their)"
    r"(?=\s+(?:[\w.’'-]+ ){0,3}?(?:ships?|vessels?|carrier|group|amphibious|USS)\b|\s*$)|"
    r"(?:in|of) (?:the|its|a|her) (?:[\w.’'-]+ ){0,3}(?:strike|battle|carrier|amphibious ready) group|"
    r"(?:in|of|from|with) (?:the|its|a|her) (?:[\w.’'-]+ ){0,3}(?:MEU|Marine Expeditionary Unit|ARG|brigade|battalion"
    r"|regiment|squadron|air wing))\b",
    re.I,
)
_WHOLE_FORCE = re.compile(r"\b(?:buildup|build-up|deployment|presence|armada|mobilization|force)\b", re.I)
_PART_NOUN = frozenset({"accompanying", "escorting"})


def _counts_a_part(before: str, np: list[str], after_np: str) -> bool:
    """A count of a group's members ("deployed with five destroyers", "the three destroyers accompanying
    it", "the four ships in the strike group") measures that group, not a tracked total of the region."""
    part = _PART_BEFORE.search(before)
    if part and part.group(0).lower().startswith("includ") and _WHOLE_FORCE.search(before, max(0, part.start() - 40)):
        part = None  # "the buildup now includes 12,000 sailors": the whole force, not one group
    return bool(
        part or _PART_CARRIER.search(before) or _PART_AFTER.match(after_np) or _PART_NOUN & {w.lower() for w in np}
    )


def _head_part(np: str, stops: frozenset[str]) -> list[str]:
    """The words of a noun phrase before the first that opens its complement ("U.S. warships | in the region")."""
    return list(takewhile(lambda w: w.lower() not in stops, np.split()))


def _continues_list(between: str, last_np: list[str]) -> bool:
    """A count after "and" or a comma shares the verb of the count before it when only that count's noun
    stands between them ("killed 4 Venezuelans and 2 Colombians"); a verb of its own between them ("6 were
    killed and 14 were injured") coordinates two clauses, each with its own verb."""
    words = _WORD.findall(between.lower())
    if words[-1:] == ["and"]:
        words.pop()
    return bool(between.strip()) and words == [w.lower() for w in last_np][: len(words)] and len(words) <= 3


def _opening_words(before: str) -> list[str]:
    """The sentence's opening phrase when a comma closes it before the number: often the subject ("Venezuela,
    meanwhile, announced ...") whose side the clause of the number no longer names."""
    head, comma, _ = before.partition(",")
    return head.split()[:4] if comma else []


def _clause_words(before: str) -> list[str]:
    """The words of the clause leading up to a number ("Venezuela said it has deployed"), at most eight."""
    clause = _CLAUSE_START.split(before)[-1]
    return clause.split()[-8:]
