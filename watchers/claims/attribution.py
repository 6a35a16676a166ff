"""Who said a quote: candidate speakers around it, each scored by a fitted model, against "no named speaker".

Candidates come from the quote's paragraph and the two sentences before it: the article's actors where
their names are written (people, institutions, countries, capitals), pronouns ("he", "она"), descriptions
that stand for one ("the command", "the statement", "the ministry", "the president"), unnamed sources
("officials", "a senator", "residents"). Each gets
named features (`features`): a reporting verb next to it, recognised by its form and position rather than
by a list of verbs (an exclusion list removes look-alikes), its place in the clause (subject, object of a
verb or preposition, inside "according to" or "in what he called"), its distance from the quote and which
side it is on. `watchers/claims/weights/speaker.json` (fitted by `fit_speaker_model`, see fitting.py) turns
them into a score. A candidate of the quote's own sentence goes first; the best speaks if it beats "none"
(an option with a fitted score of its own), and an unnamed source that wins means no named speaker. A quote
nobody in its own sentence is attached to continues the previous speaker in the same paragraph or at the next
one's opening, before anyone further away is considered.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

from rapidfuzz.distance import Levenshtein

from watchers.claims.learned import LinearModel
from watchers.claims.names import strip_accents
from watchers.claims.quotes import Quote
from watchers.claims.text import Document
from watchers.claims.vocab import NOT_VERBS, PREPOSITIONS, REPORTING_IRREGULAR, SPEECH_VERBS, SUBJECT_VERB_FILLERS
from watchers.models import ActorClaim

_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_SPEECH = frozenset(SPEECH_VERBS.split("|"))
_HEDGE = re.compile(
    r"(?:\baccording to|\bsegún|\bciting|\bquoting|\bper|\bas reported by|\bcitado por)\s+(?:the\s+)?$", re.I
)
_WHAT = re.compile(r"\b(?:what|lo que|which)\s+$", re.I)
_CLAUSE_BOUNDARY = re.compile(
    r"[,;:—–(]|\b(?:and|but|or|after|as|when|while|because|since|before|until|once|whereas|that|if|y|pero|"
    r"que|mientras|cuando|tras)\b"
)
_PRONOUNS = re.compile(r"(?<![\w’'])(?:he|she|He|She|él|Él|ella|Ella|он|Он|она|Она|его|ее|её)(?![\w’'])")
_IT = re.compile(r"(?<![\w’'])(?:it|It|they|They)(?![\w’'])")
# Heads of a definite description that stands for a named speaker.
_ROLE_HEADS = (
    "president|secretary|minister|senator|spokesman|spokeswoman|spokesperson|admiral|general|governor|leader|"
    "ambassador|attorney general|prime minister|chairman|director|judge|prosecutor|lawyer|attorney|mayor|"
    "commander|chancellor|congressman|congresswoman|lawmaker|mandataria|presidenta|canciller|ministra"
)
_BODY_HEADS = (
    "command|ministry|department|agency|company|airline|carrier|administration|government|embassy|office|"
    "court|council|party|group|navy|army|military|force|service|bureau|white house|pentagon|regime"
)
_DOCUMENT_HEADS = "statement|release|memo|letter|post|advisory|communiqué|communique|notice|message|video|readout"
_DESCRIPTION = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Ee]l|[Ll]a)\s+(?:[\w’'-]+\s+){{0,2}}?"
    rf"(?:(?P<role>{_ROLE_HEADS})|(?P<body>{_BODY_HEADS})|(?P<doc>{_DOCUMENT_HEADS}))\b"
    r"|(?P<ru>в заявлении)"  # "говорится в заявлении": the statement speaks
)


def _opening_any_case(words: str) -> str:
    """'officials? aides?' → 'officials?|aides?|Officials?|Aides?': each word lowercase or capitalised at a
    sentence's start (two literal lists: a case-insensitive or [Oo]-class alternation is 2–3 times slower to
    search, and this one is searched near every quote)."""
    low = words.split()
    return "|".join([*low, *(w[0].upper() + w[1:] for w in low)])


# A subject that names no one: people by their role in the plural, or indefinite ("a senior official"); a text of
# law ("the bill") speaks for no named person either.
_UNNAMED_HEADS = """officials? sources? analysts? experts? observers? critics? residents? diplomats? witness(?:es)?
    people someone aides? insiders? lawmakers senators reports? reporters media outlets? survivors? relatives?
    neighbors? families protesters activists person authorities officers banners? signs? placards?
    spokes(?:person|man|woman) critics democrats republicans resolutions? bills? measures? amendments? legislation"""
_UNNAMED = re.compile(
    rf"\b(?:{_opening_any_case(_UNNAMED_HEADS)})\b"
    rf"|\b(?:{_opening_any_case('a an one another two three several some many')})\s+(?:[\w-]+\s+){{0,3}}?[a-z-]+"
    r"(?=\s*(?:,|$))",
)
_PAST = ("ed", "irregular", "es", "ru")
_CONNECTORS = frozenset(("of", "the", "and", "for", "de", "del", "la", "los", "y"))
_ASIDE = re.compile(r"^,[^,;:\"“”«»]{1,100},")
_POSSESSIVE = re.compile(r"[’']s\b")
_SENTENCE_INSIDE = re.compile(r"[!?;]|[a-z]{3}\.")
_PUNCT_NEXT = re.compile(r"\s*[^\w\s]")
_PUNCT_END = re.compile(r"[,;:.!?“”\"«»]\s*$")
_RU_PAST = re.compile(r"[а-яё]+(?:ил|ал|ел|ял|ла|ли|тся)")
_WEEKDAYS = frozenset(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
# How far from a quote its speaker is looked for, in characters: well beyond a long real paragraph, and what
# keeps one giant paragraph of hostile text (thousands of quotes, no sentence ends) linear instead of cubic.
_REACH = 1500
_MAX_CANDIDATES = 24
_TITLE_GOES_ON = re.compile(r" and (?:[A-Z][\w-]+(?: |(?=[\s,.;:]))){1,3}(?<! )(?![ \t]+(?:[A-Z]|of\b))")
_COUNTRY_GOVERNMENT = re.compile(r"(?:[’']s)?\s+(government|regime)\b")
# Distance from the quote, in words of the unquoted text between.
_DISTANCE_BINS = ((0, "0"), (3, "1-3"), (8, "4-8"), (20, "9-20"), (10**9, "21+"))
_FAR = 21  # words: the last bin
_SHORT_GAP = 200  # characters: split at once below this, word by word above


@dataclass(frozen=True)
class Named:
    """Where an actor's name appears in the article (outside quotation marks)."""

    start: int
    end: int
    actor: ActorClaim


@dataclass
class Candidate:
    """One possible speaker of a quote: who it resolves to ("" = nobody named), where, and why."""

    speaker: str
    kind: str  # person, organization, group, country, capital, government, pronoun, it, they, description, unnamed
    start: int
    end: int
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


NONE: Mapping[str, float] = {"none": 1.0}  # the features of "no named speaker", the option every candidate must beat

# Hand-set weights used only when no fitted model is shipped (a fresh checkout before `fit_claims.py`).
FALLBACK = LinearModel(
    "speaker", {"after.adjacent_verb": 3.0, "after.inverted": 3.0, "nearest_subject": 3.0, "none": 1.0}
)


class SpeakerRanker:
    """Ranks the candidate speakers of each quote of one document, read in order (it remembers the last
    speaker for "he said" and for quotes that continue)."""

    def __init__(
        self, doc: Document, actors: list[ActorClaim], quotes: list[list[Quote]], model: LinearModel | None
    ) -> None:
        self.doc = doc
        self.model = model or FALLBACK
        self.quotes = quotes
        self.names = name_index(doc, actors, quotes)
        self.name_starts = [n.start for n in self.names]
        self.quoted = [
            (p.start + q.start, p.start + q.end) for p, qs in zip(doc.paragraphs, quotes, strict=True) for q in qs
        ]
        self.quoted_starts = [s for s, _ in self.quoted]
        self.people = [n for n in self.names if n.actor.category == "person"]
        self.people_starts = [n.start for n in self.people]
        self.plain = _blank(doc.text, self.quoted)
        self.starts = [s.start for s in doc.sentences]
        self.last: tuple[int, str] | None = None  # (paragraph, speaker) of the previous attributed quote
        self._clauses: dict[tuple[int, int], tuple[str, tuple[str, str] | None, bool, bool]] = {}

    # ------------------------------------------------------------------ candidates

    def candidates(self, pi: int, qi: int) -> list[Candidate]:
        para = self.doc.paragraphs[pi]
        q = self.quotes[pi][qi]
        qs, qe = para.start + q.start, para.start + q.end
        si = self._sentence(qs)
        lo = min(para.start, self.doc.sentences[max(0, si - 2)].start)
        # to the end of the sentence that holds the words after the closing mark ('…." Denby said.')
        follow = qe + len(para.text[qe - para.start :]) - len(para.text[qe - para.start :].lstrip("\"'”’» \t"))
        hi = self.doc.sentences[self._sentence(min(follow, para.end - 1))].end if follow < para.end else para.end
        lo, hi = max(lo, qs - _REACH), min(hi, qe + _REACH)
        out: list[Candidate] = []
        covered = 0
        for n in self._between(lo, hi):
            if qs <= n.start < qe or n.start < covered:
                continue
            kind = _kind(n, self.doc.text)
            head = _COUNTRY_GOVERNMENT.match(self.doc.text, n.end) if kind == "government" else None
            speaker, end = self._named(n, kind), head.end() if head else n.end
            title = _TITLE_GOES_ON.match(self.doc.text, n.end) if " of " in speaker and kind == "organization" else None
            if title:  # "Ministry of Energy and Mines": an official title keeps its "and"
                speaker, end = self.doc.text[n.start : title.end()], title.end()
                covered = end
            out.append(Candidate(speaker, kind, n.start, end))
        for m in _PRONOUNS.finditer(self.plain, lo, hi):
            # one candidate per possible antecedent; the model weighs which kind of antecedent is meant
            for how, who in self._antecedents(m.start()).items():
                out.append(Candidate(who, "pronoun", m.start(), m.end(), {f"antecedent={how}": 1.0}))
        for m in _IT.finditer(self.plain, lo, hi):
            if m.group(0).lower() == "they":
                out.append(Candidate("", "they", m.start(), m.end()))
                continue
            # "Caracas added that it had arrested …": the subject of its sentence, else the last institution
            subject = self._subject_in_sentence(m.start(), lambda a: a.category != "person")
            if subject is not None:
                who = self._named(subject, _kind(subject, self.doc.text))
                out.append(Candidate(who, "it", m.start(), m.end(), {"antecedent=sentence_subject": 1.0}))
            body = self._recent(m.start(), _is_body)
            out.append(Candidate(body or "", "it", m.start(), m.end(), {"antecedent=last_institution": 1.0}))
        for m in _DESCRIPTION.finditer(self.plain, lo, hi):
            held = self._between(m.start(), m.end())
            if not held:
                out.append(Candidate(self._describe(m) or "", "description", m.start(), m.end()))
            elif all(n.actor.category == "country" for n in held):  # "the US military": nobody named
                out.append(Candidate("", "description", m.start(), m.end()))
            # else the name it holds speaks ("the Maduro regime", "the FAA's statement")
        for m in _UNNAMED.finditer(self.plain, lo, hi):
            if not self._between(m.start(), m.end()):
                out.append(Candidate("", "unnamed", m.start(), m.end()))
        if len(out) > _MAX_CANDIDATES:  # the nearest ones (real quotes never have as many within reach)
            near = sorted(out, key=lambda c: min(abs(c.start - qs), abs(c.start - qe)))[:_MAX_CANDIDATES]
            out = [c for c in out if any(c is n for n in near)]
        placed: dict[tuple[int, int], dict[str, float]] = {}  # a pronoun's antecedents share its place
        for c in out:
            f = {f"kind={c.kind}": 1.0, "resolves=none": 1.0} if not c.speaker else {f"kind={c.kind}": 1.0}
            if (c.start, c.end) not in placed:
                placed[c.start, c.end] = self.features(c.start, c.end, qs, qe)
            c.features = {**f, **placed[c.start, c.end], **c.features}
        # the subject nearest the quote among those its own sentence attaches to it by a verb
        subjects = [c for c in out if _attributes(c.features) and "before.same" in c.features]
        for c in subjects:
            if c.start == max(x.start for x in subjects):
                c.features["nearest_subject"] = 1.0
        for c in out:
            c.score = self.model.score(c.features)
        return out

    def choose(self, pi: int, qi: int, candidates: list[Candidate], none: Mapping[str, float] = NONE) -> str | None:
        """The winning speaker (None when "none" wins or an unnamed source does); remembers it."""
        # attribution is local: a candidate of the quote's own sentence first; else the quote goes on with the
        # previous speaker's words; one further away only if neither fits
        floor = self.model.score(none)
        near = [c for c in candidates if local(c.features) and c.score > floor]
        if not near and (continued := self._continued(pi, qi)) is not None:
            return continued
        best = max(near or candidates, key=lambda c: c.score, default=None)
        if best is None or best.score <= floor:
            return None
        return self.remember(pi, qi, best.speaker)

    def _continued(self, pi: int, qi: int) -> str | None:
        """A quote nobody is attached to continues the previous speaker's words in the same paragraph, or when it
        opens the paragraph after hers."""
        if self.last is None:
            return None
        opens = self.quotes[pi][qi].start <= 1 and self.last[0] == pi - 1
        return self.remember(pi, qi, self.last[1]) if self.last[0] == pi or opens else None

    def remember(self, pi: int, qi: int, speaker: str | None) -> str | None:
        """Take `speaker` as the speaker of this quote ("" = an unnamed source, None = nobody)."""
        if speaker == "":
            self.last = None
        elif speaker:
            self.last = (pi, speaker)
        return speaker or None

    # ------------------------------------------------------------------ features

    def features(self, start: int, end: int, qs: int, qe: int) -> dict[str, float]:
        """The features of a candidate at [start, end) for the quote at [qs, qe): where it is and
        its place in its clause (what it is and resolves to are added by `candidates`)."""
        plain = self.plain
        f: dict[str, float] = {}
        csi, qsi = self._sentence(start), self._sentence(qs)
        qlast = self._sentence(max(qs, qe - 1))
        if start >= qe:
            side, gap = "after", plain[qe:start]
            sent = "same" if csi <= qlast else "next"
        else:
            side, gap = "before", plain[end:qs]
            sent = "same" if csi == qsi else f"prev{min(qsi - csi, 2)}"
        # counted only as far as the bins go (a far candidate's gap is long: no need to split all of it)
        words = len(_WORD.findall(gap)) if len(gap) < _SHORT_GAP else sum(1 for _ in islice(_WORD.finditer(gap), _FAR))
        f[f"distance={next(label for top, label in _DISTANCE_BINS if words <= top)}"] = 1.0
        lo, hi = (end, qs) if side == "before" else (qe, start)
        k = bisect.bisect_left(self.quoted_starts, lo)
        if k < len(self.quoted) and self.quoted[k][1] <= hi:
            f["across_quote"] = 1.0  # another quote stands between
        role, verb, possessive, opens = self._clause(start, end, csi)
        # every cue counts with where the candidate is: a subject two sentences back is not the quote's subject
        where = f"{side}.{sent}"
        f[where] = 1.0
        f[f"{where}.role={role}"] = 1.0
        if verb is not None:
            f[f"{where}.verb={verb[1]}"] = 1.0
            if verb[0].lower() in _SPEECH:
                f[f"{where}.speech_lexicon"] = 1.0
        if possessive:
            f[f"{where}.possessive"] = 1.0
        if opens:
            f[f"{where}.sentence_start"] = 1.0
        if side == "after":
            between = gap.strip(" \t,.!?;—–-\"'”’»")
            first = _WORD.search(between)
            if first is None or all(w[0].isupper() or w in _CONNECTORS for w in _words(between)):
                f["after.adjacent"] = 1.0  # '…," Hegseth' / '…," Defense Secretary Pete Hegseth'
                if verb is not None:
                    f["after.adjacent_verb"] = 1.0  # '…," Whitfield charged'
            elif _verb_form(first.group(0)) and not _SENTENCE_INSIDE.search(between):
                others = self._between(qe, start)
                f["after.inverted" if not others else "after.inverted_far"] = 1.0  # '…," said acting Commissioner X'
        return f

    def _clause(self, start: int, end: int, csi: int) -> tuple[str, tuple[str, str] | None, bool, bool]:
        """A candidate's place in its clause, whatever the quote (the text with every quote blanked is the same for
        all): its role, the reporting verb after it, whether it is a possessor, whether it opens its sentence.
        Kept per place: a name near several quotes is looked at once."""
        known = self._clauses.get((start, end))
        if known is not None:
            return known
        plain = self.plain
        sent_start = self.doc.sentences[csi].start
        before = plain[max(sent_start, start - 80) : start]
        after = plain[end : end + 120]
        prev = _last_word(before)
        bounds = list(_CLAUSE_BOUNDARY.finditer(before))
        lead = before[bounds[-1].end() :] if bounds else before
        # lowercase words before it that make it an object ("condemned X", "against X"), not titles ("rights chief")
        lowers = [
            w for w in _WORD.findall(lead) if w[0].islower() and (w.lower() in PREPOSITIONS or _verb_form(w) in _PAST)
        ]
        lowers = [w for w in lowers if w not in _CONNECTORS]
        verb = _verb_after(after)
        role = "other"
        if prev and prev.lower() in PREPOSITIONS and prev[0].islower():
            role = "prep"
        elif prev and (_verb_form(prev) or _gerund(prev)):
            role = "object"  # "condemned X", "calling X"
        elif not lowers:
            role = "subject" if verb else "start"
        elif verb:
            role = "verb"
        if _HEDGE.search(before):
            role = "hedge"
        elif _WHAT.search(before) and verb:
            role = "what_clause"  # "in what he called", "what officials described as"
        known = (role, verb, bool(_POSSESSIVE.match(after)), plain[sent_start:start].strip(" \"“”«»'‘’—–-") == "")
        self._clauses[start, end] = known
        return known

    def _named(self, n: Named, kind: str) -> str:
        """The speaker a name stands for: a capital as written, a country's government as its head noun."""
        surface = self.doc.text[n.start : n.end]
        head = _COUNTRY_GOVERNMENT.match(self.doc.text, n.end)
        if n.actor.category == "country":
            if head and head.group(0)[:1] not in "’'":
                return f"{surface} {head.group(1)}"  # "the Venezuelan government"
            if head:
                return n.actor.name  # "Venezuela's government": the country, as the gold names it
            return surface if kind == "capital" else ""
        if head and head.group(0)[:1] not in "’'":
            return f"{surface} {head.group(1)}"  # "the Maduro regime", "the Noboa government"
        return n.actor.name

    def _subject_in_sentence(self, at: int, fits: Callable[[ActorClaim], bool]) -> Named | None:
        start = self._sentence_start(at)
        for n in self._between(start, at):
            if not fits(n.actor):
                continue
            prev = _last_word(self.plain[start : n.start])
            if prev and prev.lower() in PREPOSITIONS:
                continue
            if _verb_after(self.plain[n.end : n.end + 120]) is not None:
                return n
        return None

    def _antecedents(self, at: int) -> dict[str, str]:
        """The people a pronoun may stand for, by how they relate to it: the subject of its own sentence, a
        possessor in it ("Trump's threat, in which he …"), the last speaker, the subject of the sentence before."""
        out: dict[str, str] = {}
        start = self._sentence_start(at)
        unnamed = _UNNAMED.search(self.plain, start, at)
        # "A Navy spokesperson, quoted by local media, said he …": the subject before the sentence's first verb is
        # its only person, and an unnamed one
        opens = unnamed is not None and not any(
            _verb_form(w) for w in _WORD.findall(self.plain[start : unnamed.start()])
        )
        if unnamed and opens and not any(_is_person(n.actor) for n in self._between(start, at)):
            return {"unnamed_in_sentence": ""}
        own = self._subject_in_sentence(at, _is_person)  # "X said troops seized Y in what he called …": X
        if own is not None:
            out["sentence_subject"] = own.actor.name
        owners = [  # "Asked about Maduro, she said": an object of a preposition is not what "she" stands for
            n
            for n in self._between(start, at)
            if n.actor.category == "person"
            and (_last_word(self.plain[start : n.start]) or "").lower() not in PREPOSITIONS
        ]
        if owners:
            out["sentence_last_person"] = owners[-1].actor.name
        if self.last is not None and self.last[0] >= self._paragraph(at) - 1:
            out["last_speaker"] = self.last[1]
        if unnamed:
            out["unnamed_in_sentence"] = ""
        k = bisect.bisect_left(self.people_starts, start) - 1
        if k >= 0:  # the first person named in the last sentence before that names one
            sentence = self._sentence(self.people[k].start)
            while k > 0 and self._sentence(self.people[k - 1].start) == sentence:
                k -= 1
            out["previous_sentence"] = self.people[k].actor.name
        return out or {"none": ""}

    def _describe(self, m: re.Match[str]) -> str | None:
        """'the president' → the person titled so who last acted; 'the ministry' → the last institution of that head;
        'the statement' → the last institution that acted ("The ministry announced …")."""
        at = m.start()
        if m.group("role"):
            role = m.group("role").lower()
            # "President Trump … Trump said … the president": not the last one titled so in passing
            titled = {n.actor.name for n in self._between(0, at) if _is_person(n.actor) and role in self._title(n)}
            return self._recent(at, lambda a: a.name in titled, acting=True) or self._recent(at, _is_person)
        if m.group("body"):
            head = m.group("body").lower()
            fitting = self._recent(at, lambda a: _is_body(a) and _head_fits(head, a))
            if fitting or head in ("administration", "government", "regime"):
                return fitting  # "the administration" with no administration named: nobody named
            return self._recent(at, _is_body)  # "the agency" after "the FAA"
        return self._recent(at, _is_body, acting=True)  # "the statement" after "the ministry announced"

    def _recent(self, at: int, fits: Callable[[ActorClaim], bool], acting: bool = False) -> str | None:
        """The last name before `at` that fits, preferring one that is the subject of a verb (it acted: "the
        ministry announced") to one named in passing ("ousting Maduro", "a strike on Tren de Aragua")."""
        passing = None
        for n in reversed(self._between(max(0, at - 20 * _REACH), at)):
            if fits(n.actor):
                if not acting or _verb_after(self.plain[n.end : n.end + 120]):
                    return n.actor.name
                passing = passing or n.actor.name
        return passing

    def _title(self, n: Named) -> str:
        """The words before a name in its clause, lowercased: where its title is ("Defense Minister X")."""
        before = self.doc.text[max(0, n.start - 40) : n.start]
        return re.split(r"[,;:.!?()“”\"]", before)[-1].lower()

    def _between(self, start: int, end: int) -> list[Named]:
        return self.names[bisect.bisect_left(self.name_starts, start) : bisect.bisect_left(self.name_starts, end)]

    def _sentence_start(self, at: int) -> int:
        return max(self.doc.sentences[self._sentence(at)].start, at - _REACH)

    def _sentence(self, at: int) -> int:
        return max(0, bisect.bisect_right(self.starts, at) - 1)

    def _paragraph(self, at: int) -> int:
        return self.doc.sentences[self._sentence(at)].paragraph


def explain(candidates: list[Candidate], model: LinearModel | None) -> dict[str, object]:
    """Candidate speakers with their scores and their largest feature contributions (`extract --explain`)."""
    used = model or FALLBACK
    ranked = sorted(candidates, key=lambda c: -c.score)
    return {
        "candidates": [
            {
                "speaker": c.speaker or None,
                "kind": c.kind,
                "span": [c.start, c.end],
                "score": round(c.score, 3),
                "top": [[name, round(v, 3)] for name, v in used.contributions(c.features)[:5]],
            }
            for c in ranked[:6]
        ],
        "none_score": round(used.score(NONE), 3),
    }


def local(f: Mapping[str, float]) -> bool:
    return bool(f.get("before.same") or f.get("after.same") or f.get("after.adjacent"))


def _attributes(f: Mapping[str, float]) -> bool:
    """Whether a candidate is attached to the quote by a verb in the quote's own sentence."""
    return bool(
        f.get("after.adjacent_verb")
        or f.get("after.inverted")
        or f.get("before.same.role=subject")
        or f.get("before.same.role=verb")
        or f.get("before.same.role=what_clause")
    )


def _kind(n: Named, text: str) -> str:
    head = _COUNTRY_GOVERNMENT.match(text, n.end)
    if head and (n.actor.category != "person" or head.group(0)[:1] not in "’'"):
        return "government"  # "the Venezuelan government", "the Maduro regime" (not "Maduro's regime")
    if n.actor.category == "country":
        surface = text[n.start : n.end]
        return "capital" if _is_capital(surface, n.actor) else "country"
    return n.actor.category


def _is_capital(surface: str, country: ActorClaim) -> bool:
    """A name the country goes by that is not the country's name, its abbreviation, a spelling of it in
    another language or part of a longer name ("Havana", "Kremlin"; not "U.S.", "Brasil", "America")."""
    if surface == country.name or surface.isupper() or "." in surface or surface not in country.aliases:
        return False
    others = [a for a in (country.name, *country.aliases) if a != surface]
    # "America" is part of "United States of America", "American" holds "America"; a spelling ("Irán",
    # "Türkiye") is a few letters from the name, a capital more ("Tehran" shares "ran" with "Iran")
    return Levenshtein.distance(_fold(surface), _fold(country.name)) > 2 and not any(
        surface in a or a in surface for a in others
    )


def _fold(name: str) -> str:
    """Lowercase, without accents, "&" spelt out: the letters a spelling of a name keeps."""
    return strip_accents(name.replace("&", "and")).lower()


@functools.lru_cache(maxsize=8192)  # a pure function of the word, asked for every word near every quote
def _verb_form(word: str) -> str | None:
    """The form of a word that can head a reporting clause, or None: a past tense (-ed, Spanish -ó, Russian
    -л/-ла), a third-person "says"-form, or an irregular past; look-alikes in the exclusion list are not."""
    w = word.lower().strip("’'")
    if not w or not w[0].isalpha() or not word[0].islower() or w in NOT_VERBS:
        return None
    if w in REPORTING_IRREGULAR:
        return "irregular"
    if len(w) > 4 and w.endswith("ed"):
        return "ed"
    if len(w) > 3 and w.endswith("ó"):
        return "es"
    if _RU_PAST.fullmatch(w):
        return "ru"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return "s"
    return None


def _gerund(word: str) -> bool:
    """'calling', 'accusing': a verb whose object follows ("calling Petro a liar" — Petro is not the speaker)."""
    return len(word) > 5 and word.endswith("ing") and word[0].islower()


def _verb_after(after: str) -> tuple[str, str] | None:
    """The reporting verb right after a subject, past an aside between commas, auxiliaries and time words:
    ("charged", "ed") for "Whitfield, a Democrat, last week charged"."""
    found = _verb_next(after)
    if found is None and after.startswith(","):
        # "Its minister, Freddy Ruiz, said": the name is the aside; "Ruiz, a former judge, said": an aside follows
        aside = _ASIDE.match(after)
        found = _verb_next(after[1:]) or (_verb_next(after[aside.end() :]) if aside else None)
    return found


def _verb_next(rest: str) -> tuple[str, str] | None:
    if _PUNCT_NEXT.match(rest):
        return None  # "Trump, …", "Trump." at a sentence's end
    for w in _WORD.findall(rest[:80])[:5]:
        if w.lower() in SUBJECT_VERB_FILLERS or w in _WEEKDAYS:
            continue
        form = _verb_form(w)
        return (w, form) if form else None
    return None


def _words(text: str) -> Iterator[str]:
    """The words of a text one by one (a test over them stops at the first that fails)."""
    return (m.group(0) for m in _WORD.finditer(text))


def _last_word(text: str) -> str | None:
    words = _WORD.findall(text[-40:])
    return words[-1] if words and not _PUNCT_END.search(text) else None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with quoted words blanked out (the marks stay): nothing inside a quote is an attribution."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _is_person(actor: ActorClaim) -> bool:
    return actor.category == "person"


def _is_body(actor: ActorClaim) -> bool:
    return actor.category in ("organization", "group")


def _head_fits(head: str, actor: ActorClaim) -> bool:
    if head in ("company", "airline", "carrier"):
        return True
    names = " ".join((actor.name, *actor.aliases)).lower()
    return head in names or head == "military"


def name_index(doc: Document, actors: list[ActorClaim], quotes: list[list[Quote]]) -> list[Named]:
    """Every place an actor's name, alias or surname appears outside quotation marks, in text order."""
    forms: dict[str, ActorClaim] = {}
    for a in actors:
        for form in (a.name, *a.aliases):
            forms.setdefault(form, a)
        if a.category == "person":
            for form in (a.name, *a.aliases):  # "González" for Edmundo González Urrutia too
                parts = form.split()
                if len(parts) > 1:
                    forms.setdefault(parts[-1], a)
    if not forms:
        return []
    longest = max(len(f.split()) for f in forms)
    quoted = [(p.start + q.start, p.start + q.end) for p, qs in zip(doc.paragraphs, quotes, strict=True) for q in qs]
    quoted_starts = [s for s, _ in quoted]
    out = []
    for (_, run_start, _), words in zip(doc.name_runs, doc.name_run_words, strict=True):
        k = bisect.bisect_right(quoted_starts, run_start) - 1
        if not (k >= 0 and run_start < quoted[k][1]):
            out.extend(_names_in_run(doc.text, list(words), forms, longest))
    return out


def _names_in_run(
    text: str, words: list[tuple[str, int, int]], forms: Mapping[str, ActorClaim], longest: int
) -> list[Named]:
    out = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + longest), i, -1):
            surface = text[words[i][1] : words[j - 1][2]]
            actor = forms.get(surface)
            end = words[j - 1][2]
            if actor is None and surface[-1] == "s":
                actor = forms.get(surface[:-2])  # Trump's
                end -= 2
            if actor is not None:
                out.append(Named(words[i][1], end, actor))
                i = j - 1
                break
        i += 1
    return out
