"""Actors: people, organisations, armed groups and countries taking part in the story.

Mentions (name_mentions.py) are grouped into candidates: lexicon names by their canonical entry, people by
surname and folded name ("Hegseth" → "Pete Hegseth", "Nicolas" ≈ "Nicolás"), with rapidfuzz only over the
handful of people of one article. Each candidate's named features (how it was found, how often, in which
contexts: titled, quoted, a route, a history aside, …) go to a logistic model fitted on the gold actors
(`weights/actor.json`); one claim per candidate it scores ≥ 0.5, named by the fullest form, with the variants.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz

from config.watch import WatchConfig
from watchers.claims.fitting import FITTERS, AnnotatedArticle
from watchers.claims.learned import LinearModel, fit_logistic, load_models
from watchers.claims.name_mentions import Mention, MentionFinder
from watchers.claims.names import Category, Lexicon, fold, load_lexicon
from watchers.claims.relevance import phonetic
from watchers.claims.text import Document, prepare
from watchers.claims.vocab import COMPANY_HEADS, GENERIC_FORCES, LANGUAGES, NON_STATE_HEADS
from watchers.diff import fold as translit
from watchers.diff import name_stem, names_match
from watchers.models import ActorClaim, DeploymentClaim, Evidence

# A route: a verb of going with "through"/"via" ("hopping through", "transited via"), a stop, a refuelling.
_ROUTE = re.compile(
    r"\b(?:\w+(?:ed|ing)|passes|goes|flies|sails|transits|pass|go|fly|sail|transit)\s+(?:via|through|by way of)\b"
    r"|\bfl(?:ew|ying|own|ies) over\b|\bvia\b|\bstop(?:s|overs?)? in\b|\brefuell?(?:ed|ing|s)? in\b|\bflight path\b"
    r"|\b(?:to|trying to|in order to) reach\b|\breroute[ds]?(?: \w+)? to\b|\broute (?:through|via|over)\b"
)
_ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:Airlines?|Airways|Air)\s+(?:of|from)|\bout of|\bflagged in|\breporting from(?: the)?|"
    r"\b(?:based|headquartered|registered) in|\bexiled? (?:in|to)|"
    r"\b(?:flies|flew|flying|departs|departing|sails|sailing) from)\s+$"
)
_ORIGIN_AFTER = re.compile(
    r"^(?:-flagged|-style|-era|-made|-built|-designed|-born"
    r"|[’']s\s+(?:[A-Z]\w+\s+){0,2}(?:Airlines|Airways|Air|Company|Corp|Group|Cartel)\b"
    r"|\s+flag\b"
    r"|\s+War\b)"  # "a Vietnam War-era statute"
)
# A cruise itinerary or a list of ports names places, not parties: "call at Aruba and Curaçao", "Ports in Barbados".
_PORTS = re.compile(
    r"\b(?:itinerar(?:y|ies)|ports? of call|[Pp]orts in|call(?:s|ed|ing)? at|private island|cruise (?:ports?|stops?))\b"
)
# "a Colombian and an Ecuadorian": a demonym as a noun names a person's nationality, not the country acting
_DEMONYM_NOUN_BEFORE = re.compile(r"\b(?:a|an|one|the)\s+$")
_DEMONYM_NOUN_AFTER = re.compile(r"(?:\s*[,.;)]|\s+(?:and|or|who|were|was|is)\b)")
_OWNED_AFTER = re.compile(r"[’']s\s+(?:state-owned\s+|state\s+)?([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+)?)")
_CARRYING_BEFORE = re.compile(r"\b(?:carry|carries|carried|carrying|transport\w*|loaded with|smuggl\w*)\s+(?:\w+\s+)?$")
_COMMODITY_AFTER = re.compile(r"\s+(?:oil|crude|gas|fuel|diesel|naphtha|cargoes|cargo|barrels)\b")
_PART_OF_NAME_BEFORE = re.compile(r"\b(?:Office|Court|Commission|Committee)\s+(?:for|of)\s+the\s+$")
_LANGUAGE_NOUN = re.compile(r"(?:\s+|-)(?:acronym|initials|name|word|term|translation|language|speakers?|speaking)\b")
_LATE_BEFORE = re.compile(r"\b(?:the late|late (?:President|leader|Gen\.|General|Comandante))\s+$")
_WAR_LIST = re.compile(r"\b(?:wars?|invasions?|interventions?|conflicts?)\b[^.]{0,40}\b(?:like|such as|including)\s")
_HISTORY = re.compile(r"\b(?:1[89]\d\d|200\d|201\d)s?\b")  # "in 2019", "the 1990s"
_NAMED_YEAR = re.compile(r"\b[A-Z][a-z]+ of (?:1[89]\d\d|20[01]\d)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Where one clause ends and the next begins: strong punctuation or a contrast ("…, but …"). Subordinate clauses
# ("…, when troops ousted Noriega") and lists ("…, Senegal, and Mauritania") stay with their main clause.
_CLAUSE_BREAK = re.compile(r"[;:—–]\s*|,?\s(?:but|while|whereas|although|though)(?=\s)")
_LAST_CENTURY = re.compile(r"\b(?:in|of) 1[89]\d\d\b")  # "in 1902"; "the late Chávez in the 1990s" is no aside
# A named war is a past war too ("the Falklands War"), but not an asset's age ("Cold War-era jets") nor a body
# named after war ("the Naval War College", "the War Department").
_HISTORY_CUE = re.compile(
    r"\b[A-Z]\w+ War\b(?![-–]era| [A-Z])|"
    r"\b(?:invasion|invaded|ousted|war|coup|compare|compares|compared|comparison|reminiscent|echo|echoes|"
    r"recall(?:s|ed)?|similar|like|"
    r"as in|points? to|pointed to)\b"
)
# "OSLO, Norway —": the dateline's country is where the story was filed.
_DATELINE_BEFORE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:—|–|-|\(|,\s*\d)")
_SHOUTED = re.compile(r"\b[A-Z]{5,}\b")
_APPOSITION_AFTER = re.compile(r"[’']?s?,\s+(?:who|the|a|an|which|whose|its|his|her)\s")
_SHORT_FORM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.]{1,11})\)")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SOFT_C = re.compile(r"c(?=[eiy])")  # "Lucia" is "Люсия": a "c" before e/i/y sounds "s"
_FUZZY_SAME_TOKEN = 80.0  # "tramp"/"trump" (Cyrillic transliterated), "zakharova"/"zaharova"
_OBSERVED = 2  # mentions of a candidate whose contexts are read
_SHIP_PREFIX = re.compile(r"^(?:uss|usns|uscgc|hms|ara|the) ")


@dataclass
class _Entity:
    """A candidate actor: the mentions of one party, and what their contexts say (the model's features)."""

    name: str
    category: Category
    first: Mention
    kind: str  # how the candidate was found: "lexicon country", "unknown organization", "institution's country", …
    forms: list[str] = field(default_factory=list)
    canonical: str = ""  # the lexicon's name, kept as an alias so other articles' spellings meet it
    mentions: int = 0
    evidence: set[str] = field(default_factory=set)  # what made each mention a name of this kind
    filtered: dict[str, int] = field(default_factory=dict)  # mentions naming no party, by reason
    cues: dict[str, int] = field(default_factory=dict)  # mentions with each context cue (titled, quoted, …)

    observed: int = 0  # mentions whose contexts were read: the first few tell how the article names the party

    def see(self, mention: Mention, weak: str | None = None, cues: Sequence[str] = (), observed: bool = True) -> None:
        """Count a mention; `weak` says why it names no party (route, history aside, …), None when it does."""
        if mention.text not in self.forms:
            self.forms.append(mention.text)
        self.mentions += 1
        self.evidence.add(_evidence(mention))
        if not observed:
            return
        self.observed += 1
        if weak is not None:
            self.filtered[weak] = self.filtered.get(weak, 0) + 1
        for cue in (*cues, "titled" * mention.titled, "speaker" * mention.speaker):
            if cue:
                self.cues[cue] = self.cues.get(cue, 0) + 1

    def features(self, doc: Document) -> dict[str, float]:
        """The model's named features: what the candidate is and how the article names it."""
        n = max(self.observed, 1)
        out = {f"kind={self.kind}": 1.0, f"mentions={min(self.mentions, 3)}": 1.0}
        out.update({f"weak={reason}": k / n for reason, k in self.filtered.items()})
        out.update({f"all={cue}" if k == n else f"some={cue}": 1.0 for cue, k in self.cues.items()})
        if sum(self.filtered.values()) >= n:
            out["all_weak"] = 1.0
        if self.first.sentence < 2:
            out["lead"] = 1.0
        if len(self.name.split()) == 1:
            out["one_word"] = 1.0
        language = doc.language(self.first.sentence) or "none"
        if language != "en":
            out[f"language={language}"] = 1.0
        return out

    def explain(self, model: LinearModel, features: dict[str, float]) -> dict[str, object]:
        """Why this is an actor (`claimwatch extract --explain`)."""
        top = model.contributions(features)[:6]
        return {
            "mentions": self.mentions,
            "evidence": sorted(self.evidence),
            "lexicon": self.canonical or None,
            "filtered": dict(self.filtered),
            "probability": round(model.probability(features), 3),
            "features": {f: round(v, 3) for f, v in top},
        }


def _evidence(m: Mention) -> str:
    if m.entry is not None:
        return f"lexicon {m.entry.kind}"
    if m.kind != "person":
        return "organisation head word"
    return "title" if m.titled else "speaks" if m.speaker else "capitalised name"


def _is_history(clause: str) -> bool:
    """A history aside: a year before the story's time with a word of comparison or past conflict, or an event
    of the last century ("Roosevelt sent warships in 1902") told by the article, not by a speaker in a quote."""
    clause = _NAMED_YEAR.sub("", clause)  # "the War Powers Resolution of 1973" names a law, it tells no history
    if not _HISTORY.search(clause):
        return False
    if _HISTORY_CUE.search(clause):
        return True
    return _LAST_CENTURY.search(_QUOTED.sub("", clause) if _LAST_CENTURY.search(clause) else "") is not None


def _clause(doc: Document, m: Mention) -> tuple[str, int]:
    """The clause of its sentence that holds the mention, and the mention's offset in it: keyword filters look
    only there."""
    sent = doc.sentences[m.sentence]
    local = m.start - sent.start
    start, end = 0, len(sent.text)
    for b_start, b_end in _clause_breaks(sent.text):
        if b_end <= local:
            start = b_end
        elif b_start >= local:
            end = b_start
            break
    return sent.text[start:end], local - start


@lru_cache(maxsize=256)  # every mention of a sentence asks for the same breaks
def _clause_breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(b.span() for b in _CLAUSE_BREAK.finditer(sentence))


class ActorExtractor:
    def __init__(self, watch: WatchConfig, model: LinearModel | None = None, lexicon: Lexicon | None = None) -> None:
        self.watch = watch
        self.lexicon = lexicon or load_lexicon()
        self.finder = MentionFinder(self.lexicon)
        # the shipped weights unless given (cross-validation passes models fitted on other folds)
        self.model = model or load_models().get("actor") or FALLBACK

    def extract(self, doc: Document) -> list[ActorClaim]:
        """The candidates the model scores as parties to the story: people, institutions and groups first,
        countries last (in text order within each)."""
        out = []
        for ent in sorted(self.candidates(doc), key=lambda e: (e.category == "country", e.first.start)):
            features = ent.features(doc)
            if self.model.probability(features) >= 0.5:
                out.append(self._claim(doc, ent, ent.explain(self.model, features) if doc.explain else None))
        return out

    def candidates(self, doc: Document) -> list[_Entity]:
        """Every name of the article grouped into one candidate per party, with its mentions' contexts."""
        mentions = self.finder.find(doc)
        entities: dict[str, _Entity] = {}
        for m in mentions:
            if m.entry is not None and m.kind in ("country", "organization", "group"):
                key = "lex:" + m.entry.name
                ent = entities.get(key)
                if ent is None:
                    kind = f"lexicon {m.entry.kind}"
                    ent = entities[key] = _Entity(m.entry.name, m.entry.category, m, kind, canonical=m.entry.name)
                self._observe(ent, doc, m)
            elif m.entry is None and m.kind in ("organization", "group") and not self._generic_forces(m.text):
                key = "org:" + fold(m.text)
                short = _SHORT_FORM_AFTER.match(doc.text, m.end)
                known = self.lexicon.by_form.get(short.group(1)) if short else None
                canonical = ""
                if known is not None and known.kind == "organization":
                    key, canonical = "lex:" + known.name, known.name  # "Oficina de … Extranjeros (OFAC)" is OFAC
                category: Category = "group" if m.kind == "group" else "organization"
                kind = f"unknown {category}"
                ent = entities.setdefault(key, _Entity(m.text, category, m, kind, canonical=canonical))
                self._observe(ent, doc, m)
                head = m.text.split()[0]
                parent = self.lexicon.by_form.get(head)  # "FBI Hostage Rescue Team": the FBI's team
                if parent is not None and parent.kind == "organization" and head != m.text:
                    p = replace(m, text=head, end=m.start + len(head), entry=parent)
                    kind = "institution's parent"
                    ent = entities.setdefault("lex:" + parent.name, _Entity(parent.name, "organization", p, kind))
                    ent.canonical = parent.name
                    ent.see(p, None, ["institution"])
            company = m.text.split()[-1] in COMPANY_HEADS or (
                m.entry is not None and m.entry.name in self.lexicon.companies
            )
            if m.kind in ("organization", "group", "role") and not company and not self._non_state(m.text):
                country = self.lexicon.country_in(m.text)  # "Russian Foreign Ministry" also makes Russia an actor
                if country is not None:
                    kind = "institution's country"
                    ent = entities.setdefault("lex:" + country.name, _Entity(country.name, "country", m, kind))
                    ent.see(m, None, ["institution"])
                    ent.evidence.discard(_evidence(m))
                    ent.evidence.add("named in an institution's name")
        return [*entities.values(), *self._people([m for m in mentions if m.kind == "person"], doc)]

    def _observe(self, ent: _Entity, doc: Document, m: Mention) -> None:
        """Count a mention, reading its contexts while the candidate has few mentions read (the rest only count:
        the contexts of an often named party say little more, and reading them is most of the work)."""
        if ent.observed >= _OBSERVED:
            ent.see(m, observed=False)
        elif m.kind == "person":
            # Noriega, named only for "the 1989 invasion of Panama"; "the late Hugo Chávez" takes no part either
            late = _LATE_BEFORE.search(doc.text, max(0, m.start - 30), m.start) is not None
            weak = "history aside" if late or _is_history(_clause(doc, m)[0]) else None
            ent.see(m, weak, self._cues(doc, m))
        else:
            ent.see(m, self._weak(doc, m), self._cues(doc, m))

    def _cues(self, doc: Document, m: Mention) -> list[str]:
        """Context cues of one mention: inside a quote, a demonym ("Venezuelan"), a heading line."""
        sent = doc.sentences[m.sentence]
        opened = doc.text[doc.paragraphs[sent.paragraph].start : m.start]
        cues = ["quoted"] if opened.count('"') % 2 or opened.count("“") > opened.count("”") else []
        if m.entry is not None and m.entry.kind == "country" and m.text != m.entry.name:
            cues.append("demonym" if m.text in self.lexicon.demonyms else "alias")  # "Venezuelan"; "Caracas"
        if sent.paragraph in doc.headings:
            cues.append("heading")
        if m.start == sent.start:
            cues.append("sentence start")
        if _SHOUTED.search(m.text) or m.text.startswith("@"):
            cues.append("shouted or handle")  # "NARCOTICS", "@DeptofWar": a label or a handle
        if _APPOSITION_AFTER.match(doc.text, m.end):
            cues.append("apposition")  # "Ana Ruiz, who leads …", "Ana Ruiz, the minister": introduced
        return cues

    def without_units(self, actors: list[ActorClaim], deployments: list[DeploymentClaim]) -> list[ActorClaim]:
        """ "Delta Force operators carried out the raid": a unit the article deploys is a deployment, not also an
        actor, unless the lexicon knows it as an institution ("U.S. Coast Guard"); and a ship named after a person
        ("the destroyer Jason Dunham") is no person."""
        units = {fold(d.asset) for d in deployments if d.category == "unit"}
        ships = {
            _SHIP_PREFIX.sub("", fold(name))
            for d in deployments
            if d.category == "ship"
            for name in (d.asset, *d.aliases)
        }
        return [
            a
            for a in actors
            if not (a.category == "person" and fold(a.name) in ships)
            and (
                a.category != "organization"
                or a.name in self.lexicon.by_form
                or not any(_same_unit(fold(a.name), u) for u in units)
            )
        ]

    def _people(self, mentions: list[Mention], doc: Document) -> list[_Entity]:
        """Group person mentions: full names first, then surnames and short forms onto them. Tokens are compared
        transliterated and fuzzily ("Трамп" ≈ "Trump", "Nicolas" ≈ "Nicolás"): a name whose tokens are a subset of
        a fuller one's, sharing its last, is that person."""
        clusters: list[tuple[list[str], _Entity]] = []  # transliterated tokens of the fullest name, entity

        def find(tokens: list[str]) -> _Entity | None:
            for full, ent in clusters:
                if _token_subset(tokens, full) and (len(tokens) == 1 or _same_token(tokens[-1], full[-1])):
                    return ent
            return None

        by_length = sorted(mentions, key=lambda m: (-len(fold(m.text).split()), m.start))
        for m in by_length:
            tokens = _spelling(m.text).split()
            if not tokens:
                continue
            ent = find(tokens)
            if ent is None:
                key = fold(m.text).split()
                entry = self.lexicon.people_by_key.get(" ".join(key))
                if entry is None and len(key) > 2:  # a known name with its second surname
                    entry = self.lexicon.people_by_key.get(" ".join(key[:-1]))
                if entry is not None:
                    full = _spelling(entry.name).split()
                    ent = find(full)
                    if ent is None:
                        ent = _Entity(m.text, "person", m, "lexicon person", canonical=entry.name)
                        clusters.append((full, ent))
                elif len(tokens) > 1 or m.titled or m.speaker:
                    ent = _Entity(m.text, "person", m, "unknown person")
                    clusters.append((tokens, ent))
            if ent is None:
                continue
            if m.start < ent.first.start:
                ent.first = m
            self._observe(ent, doc, m)
        return [ent for _, ent in clusters]

    @staticmethod
    def _non_state(name: str) -> bool:
        """ "Norwegian Nobel Committee", "Venezuelan American Caucus": a body named after a country, not its state."""
        return any(w in NON_STATE_HEADS for w in name.split())

    def _generic_forces(self, name: str) -> bool:
        """ "U.S. Forces", "US Military Forces": a country's forces in general, not an organisation."""
        words = [w for w in name.split() if w not in self.lexicon.country_forms]
        return bool(words) and all(w in GENERIC_FORCES for w in words) and len(words) < len(name.split())

    def _weak(self, doc: Document, m: Mention) -> str | None:
        """Why a mention names no party: a country only passed through, named as a language or a company's home,
        or in a history aside (None: it does name one)."""
        sent = doc.sentences[m.sentence]
        before = doc.text[max(0, m.start - 25) : m.start]
        after = doc.text[m.end : m.end + 2]
        if m.text == "White House" and re.search(r"\b(?:at|outside|in|inside) the\s+$", before):
            return "at the White House (a place)"
        if m.text in LANGUAGES and before.endswith("in ") and not after[1:2].isupper():
            return "a language"
        if m.text in LANGUAGES and _LANGUAGE_NOUN.match(doc.text, m.end):
            return "a language"  # "its Spanish acronym", "Russian-language media"
        line_start = doc.text.rfind("\n", 0, m.start) + 1
        if _DATELINE_BEFORE.match(doc.text, line_start, m.start) and _DATELINE_AFTER.match(doc.text[m.end : m.end + 6]):
            return "dateline"
        name_end = m.start + len(m.text)  # before a possessive the mention's span may include
        if _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.match(doc.text[name_end : m.end + 60]):
            return "origin"
        if m.kind == "organization" and _PART_OF_NAME_BEFORE.search(before):
            return "part of an office's name"  # "the U.S. Attorney's Office for the Southern District of New York"
        if (
            m.text in self.lexicon.demonyms
            and _CARRYING_BEFORE.search(before)
            and _COMMODITY_AFTER.match(doc.text, m.end)
        ):
            return "a cargo's origin"  # "a tanker carrying Iranian oil": the cargo's origin
        if m.kind == "country" and _PORTS.search(sent.text):
            return "ports of call"
        if (
            m.kind == "country"
            and m.text in self.lexicon.demonyms
            and _DEMONYM_NOUN_BEFORE.search(before)
            and _DEMONYM_NOUN_AFTER.match(doc.text, m.end)
        ):
            return "a nationality"
        if m.kind == "country" and (owned := _OWNED_AFTER.match(doc.text, name_end)) is not None:
            company = self.lexicon.by_form.get(owned.group(1)) or self.lexicon.by_form.get(owned.group(1).split()[0])
            if company is not None and company.name in self.lexicon.companies:
                return "a company's home"  # "China's CNOOC": the company's home, not a party
        clause, local = _clause(doc, m)
        route = _ROUTE.search(clause) if m.kind in ("country", "place") else None  # "flew over the US Navy"
        if route and route.start() < local:
            return "route"
        wars = _WAR_LIST.search(clause)
        if wars and wars.end() <= local:
            return "a list of past wars"  # "used in wars in places like Iraq and Syria"
        return "history aside" if _is_history(clause) else None

    def _nominative(self, canonical: str, written: str) -> str:
        """The lexicon's first Cyrillic form of as many words (its nominative), else the written form."""
        entry = self.lexicon.people_by_key.get(fold(canonical))
        words = len(written.split())
        forms = entry.forms if entry is not None else ()
        return next((f for f in forms if _CYRILLIC.search(f) and len(f.split()) == words), written)

    def _claim(self, doc: Document, ent: _Entity, explain: dict[str, object] | None) -> ActorClaim:
        sent = doc.sentences[ent.first.sentence]
        name = ent.name
        if ent.category != "country" and ent.forms:
            # The fullest name as the article writes it ("State Department", "Министерства иностранных дел России"),
            # unless that is shorter than the lexicon's ("FAA" stays "Federal Aviation Administration").
            # (of as many words, a Latin form: a Cyrillic one may be declined, "Ольгу Соколову")
            written = max(ent.forms, key=lambda f: (len(f.split()), _CYRILLIC.search(f) is None, len(f)))
            inflected = (
                ent.category == "person"
                and bool(ent.canonical)
                and len(written.split()) > 1
                and _CYRILLIC.search(written) is not None
            )
            # Never a lexicon form the article does not use: "Socialist Party" stays, the lexicon's full name is
            # an alias.
            name = self._nominative(ent.canonical, written) if inflected else written  # "Трампом" → "Трамп"
        aliases = [f for f in ent.forms if f != name]
        if ent.canonical and ent.canonical != name and ent.canonical not in aliases:
            aliases.append(ent.canonical)
        evidence = Evidence(sent.text, sent.start, sent.end)
        return ActorClaim(name, ent.category, evidence, tuple(aliases), explain=explain)


def _same_unit(actor: str, unit: str) -> bool:
    """ "Delta Force operators" and "Army's Delta Force"; "Hostage Rescue Team" of the "FBI Hostage Rescue Team"."""
    return actor == unit or actor.endswith(" " + unit) or unit.endswith(" " + actor)


def _same_token(a: str, b: str) -> bool:
    """One word of a name, spelled alike: "nicolas"/"nicolás" fold equal, "tramp"/"trump" are near, "sokolovu" is
    "sokolova" declined."""
    return a == b or (
        min(len(a), len(b)) >= 3
        and (fuzz.ratio(a, b) >= _FUZZY_SAME_TOKEN or fuzz.ratio(name_stem(a), name_stem(b)) >= _FUZZY_SAME_TOKEN)
    )


def _token_subset(small: list[str], big: list[str]) -> bool:
    if len(small) > len(big):
        return False
    return set(small) <= set(big) or all(any(_same_token(t, u) for u in big) for t in small)


def _spelling(name: str) -> str:
    """A name's sound as Latin letters: Cyrillic transliterated, accents and dots dropped, spelling variants
    folded ("Ковальчик" ~ "Kowalczyk", "Sergei" ~ "Sergey", "Lucia" ~ "Люсия")."""
    return phonetic(_SOFT_C.sub("s", translit(name.replace(".", ""))))


# Without fitted weights: a candidate is an actor unless every mention of it names no party (the filters' rule).
FALLBACK = LinearModel("actor", {"all_weak": -4.0}, bias=2.0)


def fit_actor_model(annotated: Sequence[AnnotatedArticle], watch: WatchConfig) -> LinearModel:
    """Each candidate of each article, labelled by whether it is one of the article's gold actors (a name or
    alias of it matching, by the eval's rule); without annotated actors, the fallback."""
    extractor = ActorExtractor(watch, FALLBACK)
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    for a in annotated:
        gold = [[str(g.get("name", "")), *g.get("aliases", [])] for g in a.gold if g.get("type") == "actor"]
        if not gold:
            continue  # an article annotated with no actor was not annotated for actors
        doc = prepare(a.article)
        for ent in extractor.candidates(doc):
            names = [ent.name, *ent.forms, *([ent.canonical] if ent.canonical else [])]
            examples.append(ent.features(doc))
            labels.append(int(any(names_match(n, g) for n in names for names_g in gold for g in names_g)))
    return fit_logistic("actor", examples, labels, l2=1.0) if examples else FALLBACK


FITTERS["actor"] = fit_actor_model
