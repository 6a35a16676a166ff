"""Deployments: named ships, ship and aircraft types, weapon systems and units, with side.

Mentions are found by patterns built from config/lexicon/deployments.yaml (ship prefixes, designator
prefixes, ship types, unit heads), grouped into one asset per article (a named ship by its last name word,
an aircraft by its designator family, a ship type by its base noun), and reported once under the fullest name.
A singular generic ship ("the carrier") is dropped when the article names ships, since it usually is one of
them; so is a plural type standing in apposition to named ships ("two destroyers, USS Mahan and ...").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from config.watch import WatchConfig
from watchers.claims.lexicon import load_lexicon, phrase_pattern, word_regex
from watchers.claims.text import Document, Sentence
from watchers.models import DeploymentClaim, Evidence

Category = Literal["ship", "aircraft", "weapon_system", "unit"]

_CAP = r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)"  # a capitalised name word or an initial ("R.")
_NOT_NAME = {
    "on", "in", "and", "the", "of", "as", "to", "at", "for", "with", "was", "is", "has", "had", "will",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "aircraft", "carrier",
    "destroyer", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "navy", "u.s.", "us", "uss", "a", "an", "arrives", "arrived", "docks", "docked",
    "enters", "entered", "heads", "joins", "joined", "sails", "sailed", "returns", "deploys", "deployed", "leaves",
    "moves", "transits", "near", "off", "from", "into", "by", "via", "after", "before", "amid", "during",
}  # fmt: skip
_NAME_LINK = re.compile(r"\b(?:de|del|la|los|of|y|and)\s+$")  # a lower-case link inside a longer name
_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)"
# "an amphibious assault ship" introduces a ship; "USS Gravely, a destroyer" or "… is a destroyer" describes one
_INDEFINITE = re.compile(r"\b(?:an?|another)\s+$", re.IGNORECASE)
_PREDICATE = re.compile(r"(?:,|\b(?:is|was|as|be|been))\s+(?:an?|another)\s+$", re.IGNORECASE)
_HEADLINE_VERB = re.compile(r"(?:[^s]s|ed)$")  # "Surfaces", "Spotted" (not "Ross", a name)
_WORD_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
    "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11", "twelfth": "12",
}  # fmt: skip


@dataclass
class _Mention:
    key: str  # what identifies the asset within an article
    name: str
    category: Category
    sentence: Sentence
    pos: int  # offset of the mention in the sentence
    rank: int  # name preference: higher wins ("USS Gerald R. Ford" over "Gerald R. Ford Carrier Strike Group")
    generic: str | None = None  # ship-type base, for generic mentions
    singular: bool = False
    side: str | None = None
    new: bool = False  # a singular type with "a"/"an": a referent of its own, not one of the named ships


_Found = tuple[_Mention | None, tuple[int, int]]  # a mention (None: a stretch to block) and its span


class DeploymentExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch
        lex = load_lexicon("deployments")
        self._compile_ships(lex)
        self._compile_aircraft_and_weapons(lex)
        self._compile_units(lex)
        self._compile_sides(lex)
        self._gates = self._build_gates(lex)
        # Gate words shortest first, each with a shorter gate word inside it ("ship" in "warships"): a word whose
        # inner word is absent from the article is absent too, and is never searched for.
        self._gate_words = sorted({w for words in self._gates.values() for w in words}, key=len)
        self._gate_inner = {
            w: next((v for v in self._gate_words[:i] if v in w), None) for i, w in enumerate(self._gate_words)
        }
        # Readers in priority order: a stretch of text read by one is not read again by a later one.
        self._readers: list[tuple[str, Callable[[Sentence], Iterator[_Found]]]] = [
            ("named", self._named_ships),
            ("ordinal_unit", self._ordinal_units),
            ("units", self._formation_units),
            ("grouped", self._grouped_ships),
            ("plain_group", self._plain_grouped_ships),
            ("introduced", self._introduced_ships),
            ("designator", self._designators),
            ("plain_unit", self._plain_units),
            ("generic_aircraft", self._generic_aircraft_types),
            ("standalone", self._standalone_aircraft_names),
            ("weapon", self._weapon_systems),
            ("noun_named", self._noun_named_assets),
            ("types", self._ship_type_mentions),
        ]
        self._elsewhere = word_regex(lex["elsewhere_words"], 0)
        self._theatre = word_regex([*lex["theatre_words"], *watch.keywords])

    def _compile_ships(self, lex: dict[str, Any]) -> None:
        """Named ships ("USS Gravely"), ship groups, ships named after a type word, ship types."""
        self._prefix_side: dict[str, str] = dict(lex["ship_prefixes"])
        prefixes = phrase_pattern(self._prefix_side)
        self._named_ship = re.compile(rf"\b(?P<prefix>{prefixes})\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,4}})")
        groups = phrase_pattern(lex["ship_groups"])
        self._group_cut = re.compile(rf"\s+(?:{groups})\b.*$", re.IGNORECASE)
        self._grouped_ship = re.compile(rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})\s+(?P<group>(?i:{groups}))\b(?!\s+\d)")
        self._plain_group = re.compile(rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})\s+group\b(?!\s+\d)")
        self._plain_group_cue = word_regex(lex["plain_group_cues"])
        intro = phrase_pattern(lex["ship_name_intro"])
        # a headline's "Navy Sends Frigate Lynch To Panama"; "warship" precedes anything, not only a name
        title_intro = phrase_pattern(w.title() for w in lex["ship_name_intro"] if w != "warship")
        name = rf"(?!(?:{prefixes})\b)[A-Z][\w'’-]+(?:\s+{_CAP}){{0,3}}"
        # "the destroyer Stout", "the destroyers Stout and Nitze", "a frigate, the Admiral Golovko, ..."
        self._introduced_ship = re.compile(
            rf"\b(?:{intro}|(?P<title>{title_intro}))(?P<plural>s)?(?:\s+|,\s+the\s+(?=[^,.]+,))(?P<name>{name})"
        )
        self._next_listed_ship = re.compile(rf"(?:,\s+|,?\s+and\s+)(?P<name>{name})")
        self._ship_types = [self._ship_type_pattern(t) for t in lex["ship_types"]]

    def _compile_aircraft_and_weapons(self, lex: dict[str, Any]) -> None:
        """Designators ("F/A-18", "Su-30MK2", "Kh-31A"), aircraft names and weapon systems."""
        air = phrase_pattern(lex["aircraft_prefixes"])
        wpn = phrase_pattern(lex["weapon_prefixes"])
        names = phrase_pattern([*lex["aircraft_names"], *lex.get("weapon_names", [])])
        self._designator = re.compile(
            # any short capitalised prefix: one outside the lexicon's needs a noun after it ("K-8W trainers")
            rf"(?<![\w/-])(?P<prefix>{wpn}|{air}|[A-Z][A-Za-z]{{0,5}})-(?P<num>\d{{1,3}})"
            rf"(?P<variant>[A-Za-zА-Яа-яЁё0-9]{{0,4}}?(?:-\d{{1,2}})?)"  # "Mi-17V-5"
            rf"(?P<alt>/[A-Z]{{1,2}}(?=s?(?![\w/-])))?"  # "F/A-18E/F": two variants of one airframe
            rf"(?P<plural>s)?(?![\w-])(?:\s+(?P<label>{names})(?:s|es)?\b)?"
        )
        self._weapon_prefixes = {p.lower() for p in lex["weapon_prefixes"]}
        self._known_prefixes = {*lex["aircraft_prefixes"], *lex["weapon_prefixes"]}
        name_nouns = {n.lower(): kind for kind, nouns in lex["asset_nouns"].items() for n in nouns}
        self._noun_kind: dict[str, Category] = {
            **name_nouns,
            **{n.lower(): k for k, nouns in lex["code_nouns"].items() for n in nouns},
        }
        # an asset noun, perhaps after a hyphenated modifier ("anti-ship launchers"), confirms a name or code before
        # it; an unhyphenated word between is a verb as often ("Ratcliffe expanded drone surveillance")
        modifier = r"\s+(?:[a-z]+-[\w-]+\s+)?"
        self._asset_noun = re.compile(rf"{modifier}(?P<noun>{phrase_pattern(self._noun_kind)})\b")
        self._name_noun = re.compile(rf"{modifier}(?P<noun>{phrase_pattern(name_nouns)})\b")
        self._noun_named = re.compile(
            rf"(?<![\w-])(?P<name>[A-Z][A-Za-z]+(?:\s+(?:[A-Z]|\d{{1,3}}))?)(?={self._name_noun.pattern})"
        )
        self._not_asset_name = {w.lower() for w in lex["not_asset_names"]}
        self._demonym = re.compile(r"(?:an|ese|ish|ch|i)$")
        self._two_digit_prefixes = set(lex["two_digit_prefixes"])
        self._not_designator = re.compile(rf"\s+(?:{phrase_pattern(lex['not_designator_before'])})\b", re.IGNORECASE)
        self._standalone_aircraft = word_regex(lex["aircraft_standalone"], 0)
        needs_noun = list(lex["weapon_needs_noun"])
        plain = [w for w in lex["weapon_systems"] if w.lower() not in {n.lower() for n in needs_noun}]
        self._weapon = re.compile(
            rf"(?<![\w-])(?P<name>(?:{phrase_pattern(plain)})(?:-[A-Z0-9]{{1,4}}\b)?)(?:s\b)?(?![\w-])"
            rf"|(?<![\w-])(?P<name2>(?:{phrase_pattern(needs_noun)})(?:-[A-Z0-9]{{1,4}})?)s?\s+"
            rf"(?={phrase_pattern(lex['weapon_nouns'])})"
        )

    def _compile_units(self, lex: dict[str, Any]) -> None:
        """Units: ordinal ("22nd MEU"), numbered ("Carrier Strike Group 12"), named and plain."""
        heads = phrase_pattern(lex["unit_heads"])
        self._ordinal_unit = re.compile(rf"\b(?P<ord>{_ORDINAL})\s+(?P<body>(?:{_CAP}\s+){{0,3}}?(?:{heads}))\b")
        numbered_heads = phrase_pattern(lex["numbered_unit_heads"])
        numbered = rf"{phrase_pattern(lex['numbered_units'])}|(?:{_CAP}\s+){{1,4}}(?:{numbered_heads})"
        self._numbered_unit = re.compile(rf"\b(?P<body>(?:{numbered})[\s-]+\d{{1,3}})\b")
        self._named_unit = re.compile(
            rf"\b(?P<body>(?:{phrase_pattern(lex['named_units'])})[\s-]+{_CAP}(?:\s+{_CAP}){{0,2}})"
        )
        self._suffix_unit = re.compile(
            rf"(?P<body>(?:(?:U\.S\.|{_CAP})\s+){{0,4}}(?:{phrase_pattern(lex['unit_suffixes'])}))\b"
        )
        self._agency_unit = re.compile(
            rf"(?<![\w.-])(?!(?:US|USA|UK|UN|EU)\b)"  # a country's team is a sports team, not an agency's
            rf"(?P<body>[A-Z]{{2,5}}\s+(?:{_CAP}\s+){{1,3}}(?:{phrase_pattern(lex['agency_unit_heads'])}))\b"
        )
        self._plain_unit = re.compile(rf"(?<![\w-])(?:{phrase_pattern(lex['plain_units'])})(?![\w-])")

    def _compile_sides(self, lex: dict[str, Any]) -> None:
        """Whose an asset is, comparisons, generic foreign transport aircraft."""
        self._comparison = re.compile(rf"(?:{phrase_pattern(lex['comparison_cues'])})\W+(?:\w+\W+){{0,2}}$", re.I)
        self._side_words = {w: side for side, words in lex["sides"].items() for w in words}
        self._side_re = re.compile(
            rf"(?<![\w-])(?P<w>{phrase_pattern(self._side_words)})(?P<origin>{phrase_pattern(lex['origin_suffixes'])})?"
            rf"(?![\w])"
        )
        self._side_lookup = {w.lower(): s for w, s in self._side_words.items()}
        self._place_prepositions = {w.lower() for w in lex["place_prepositions"]}
        self._owner_verb = re.compile(rf"[’'s]*\s+(?:\w+\s+)?(?:{phrase_pattern(lex['owner_verbs'])})\b")
        nationality = phrase_pattern(w for words in lex["sides"].values() for w in words if w[:1].isupper())
        self._generic_aircraft = re.compile(
            rf"\b(?P<name>(?P<side>{nationality})\s+(?:military\s+)?(?:transport|cargo)\s+(?:aircraft|planes?|jets?))\b"
        )
        self._place_nouns = {w.lower() for w in lex["place_nouns"]}

    @staticmethod
    def _build_gates(lex: dict[str, Any]) -> dict[str, tuple[str, ...]]:
        """Lower-case substrings without which a pattern cannot match: a cheap `in` test skips most sentences."""

        def low(*lists: list[str]) -> tuple[str, ...]:
            return tuple({w.lower() for words in lists for w in words})

        return {
            "named": tuple(f"{p.lower()} " for p in lex["ship_prefixes"]),
            "grouped": low(lex["ship_groups"]),
            "plain_group": (" group",),
            "introduced": low(lex["ship_name_intro"]),
            "designator": tuple(f"-{d}" for d in "0123456789"),
            "standalone": low(lex["aircraft_standalone"]),
            "weapon": low(lex["weapon_systems"]),
            "ordinal_unit": low(lex["unit_heads"]),
            "units": low(
                lex["numbered_units"],
                lex["numbered_unit_heads"],
                lex["named_units"],
                lex["unit_suffixes"],
                lex["agency_unit_heads"],
            ),
            "types": low(*[t["nouns"] for t in lex["ship_types"]]),
            "generic_aircraft": ("transport", "cargo"),
            "noun_named": low(*lex["asset_nouns"].values()),
            "plain_unit": low(lex["plain_units"]),
        }

    @staticmethod
    def _ship_type_pattern(spec: dict[str, Any]) -> tuple[re.Pattern[str], dict[str, Any]]:
        mods = phrase_pattern(spec["modifiers"]) if spec["modifiers"] else None
        nouns = phrase_pattern(spec["nouns"])
        mod_part = rf"(?P<mods>(?:(?:{mods})[\s]+){{{1 if spec['needs_modifier'] else 0},3}})" if mods else "(?P<mods>)"
        pattern = re.compile(rf"(?<![\w-]){mod_part}(?P<noun>{nouns})(?![\w-])", re.IGNORECASE)
        return pattern, spec

    # ------------------------------------------------------------------ public

    def extract(self, doc: Document) -> list[DeploymentClaim]:
        # A reader runs only on sentences holding one of its trigger words; first find which occur in the article.
        doc_low = doc.text.lower()
        found: set[str] = set()
        for word in self._gate_words:
            inner = self._gate_inner[word]
            if (inner is None or inner in found) and word in doc_low:
                found.add(word)
        present = {name: hits for name, words in self._gates.items() if (hits := [w for w in words if w in found])}
        mentions: list[_Mention] = []
        if not present:
            return []
        prev_text, prev_paragraph = "", -1
        for sent in doc.sentences:
            if sent.paragraph != prev_paragraph:
                prev_text = ""  # a side read from the sentence before stays within its paragraph
            low = sent.text.lower()
            gates = {name for name, hits in present.items() if any(w in low for w in hits)}
            if gates:
                mentions.extend(self._sentence_mentions(sent, gates, prev_text))
            prev_text, prev_paragraph = sent.text, sent.paragraph
        return self._assets(mentions)

    # ------------------------------------------------------------------ mentions

    def _sentence_mentions(self, sent: Sentence, gates: set[str], prev_text: str = "") -> list[_Mention]:
        """All mentions of one sentence; the first reader to claim a stretch of text keeps it."""
        text = sent.text
        out: list[_Mention] = []
        taken: list[tuple[int, int]] = []
        for gate, read in self._readers:
            if gate not in gates:
                continue
            for mention, span in read(sent):
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                if mention is None or self._comparison.search(text[max(0, span[0] - 40) : span[0]]):
                    continue  # a blocked stretch, or a comparison ("similar to the American Stinger")
                mention.side = mention.side or self._side(text, span) or self._side(prev_text, (len(prev_text),) * 2)
                out.append(mention)
        return out

    def _named_ships(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._named_ship.finditer(sent.text):
            name = self._clean_name(self._group_cut.sub("", m.group("name")))
            if name:
                side = self._prefix_side.get(m.group("prefix"))
                full = f"{m.group('prefix')} {name}"
                mention = _Mention(self._ship_key(name), full, "ship", sent, m.start(), 3, side=side)
                yield mention, (m.start(), m.start("name") + len(name))

    def _grouped_ships(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._grouped_ship.finditer(sent.text):
            name = self._clean_name(m.group("name"))
            if name:
                full = f"{name} {m.group('group')}"
                yield _Mention(self._ship_key(name), full, "ship", sent, m.start(), 2), m.span()

    def _plain_grouped_ships(self, sent: Sentence) -> Iterator[_Found]:
        """ "to relieve the Iwo Jima group, which has been at sea": a ship's group named without its type."""
        if not self._plain_group_cue.search(sent.text):
            return
        for m in self._plain_group.finditer(sent.text):
            if _NAME_LINK.search(sent.text, 0, m.start()):
                continue  # "the Tren de Aragua group": the end of a longer name
            name = self._clean_name(m.group("name"))
            if name and len(name) > 2:
                yield _Mention(self._ship_key(name), f"{name} group", "ship", sent, m.start(), 1), m.span()

    def _introduced_ships(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._introduced_ship.finditer(sent.text):
            if self._headline_verb(m):
                continue
            found = [m]
            # a plural type introduces a list of names
            while m.group("plural") and (nxt := self._next_listed_ship.match(sent.text, found[-1].end("name"))):
                found.append(nxt)
            for n in found:
                name = self._clean_name(n.group("name"))
                if name:
                    yield _Mention(self._ship_key(name), name, "ship", sent, n.start("name"), 1), n.span("name")

    @staticmethod
    def _headline_verb(m: re.Match[str]) -> bool:
        """ "Frigate Arrives In Havana": in a headline the word after the type may be its verb, not a name."""
        return m.group("title") is not None and bool(_HEADLINE_VERB.search(m.group("name").split()[0]))

    def _ordinal_units(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._ordinal_unit.finditer(sent.text):
            sep = re.match(r",\s+", sent.text[m.end() :])
            if sep and self._ordinal_unit.match(sent.text, m.end() + sep.end()):
                yield None, m.span()  # "1st Battalion, 75th Ranger Regiment": a part named by the whole unit
                continue
            body = f"{m.group('ord')} {m.group('body')}"
            yield _Mention(self._unit_key(m.group("ord"), m.group("body")), body, "unit", sent, m.start(), 2), m.span()

    def _formation_units(self, sent: Sentence) -> Iterator[_Found]:
        for rx in (self._numbered_unit, self._named_unit, self._suffix_unit, self._agency_unit):
            for m in rx.finditer(sent.text):
                body = m.group("body").strip()
                if rx is not self._numbered_unit:
                    body = self._clean_name(body) or body
                key = "unit:" + re.sub(r"[\W_]+", " ", body.lower()).strip()
                yield _Mention(key, body, "unit", sent, m.start(), 2), m.span()

    def _plain_units(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._plain_unit.finditer(sent.text):
            yield _Mention("unit:" + m.group(0).lower(), m.group(0), "unit", sent, m.start(), 2), m.span()

    def _designators(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._designator.finditer(sent.text):
            short = len(m.group("num")) < 2 and m.group("prefix") in self._two_digit_prefixes
            if short or self._not_designator.match(sent.text, m.end()):
                continue
            if m.group("prefix") in self._known_prefixes:
                yield self._aircraft_or_weapon(m, sent), m.span()
            elif noun := self._asset_noun.match(sent.text, m.end()):
                mention = self._aircraft_or_weapon(m, sent)
                mention.category = self._noun_kind[noun.group("noun").lower()]
                yield mention, m.span()

    def _noun_named_assets(self, sent: Sentence) -> Iterator[_Found]:
        """ "Kfir fighter jets", "Spike anti-tank missiles", "RBS 70 launchers": a name an asset noun confirms."""
        for m in self._noun_named.finditer(sent.text):
            name = m.group("name")
            first = name.split()[0]
            if m.start() == 0 or first.lower() in self._not_asset_name or first.lower() in self._side_lookup:
                continue  # a sentence's first word, a service ("Navy helicopters") or an owner ("Cuban drones")
            if first.lower() in _NOT_NAME or (self._demonym.search(first) and not first.isupper()):
                continue
            noun = self._name_noun.match(sent.text, m.end())
            kind: Category = self._noun_kind[noun.group("noun").lower()] if noun else "aircraft"
            yield _Mention(f"name:{name.lower()}", name, kind, sent, m.start(), 1), m.span()

    def _generic_aircraft_types(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._generic_aircraft.finditer(sent.text):
            side = self._side_lookup.get(m.group("side").lower())
            yield _Mention(f"gen:{side}", m.group("name"), "aircraft", sent, m.start(), 0, side=side), m.span()

    def _standalone_aircraft_names(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._standalone_aircraft.finditer(sent.text):
            name = re.sub(r"(?<=ss)es$|(?<!s)s$", "", m.group(0))
            yield _Mention(f"name:{name.lower()}", name, "aircraft", sent, m.start(), 1), m.span()

    def _weapon_systems(self, sent: Sentence) -> Iterator[_Found]:
        for m in self._weapon.finditer(sent.text):
            name = m.group("name") or m.group("name2")
            yield _Mention(f"wpn:{name.lower()}", name, "weapon_system", sent, m.start(), 1), m.span()

    def _ship_type_mentions(self, sent: Sentence) -> Iterator[_Found]:
        text = sent.text
        for pattern, spec in self._ship_types:
            for m in pattern.finditer(text):
                noun = m.group("noun").lower()
                singular = not noun.endswith("s") or noun.endswith("ss")
                named = self._next_to_named_ship(text, m.end())
                intro = self._introduced_ship.match(text, m.start("noun"))
                if named is not None or (intro and not self._headline_verb(intro)):
                    # "two destroyers, USS Bainbridge and USS Mahan": the named ones count; "the aircraft carrier
                    # USS Ford": the type is another name of that one ship
                    alias = _Mention(named, m.group(0), spec["category"], sent, m.start(), -1) if named else None
                    yield (alias if singular else None), m.span()
                    continue
                base = spec["base"]
                mention = _Mention(f"type:{base}", m.group(0), spec["category"], sent, m.start(), 0, base, singular)
                before = text[max(0, m.start() - 30) : m.start()]
                mention.new = singular and bool(_INDEFINITE.search(before)) and not _PREDICATE.search(before)
                yield mention, m.span()

    def _aircraft_or_weapon(self, m: re.Match[str], sent: Sentence) -> _Mention:
        prefix, num, variant = m.group("prefix"), m.group("num"), m.group("variant") or ""
        label = m.group("label")
        name = f"{prefix}-{num}{variant}{m.group('alt') or ''}" + (f" {label}" if label else "")
        category: Category = "weapon_system" if prefix.lower() in self._weapon_prefixes else "aircraft"
        family = f"{prefix.lower()}-{num}"
        return _Mention(f"air:{family}", name, category, sent, m.start(), 1 + bool(label) + bool(variant))

    def _next_to_named_ship(self, text: str, end: int) -> str | None:
        """The key of the named ship right after a type ("destroyers, USS Mahan and …"), if one follows."""
        rest = re.sub(r"^[\s,:—–-]*(?:the\s+|and\s+|including\s+)?", "", text[end : end + 40])
        m = self._named_ship.match(rest)
        name = self._clean_name(self._group_cut.sub("", m.group("name"))) if m else ""
        return self._ship_key(name) if name else None

    @staticmethod
    def _clean_name(name: str) -> str:
        """Cut a captured name at the first word that cannot be part of it ("Gravely Docks In Trinidad")."""
        words: list[str] = []
        for w in name.split():
            if w.lower().strip(".,") in _NOT_NAME or not w[0].isupper():
                if not words:
                    continue  # a leading "The" or "A"
                break
            words.append(w)
            if w.endswith(("'s", "’s")):
                words[-1] = w[:-2]
                break
        name = " ".join(words).rstrip(",")
        if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
            name = name[:-1]
        return name

    @staticmethod
    def _ship_key(name: str) -> str:
        words = [w for w in re.findall(r"[\w'’-]+", name) if len(w) > 1]
        return "ship:" + (words[-1].lower() if words else name.lower())

    @staticmethod
    def _unit_key(ordinal: str, body: str) -> str:
        number = _WORD_ORDINALS.get(ordinal.lower(), re.sub(r"\D", "", ordinal))
        words = body.split()
        acronym = body.lower() if len(words) == 1 and body.isupper() else "".join(w[0] for w in words).lower()
        return f"unit:{number}:{acronym}"

    def _side(self, text: str, span: tuple[int, int]) -> str | None:
        """The owner: a country that "has/operates/deployed" something in the sentence, else the nearest country
        word (before the asset preferred), skipping origins ("Russian-made") and places ("off Venezuela")."""
        best: tuple[int, str] | None = None
        for m in self._side_re.finditer(text):
            if m.group("origin"):
                continue  # "Russian-made Igla-S": where it was built, not whose it is
            side = self._side_lookup.get(m.group("w").lower())
            if side is None or self._is_place(text, m):
                continue
            if m.end() <= span[0] and self._owner_verb.match(text, m.end()):
                return side  # "Venezuela already possesses 5,000 Russian Igla-S"
            dist = span[0] - m.end() if m.end() <= span[0] else (m.start() - span[1]) + 5  # prefer words before
            dist = max(dist, 0)
            if best is None or dist < best[0]:
                best = (dist, side)
        return best[1] if best else None

    def _is_place(self, text: str, m: re.Match[str]) -> bool:
        """ "off Venezuela", "the Venezuelan coast": a country named as a place, not as an owner."""
        if m.group("w").endswith(("'s", "’s")) or text.startswith(("'s", "’s"), m.end()):
            return False  # "Venezuela's arsenal": an owner
        before = text[max(0, m.start() - 12) : m.start()].split()
        if before and before[-1].lower() in self._place_prepositions:
            return True
        after = re.match(r"[’'s\s]*(\w+)", text[m.end() : m.end() + 20])
        return after is not None and after.group(1).lower() in self._place_nouns

    # ------------------------------------------------------------------ assets

    def _assets(self, mentions: list[_Mention]) -> list[DeploymentClaim]:
        by_key: dict[str, list[_Mention]] = defaultdict(list)
        for m in mentions:
            by_key[m.key].append(m)
        has_named_ship = any(m.key.startswith("ship:") and m.rank >= 1 for m in mentions)
        designated = [m for m in mentions if m.key.startswith("air:")]
        out: list[DeploymentClaim] = []
        for key, group in by_key.items():
            if key.startswith("gen:") and any(m.key.startswith("air:") and m.side == group[0].side for m in mentions):
                continue  # "a Russian cargo plane" is the Il-76 the article names
            if key.startswith("name:") and any(key[5:].split()[0] in m.name.lower() for m in designated):
                continue  # "Reaper drones" is the "MQ-9 Reaper" the article names
            if key.startswith("type:") and has_named_ship and group[0].generic:
                spec_corefers = self._corefers(group[0].generic)
                group = [m for m in group if not (m.singular and spec_corefers and not m.new)]
                if not group:
                    continue
            if self._only_elsewhere(group):
                continue
            best = max(group, key=lambda m: (m.rank, len(m.name)))
            if best.rank < 0:
                continue  # a type word before a ship name no reader took
            first = min(group, key=lambda m: (m.sentence.start, m.pos))
            sides = Counter(m.side for m in group if m.side)
            side = sides.most_common(1)[0][0] if sides else None
            ev = Evidence(first.sentence.text, first.sentence.start, first.sentence.end)
            # A ship's other name is the type it was introduced with ("the aircraft carrier USS …"): how the alert
            # diff knows "a carrier strike group" for the known carrier's. A type's are its one-word base noun, so
            # that "guided-missile destroyers" is the "Aegis destroyers" already known (a longer base is a type of
            # its own: "amphibious assault ship" is more than "amphibious ships").
            names = [m.name for m in group if m.rank < 0] + self._type_names(best.generic)
            aliases = tuple(n for n in dict.fromkeys(names) if n != best.name)
            out.append(DeploymentClaim(best.name, best.category, ev, side, aliases))
        return out

    @staticmethod
    def _type_names(base: str | None) -> list[str]:
        return [base, base + "s"] if base and " " not in base else []

    def _corefers(self, base: str) -> bool:
        return any(spec["base"] == base and spec["corefers"] for _, spec in self._ship_types)

    def _only_elsewhere(self, group: list[_Mention]) -> bool:
        """Every mention places the asset outside the theatre ("are in the Red Sea") and none inside it."""
        return all(self._elsewhere.search(m.sentence.text) and not self._theatre.search(m.sentence.text) for m in group)
