"""Name folding and the actor lexicon (countries, organisations, armed groups, well-known people, outlets).

`fold` gives the comparison key of a name: no accents, no case, no punctuation, no possessive. The
lexicon is read once from config/lexicon/actors.yaml and indexed by folded surface form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

from config import LEXICON_DIR

Category = Literal["person", "organization", "group", "country"]
EntryKind = Literal["person", "organization", "group", "country", "outlet", "place"]

_POSSESSIVE = re.compile(r"[’']s?$")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)  # pure, and names repeat across articles
def fold(name: str) -> str:
    """'Nicolás Maduro’s' → 'nicolas maduro'; 'U.S.' → 'us'."""
    name = _POSSESSIVE.sub("", name.strip())
    name = strip_accents(name).lower().replace(".", "")
    name = _NON_WORD.sub(" ", name)
    return _SPACES.sub(" ", name).strip()


@dataclass(frozen=True)
class LexiconEntry:
    name: str  # canonical
    kind: EntryKind
    forms: tuple[str, ...]  # surface forms as written in articles

    @property
    def category(self) -> Category:
        kind = self.kind
        return "organization" if kind == "outlet" or kind == "place" else kind


@dataclass
class Lexicon:
    """Surface form (exact, case-sensitive) → entry; plus folded-key indices for people and outlets."""

    by_form: dict[str, LexiconEntry] = field(default_factory=dict)
    people_by_key: dict[str, LexiconEntry] = field(default_factory=dict)
    outlet_keys: set[str] = field(default_factory=set)
    demonyms: dict[str, LexiconEntry] = field(default_factory=dict)
    country_forms: dict[str, LexiconEntry] = field(default_factory=dict)
    companies: set[str] = field(default_factory=set)  # canonical names whose country is only their home

    def country_in(self, name: str) -> LexiconEntry | None:
        """The country named inside an organisation's name ("Russian Foreign Ministry" → Russia)."""
        words = name.replace("’", "'").split()
        for k in range(len(words)):
            for length in (3, 2, 1):
                part = " ".join(words[k : k + length])
                entry = self.country_forms.get(part) or self.country_forms.get(re.sub(r"'s?$", "", part))
                if entry is not None:
                    return entry
        return None

    def add(self, entry: LexiconEntry) -> None:
        for form in entry.forms:
            self.by_form.setdefault(form, entry)


_FORCES = ("Navy", "Air Force", "air force", "Army", "army", "navy", "Coast Guard", "National Guard", "Marines")


def _add_national_forces(lex: Lexicon, raw: dict) -> None:
    """A country's own forces ("Venezuelan Navy", "Mexican air force"), not the U.S. ones."""
    for name, spec in (raw.get("countries") or {}).items():
        if name == "United States":
            continue
        for demonym in spec.get("demonyms") or ():
            for force in _FORCES:
                canonical = f"{demonym} {force[0].upper()}{force[1:]}"
                lex.add(LexiconEntry(canonical, "organization", (f"{demonym} {force}", f"{name} {force}")))


def load_lexicon(path: Path | None = None) -> Lexicon:
    raw = yaml.safe_load((path or LEXICON_DIR / "actors.yaml").read_text(encoding="utf-8"))
    lex = Lexicon()
    for name, spec in (raw.get("countries") or {}).items():
        demonyms = tuple(spec.get("demonyms") or ())
        entry = LexiconEntry(name, "country", (name, *(spec.get("aliases") or ()), *demonyms))
        lex.add(entry)
        for d in demonyms:
            lex.demonyms[d] = entry
        lex.country_forms.update({form: entry for form in entry.forms})
    _add_national_forces(lex, raw)
    sections: tuple[tuple[str, EntryKind], ...] = (("organizations", "organization"), ("groups", "group"))
    for section, kind in sections:
        for name, forms in (raw.get(section) or {}).items():
            lex.add(LexiconEntry(name, kind, (name, *(forms or ()))))
    for name, forms in (raw.get("companies") or {}).items():
        lex.add(LexiconEntry(name, "organization", (name, *(forms or ()))))
        lex.companies.add(name)
    for name in raw.get("places") or ():
        lex.add(LexiconEntry(name, "place", (name,)))
    for name in raw.get("outlets") or ():
        entry = LexiconEntry(name, "outlet", (name,))
        lex.add(entry)
        lex.outlet_keys.add(fold(name))
    for name, forms in (raw.get("people") or {}).items():
        entry = LexiconEntry(name, "person", (name, *(forms or ())))
        for form in entry.forms:
            lex.people_by_key.setdefault(fold(form), entry)
    return lex
