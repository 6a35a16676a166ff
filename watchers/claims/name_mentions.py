"""Find the names in a document: runs of capitalised words, read against the lexicon and the word lists.

A run like "Venezuelan President Nicolás Maduro" gives two mentions: the country (by its demonym) and
the person (title stripped). Names in masked credits or given as the piece's byline are
skipped here; which mentions make an actor is decided in actors.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from watchers.claims.names import Lexicon, LexiconEntry, fold
from watchers.claims.text import Document
from watchers.claims.vocab import CONNECTORS as _CONNECTORS
from watchers.claims.vocab import (
    GEO_SUFFIXES,
    GROUP_HEADS,
    HEAD_FIRST,
    NON_NAME,
    ORG_HEADS,
    PLACE_WORDS,
    ROLE_WORDS,
    SPEECH_VERBS,
    SURNAME_NOUNS,
    TITLE_WORDS,
)

_NAME_TOKEN = re.compile(
    r"^(?:(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-ÿа-яё’']+)+(?:-(?:[A-ZÀ-ÞА-ЯЁ][a-zß-ÿа-яё’']+)+)?"
    r"|[A-Z]\.(?:[A-Z]\.)?|[A-Z]{2}|Jr\.|Sr\.|II|III)$"
)
# Words ending like these are common nouns, not names ("Transnational Criminal Organizations").
_NOUN_SUFFIX = re.compile(
    r"(?:tions?|sions?|isms?|ments?|ities|ences|ous|ful|able|ible|ships?|hood|ists|ized|ised|ings)$"
)
_SPEECH_AFTER = re.compile(rf"^(?:,[^,\"“”]{{0,80}},)?\s+(?:{SPEECH_VERBS})\b")
_SPEECH_BEFORE = re.compile(rf"\b(?!told\b|asked\b)(?:{SPEECH_VERBS})\s+$")  # "told Reuters": a listener
# A verb that takes a listener as its object: "warned European powers away" names no speaker
_LISTENER_BEFORE = re.compile(r"\b(?:warned|urged|cautioned|promised|reminded)\s+$")
_LOWER_NEXT = re.compile(r"\s+(?!(?:on|in|at|during|after|before|as|while|when|late|earlier|last|this)\b)[a-z]")
# A photo credit: "(EFE/Miguel Gutiérrez)", "(AP Photo/Ariana Cubillos)"
_CREDIT_BEFORE = re.compile(r"\((?:[A-Z][\w.&-]*\s?){1,3}/\s*$")
_JOURNALIST_BEFORE = re.compile(
    r"\b(?:[Rr]eporters?|[Cc]orrespondent|[Jj]ournalist|[Aa]nchor|[Hh]ost|[Ee]ditor|[Cc]olumnist|[Pp]hotographer|"
    r"[Ww]riter|[Cc]ontributor|[Pp]roducer|[Rr]eporting by|[Ww]riting by|[Ee]diting by|[Pp]hoto by)[ \t]+$"
)
_POSSESSIVE = re.compile(r"[’']s?$")
_ADMINISTRATION_AFTER = re.compile(r"[’']s\s+administration\b")
# One unknown capitalised word after an analyst's "at" or after "data from" is the firm (not a person or place).
_EMPLOYER_BEFORE = re.compile(
    r"(?:\b(?:analysts?|economists?|researchers?|strategists?|fellows?|consultants?)\b[^,.;\"“”\n]{0,40}\bat"
    r"|\bdata\s+from)\s+$"
)
_ROLE_AFTER = re.compile(
    r"\s+(?:commander|spokes(?:man|woman|person)|veteran|pilot|chief|"
    r"general|colonel|admiral|secretary|minister|adviser|advisor|envoy|captain|lieutenant|sergeant|sailor|"
    r"aviator|analyst|lawyer)\b"
)
# "east of Khan Younis", "in Cap-Haitien", "the town of Cap-Haitien": a place
_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|(?:(?:north|south|east|west)(?:east|west)?|town|city|village|port|province|region"
    r"|state|island|municipality|district) of)\s+$"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|a|an)\s+$")
_CLASS_AFTER = re.compile(r"[-–](?:class\b|\d)")  # "Arleigh Burke–class", "Sukhoi Su-30"
_DESIGNATION_BEFORE = re.compile(r"\b[A-Z]{1,3}/?[A-Z]?-?\d+[A-Z]?\s+$")  # "MQ-1C Gray Eagle": a model's name
_CHAMBERS = frozenset({"Senate", "House", "Congress", "Parliament"})  # "Senate Armed Services Committee" is one name
_ROLE_OF = re.compile(r"\b(?:head|chief|chairman|chair|commander|director) of (?:the )?$")
_MEMBERS_BEFORE = re.compile(
    r"\b(?:[Mm]embers|[Ff]ighters|[Mm]ilitants|[Gg]unmen|[Rr]ebels|[Dd]issidents|[Ff]actions) (?:of|from) the\s+$"
)  # plural: "a member of the Apollo 10 crew", "a member of the committee" tell a biography
_ORG_NOUN_APPOSED = re.compile(
    r"\b(?:agency|ministry|authority|company|firm|watchdog|regulator|militia|cartel|gang|group|organi[sz]ation|"
    r"coalition|movement|network|party|alliance|union|institute|foundation),\s*$"
)
_QUALIFIERS = frozenset(("Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East", "West"))
_FORMER_BEFORE = re.compile(r"\bformer\s+$")
_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+$")
_CONTRACTION = re.compile(r"[’'](?:ve|re|ll|d|m|t)$")
_ACRONYM = re.compile(r"[A-Z]{3,12}")
_APPOSED = re.compile(r",\s*$")
_ABBREVIATED = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}")  # "U.N.", "EU"


def _has_lowercase_word(form: str) -> bool:
    return any(w[:1].islower() and w not in _CONNECTORS for w in form.split()[1:])


def _is_title(word: str) -> bool:
    """A title, also with a prefix: "Then-Secretary", "Ex-President", "Vice-Admiral"."""
    return word in TITLE_WORDS or ("-" in word and word.rsplit("-", 1)[1] in TITLE_WORDS)


def _until_connector(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words up to the first connector: "Guatemala and the International Committee" lists two names, the
    head word after "and" belongs to the second."""
    k = next((k for k, w in enumerate(words) if w[0] in _CONNECTORS), len(words))
    return words[:k]


@dataclass(frozen=True)
class Mention:
    text: str  # the name as written, titles and possessive stripped
    start: int  # offsets into the article text
    end: int
    sentence: int  # index into Document.sentences
    kind: str  # person, organization, group, country, outlet, place; role: an institution inside a title
    entry: LexiconEntry | None = None
    titled: bool = False  # a title or role came right before ("President", "Sen.")
    speaker: bool = False  # a verb of saying right before or after


class MentionFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.max_form_words = max(len(f.split()) for f in lexicon.by_form)
        # Forms with lowercase words ("Trump administration", "Министерства иностранных дел России") are not
        # capitalised runs; one alternation finds them.
        self.lower_forms_by_first: dict[str, list[str]] = {}
        for form in sorted((f for f in lexicon.by_form if _has_lowercase_word(f)), key=len, reverse=True):
            self.lower_forms_by_first.setdefault(form.split()[0], []).append(form)
        self.person_first_words = {k.split()[0] for k in lexicon.people_by_key if " " in k}
        self.person_words = max(len(k.split()) for k in lexicon.people_by_key)
        # longest lexicon form (in words) starting with each first word, so most words need no lookup
        self.span_by_first: dict[str, int] = {}
        for form in lexicon.by_form:
            words = form.replace("’", "'").split()
            first = words[0].lstrip("@")
            for key in {first, first + "'s", first + "’s"}:
                self.span_by_first[key] = max(self.span_by_first.get(key, 0), len(words))

    def find(self, doc: Document) -> list[Mention]:
        out: list[Mention] = []
        bylines = {fold(b) for b in doc.bylines}
        masked = doc.masked
        taken = self._lowercase_forms(doc, out)
        for (si, start, end), words in zip(doc.name_runs, doc.name_run_words, strict=True):
            if masked and any(s < end and start < e for s, e in masked):
                continue
            if taken and any(s <= start < e for s, e in taken):
                continue
            # A title-case line capitalises every word, and in a language we do not read capitals may be nouns
            # (German): there only names the lexicon knows count.
            guessing = doc.sentences[si].paragraph not in doc.headings and doc.supported(si)
            for mention in self._read_chunk(doc.text, list(words), si, guessing):
                if not guessing and mention.entry is None and fold(mention.text) not in self.lexicon.people_by_key:
                    continue
                if mention.kind == "person" and (
                    (bylines and fold(mention.text) in bylines)
                    or _JOURNALIST_BEFORE.search(doc.text, max(0, mention.start - 30), mention.start)
                    or _CREDIT_BEFORE.search(doc.text, max(0, mention.start - 30), mention.start)
                ):
                    continue
                out.append(mention)
                if mention.kind == "person" and (admin := _ADMINISTRATION_AFTER.match(doc.text, mention.end)):
                    out.append(self._administration(doc.text, mention, admin.end()))
        return out

    def _administration(self, text: str, person: Mention, end: int) -> Mention:
        """ "Donald Trump’s administration": a leader's name as the modifier of the government he heads."""
        written = text[person.start : end]
        entry = self.lexicon.by_form.get(f"{person.text.split()[-1]} administration")
        return Mention(written, person.start, end, person.sentence, "organization", entry)

    def _lookup(self, text: str, words: list[tuple[str, int, int]], i: int, j: int) -> LexiconEntry | None:
        surface = text[words[i][1] : words[j - 1][2]]
        if "  " in surface or "\t" in surface:
            surface = " ".join(surface.split())
        entry = self.lexicon.by_form.get(surface)
        if entry is None and ("’" in surface or "'" in surface):
            surface = surface.replace("’", "'")
            entry = self.lexicon.by_form.get(surface) or self.lexicon.by_form.get(_POSSESSIVE.sub("", surface))
        if entry is None and surface.startswith("@"):
            entry = self.lexicon.by_form.get(surface[1:])
        return entry

    def _lowercase_forms(self, doc: Document, out: list[Mention]) -> list[tuple[int, int]]:
        """Lexicon names with lowercase words ("Trump administration", "Министерства иностранных дел России")
        that start at a capitalised run; appended to `out`, their spans returned."""
        taken: list[tuple[int, int]] = []
        text = doc.text
        for (si, _, _), words in zip(doc.name_runs, doc.name_run_words, strict=True):
            for word, w_start, _ in words:
                for form in self.lower_forms_by_first.get(word.replace("’", "'"), ()):
                    if (
                        text.startswith(form, w_start)
                        and not text[w_start + len(form) : w_start + len(form) + 1].isalnum()
                    ):
                        hidden = any(s < w_start + len(form) and w_start < e for s, e in doc.masked)
                        if not hidden:
                            entry = self.lexicon.by_form[form]
                            written = text[w_start : w_start + len(form)]
                            out.append(Mention(written, w_start, w_start + len(form), si, entry.kind, entry))
                            taken.append((w_start, w_start + len(form)))
                        break
        return taken

    def _known_person(
        self, text: str, words: list[tuple[str, int, int]], i: int, si: int, guessing: bool = True
    ) -> tuple[Mention, int] | None:
        """A well-known person's full name (two words or more) starting at word i, and the word after it."""
        first = fold(words[i][0])
        if first not in self.person_first_words:
            return None
        for j in range(min(len(words), i + self.person_words), i + 1, -1):
            surface = _POSSESSIVE.sub("", text[words[i][1] : words[j - 1][2]])
            if fold(surface) in self.lexicon.people_by_key:
                titled = i > 0 and words[i - 1][0] in TITLE_WORDS
                start = words[i][1]
                if guessing and surface == text[words[i][1] : words[j - 1][2]] and self._second_surname(text, words, j):
                    surface, j = text[start : words[j][2]], j + 1  # "Edmundo González Urrutia": the fullest name
                return Mention(
                    _POSSESSIVE.sub("", surface),
                    start,
                    start + len(_POSSESSIVE.sub("", surface)),
                    si,
                    "person",
                    None,
                    titled,
                    False,
                ), j
        return None

    def _second_surname(self, text: str, words: list[tuple[str, int, int]], j: int) -> bool:
        """A capitalised word right after a known full name that is no name, title or place of its own: the
        person's second surname, as Spanish names have."""
        if j >= len(words) or text[words[j - 1][2] : words[j][1]] != " ":
            return False
        opened = text[text.rfind("\n", 0, words[0][1]) + 1 : words[0][1]]
        if opened.count('"') % 2 or opened.count("“") > opened.count("”"):
            return False  # a speaker's formal "Nicolás Maduro Moros" inside a quote does not rename him
        word = _POSSESSIVE.sub("", words[j][0])
        return (
            _NAME_TOKEN.match(word) is not None
            and len(word) > 2
            and word[1:].islower()
            and word not in TITLE_WORDS
            and word not in NON_NAME
            and word not in ORG_HEADS
            and word not in PLACE_WORDS
            and word not in _CONNECTORS
            and words[j][0].lstrip("@") not in self.span_by_first
            and fold(word) not in self.person_first_words
        )

    def _lookup_any(self, text: str, words: list[tuple[str, int, int]], i: int) -> LexiconEntry | None:
        """The lexicon name starting at word i, if any."""
        span = self.span_by_first.get(words[i][0].lstrip("@"), 0) if i < len(words) else 0
        for j in range(min(len(words), i + span), i, -1):
            entry = self._lookup(text, words, i, j)
            if entry is not None:
                return entry
        return None

    def _read_chunk(
        self, text: str, words: list[tuple[str, int, int]], si: int, guessing: bool = True
    ) -> list[Mention]:
        """Split a capitalised run into lexicon names and the unknown runs between them."""
        out: list[Mention] = []
        n = len(words)
        i = run_start = 0
        role_of = bool(_ROLE_OF.search(text, max(0, words[0][1] - 30), words[0][1]))
        while i < n:
            known = self._known_person(text, words, i, si, guessing)
            if known is not None:  # "Vladimir Putin Maduro Turns": a known full name ends where it ends
                preceding = words[run_start:i]
                while preceding and (preceding[-1][0] in TITLE_WORDS or preceding[-1][0] in _CONNECTORS):
                    preceding = preceding[:-1]  # "Attorney General Pam Bondi": the title belongs to the person
                out.extend(self._read_unknown(text, preceding, si))
                out.append(known[0])
                i = run_start = known[1]
                continue
            hit = None
            span = self.span_by_first.get(words[i][0].lstrip("@"), 0)
            if span and words[i][0] not in _CONNECTORS:
                for j in range(min(n, i + span), i, -1):
                    if words[j - 1][0] in _CONNECTORS:
                        continue
                    entry = self._lookup(text, words, i, j)
                    if entry is not None:
                        hit = (j, entry)
                        break
            if hit is None:
                i += 1
                continue
            j, entry = hit
            if (
                guessing
                and i - 1 > run_start
                and words[i - 1][0] in ("and", "&")
                and j < n
                and words[j][0][:1].isupper()
                and not (words[j][0] in TITLE_WORDS and j + 1 < n)  # "… and Venezuela President Maduro"
            ):
                i = j  # "Ministry of Foreign and CARICOM Affairs": a known name inside an official title
                continue
            names_org = (
                entry.kind in ("country", "place")
                or (entry.kind == "organization" and _ABBREVIATED.fullmatch(words[j - 1][0]) is not None and j - i == 1)
                or (entry.kind == "organization" and j - i == 1 and words[j - 1][0] in _CHAMBERS)
            ) and any(w[0] in ORG_HEADS for w in _until_connector(words[j : j + 3]))  # "U.N. Human Rights Office"
            if names_org and self._lookup_any(text, words, j) is None:
                i += 1  # "Caribbean Airlines", "Jamaica Defence Force": the place names an organisation
                continue
            if (
                entry.kind in ("country", "place")
                and i >= 2
                and words[i - 1][0] == "on"
                and words[i - 2][0] in ORG_HEADS
            ):
                i = j  # "Washington Office on Latin America": the place is the body's field, part of its name
                continue
            if entry.kind in ("country", "place") and any(w[0] in GEO_SUFFIXES for w in words[j : j + 2]):
                i = j  # "British Virgin Islands", "Netherlands Antilles": a place named after a country
                continue
            out.extend(self._unknown_outside_role(text, words[run_start:i], si, role_of))
            # "Treasury Secretary Scott Bessent": an institution named as part of a title is not a mention.
            # "Treasury Secretary Scott Bessent", "a former Air Force commander": a one-word institution in a role
            as_title = entry.kind == "organization" and (
                (j < n and words[j][0] in TITLE_WORDS and j - i == 1)
                or (j + 1 < n and words[j][0] in ROLE_WORDS)  # "Homeland Security Secretary Kristi Noem"
                or bool(_ROLE_AFTER.match(text, words[j - 1][2]))
            )
            if entry.kind in ("organization", "group") and role_of:
                as_title = True  # "the head of U.S. Special Operations Command, Adm. ..."
            if entry.kind == "organization" and i > 0 and words[i - 1][0] in TITLE_WORDS and j - i == 2:
                person = self._person(text, words[i : i + 1], si, titled=True)  # "President Trump's administration"
                if person is not None:
                    out.append(person)
            if entry.kind == "outlet" and words[j - 1][0].endswith(("’s", "'s")):
                return out  # "Bloomberg's Jane Doe": the outlet's journalist
            if not as_title:
                start, end = words[i][1], words[j - 1][2]
                out.append(Mention(_POSSESSIVE.sub("", text[start:end]), start, end, si, entry.kind, entry))
            i = run_start = j
        out.extend(self._unknown_outside_role(text, words[run_start:], si, role_of))
        return out

    def _unknown_outside_role(
        self, text: str, words: list[tuple[str, int, int]], si: int, role_of: bool
    ) -> list[Mention]:
        """Unknown runs; after "the chairman of", organisations are part of a role, not mentions."""
        found = self._read_unknown(text, words, si)
        return [m for m in found if m.kind == "person"] if role_of else found

    def _read_unknown(self, text: str, words: list[tuple[str, int, int]], si: int) -> list[Mention]:
        """A run the lexicon does not know: an organisation (by its head word), a person, or nothing."""
        # "Maduro government": drop the lowercase head that let the lexicon see "Trump administration"
        while words and words[-1][0].islower() and words[-1][0] not in _CONNECTORS:
            words = words[:-1]
        parts: list[list[tuple[str, int, int]]] = [[]]
        for w in words:  # "Rubio and Hegseth" are two runs; "Ministry of Health and Wellness" stays one
            sofar = [p[0] for p in parts[-1]]
            joint = next((k for k, t in enumerate(sofar) if t in ("of", "for", "on")), None)
            inside_org = joint is not None and any(t in ORG_HEADS for t in sofar[:joint])
            if w[0] in ("and", "&", "y") and not (inside_org and sofar[-1] not in ORG_HEADS):
                parts.append([])
            else:
                parts[-1].append(w)
        out = []
        # "at Falmouth and Ocho Rios": the place the first name is in, the names after "and" are in too
        placed = bool(parts[0]) and _PLACE_BEFORE.search(text, max(0, parts[0][0][1] - 12), parts[0][0][1]) is not None
        for k, part in enumerate(parts):
            person_of = self._person_of_body(text, part, si)
            if person_of:
                out.extend(person_of)
                continue
            mention = self._classify(text, part, si)
            if mention is not None and not (k and placed and mention.kind == "person" and not mention.titled):
                out.append(mention)
        return out

    def _person_of_body(self, text: str, words: list[tuple[str, int, int]], si: int) -> list[Mention]:
        """ "Senator Paloma Valencia of the Democratic Center", "Shannon O'Neil of the Council": a person and the
        body she belongs to, two names ("Rep. Jim Himes of Connecticut": the person only); [] when the run is not
        a name, "of" and an organisation's or place's name."""
        if len(words) < 4:
            return []
        tokens = [w[0] for w in words]
        if "of" not in tokens[2:]:
            return []
        k = tokens.index("of", 2)
        body = words[k + 1 :]
        while body and body[0][0] in ("the", "The"):
            body = body[1:]
        if not body or any(t in ORG_HEADS for t in tokens[:k]):
            return []
        person = self._classify(text, words[:k], si)
        if person is None or person.kind != "person":
            return []
        if not any(w[0] in ORG_HEADS for w in body):
            return [person] if tokens[0] in TITLE_WORDS else []  # "Rep. Jim Himes of Connecticut": a place
        org = self._classify(text, body, si)
        return [person] if org is None else [person, org]

    def _classify(self, text: str, words: list[tuple[str, int, int]], si: int) -> Mention | None:
        led_by_connector = False
        while words and (words[0][0] in NON_NAME or words[0][0] in _CONNECTORS) and not self._qualified_head(words):
            led_by_connector = led_by_connector or words[0][0] in _CONNECTORS
            words = words[1:]
        while words and (words[-1][0] in NON_NAME or words[-1][0] in _CONNECTORS) and not self._surname_noun(words):
            words = words[:-1]
        if not words:
            return None
        tokens = [_POSSESSIVE.sub("", w[0]) for w in words]
        last_title = max((k for k, t in enumerate(tokens) if t in TITLE_WORDS), default=-1)
        rest = tokens[last_title + 1 :]
        # "Council on Foreign Relations": a title word after "on" names the body's field, not a person's title
        if (
            last_title > 0
            and "on" not in tokens[:last_title]
            and "for" not in tokens[:last_title]
            and rest
            and all(_NAME_TOKEN.match(t) and t not in ORG_HEADS for t in rest)
        ):
            return self._person(text, words[last_title + 1 :], si, titled=True)  # "Office of Sen. Adam Schiff"
        # "International Crisis Group", "Ministry of Health": a head word last, or a head word before "of"
        headed = len(tokens) >= 2 and (
            tokens[-1] in ORG_HEADS or any(t in ORG_HEADS and nxt in ("of", "on", "for") for t, nxt in pairwise(tokens))
        )
        headed = headed or (len(tokens) >= 2 and tokens[0] in HEAD_FIRST)  # "Fundación Mar Abierto"
        # "Movement for Fair Elections": the words of a body's field ("for …", "on …") may be anything
        field = next((k for k, t in enumerate(tokens) if t in ("for", "on")), len(tokens))
        if headed and _ORDINAL_BEFORE.search(text, max(0, words[0][1] - 12), words[0][1]):
            return None  # "the 47th Mechanized Brigade": a numbered formation is a unit (deployments.py), no body
        # "Gulf Clan", "Border Cartel": an armed group's head word outranks the place its name starts with
        if headed and (tokens[-1] in GROUP_HEADS or not any(t in PLACE_WORDS for t in tokens[:field])):
            kind = "group" if any(t in GROUP_HEADS for t in tokens) else "organization"
            if _ROLE_AFTER.match(text, words[-1][2]):
                kind = "role"  # "Foreign Ministry spokeswoman Maria Zakharova": part of her title
            return self._mention(text, words, si, kind)
        if len(tokens) <= 4 and _MEMBERS_BEFORE.search(text, max(0, words[0][1] - 30), words[0][1]):
            return self._mention(text, words, si, "group")  # "fighters from the Shining Path": a body has members
        if (
            len(tokens) <= 3
            and _ORG_NOUN_APPOSED.search(text, max(0, words[0][1] - 30), words[0][1])
            and text[words[-1][2] : words[-1][2] + 1] in (",", ".", ";", ")")
        ):
            return self._mention(text, words, si, "organization")  # "the border agency, Frontex,": its name
        if len(tokens) == 1 and _ACRONYM.fullmatch(tokens[0]):
            return self._acronym(text, words, si)
        if len(tokens) == 1 and _EMPLOYER_BEFORE.search(text, max(0, words[0][1] - 60), words[0][1]):
            return self._mention(text, words, si, "organization")  # "an analyst at Kpler", "data from Kpler"
        if led_by_connector:
            return None  # "Con el Mazo Dando", "With the Fleet": a title, not a person
        if _FORMER_BEFORE.search(text, max(0, words[0][1] - 12), words[0][1]) and _ROLE_AFTER.match(text, words[-1][2]):
            return None  # "a former Goldman Sachs analyst": a past employer in a biography takes no part
        titled = False
        while words and (_is_title(words[0][0]) or (titled and words[0][0] in _CONNECTORS)):
            titled = True
            words = words[1:]
        if any(_POSSESSIVE.sub("", w[0]) in PLACE_WORDS for w in words):
            return None
        return self._person(text, words, si, titled)

    @staticmethod
    def _qualified_head(words: list[tuple[str, int, int]]) -> bool:
        """ "Northern Clan", "Southern Front": a compass word before an armed group's head is the group's name
        ("West Bank", "North Bank" stay places)."""
        return (
            len(words) >= 2
            and words[0][0] in _QUALIFIERS
            and words[-1][0] in GROUP_HEADS
            and all(w[0][:1].isupper() for w in words)
        )

    @staticmethod
    def _surname_noun(words: list[tuple[str, int, int]]) -> bool:
        """ "Jason Liberty", "Ana Justice": a noun that is a surname after a given name."""
        return len(words) >= 2 and words[-1][0] in SURNAME_NOUNS and words[-2][0] not in NON_NAME

    def _acronym(self, text: str, words: list[tuple[str, int, int]], si: int) -> Mention | None:
        """An unknown acronym is an organisation when it speaks or is set off as another name's short form
        ("the civil aviation authority, INAC, said"); otherwise it may be anything ("GPS", "MVP")."""
        mention = self._mention(text, words, si, "organization")
        before = text[max(0, words[0][1] - 3) : words[0][1]]
        apposed = bool(_APPOSED.search(before)) and text[words[-1][2] : words[-1][2] + 1] == ","
        return mention if mention.speaker or apposed else None

    def _person(self, text: str, words: list[tuple[str, int, int]], si: int, titled: bool) -> Mention | None:
        while words and words[0][0] in _CONNECTORS:
            words = words[1:]
        if not words or len(words) > 5:
            return None
        tokens = [_POSSESSIVE.sub("", w[0]) for w in words]
        if any(
            (t in NON_NAME and not (k == len(tokens) - 1 and self._surname_noun(words)))
            or t in ORG_HEADS
            or _NOUN_SUFFIX.search(t)
            for k, t in enumerate(tokens)
        ):
            return None
        if any(_CONTRACTION.search(t) for t in tokens):
            return None  # "We've", "It's": a quote's first word
        if "of" in tokens[1:-1]:
            return None  # "Star of the Seas", "Lady of the Lake": a thing's name, not a person's
        if not all(_NAME_TOKEN.match(t) or t in _CONNECTORS for t in tokens) or re.fullmatch(r"[A-Z]{2}", tokens[-1]):
            return None
        before = text[max(0, words[0][1] - 6) : words[0][1]]
        if (
            _ARTICLE_BEFORE.search(before) or _PLACE_BEFORE.search(text, max(0, words[0][1] - 12), words[0][1])
        ) and not titled:
            return None  # "the Lesser Antilles", "a Maduro ally", "The Gerald Ford sailed"
        if _DESIGNATION_BEFORE.search(text, max(0, words[0][1] - 12), words[0][1]):
            return None  # "MQ-1C Gray Eagle", "E-2D Advanced Hawkeye"
        if _CLASS_AFTER.match(text, words[-1][2]) or words[-1][2] >= len(text.rstrip()):
            return None  # "Arleigh Burke–class", or a name cut off at the end of a truncated article
        return self._mention(text, words, si, "person", titled=titled)

    def _mention(
        self, text: str, words: list[tuple[str, int, int]], si: int, kind: str, titled: bool = False
    ) -> Mention:
        start, end = words[0][1], words[-1][2]
        after = text[end : end + 100]
        before = text[max(0, start - 40) : start]
        listener = _LISTENER_BEFORE.search(before) and _LOWER_NEXT.match(after)  # "warned European powers"
        speaker = bool(_SPEECH_AFTER.match(after) or (_SPEECH_BEFORE.search(before) and not listener))
        name = _POSSESSIVE.sub("", text[start:end])
        if name != text[start:end]:
            end = start + len(name)
        return Mention(name, start, end, si, kind, None, titled, speaker)
