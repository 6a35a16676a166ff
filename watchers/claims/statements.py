"""Statements: direct quotes attributed to a named person or institution.

For each quote (quotes.py) the speaker is read, in order, from: an attribution right after it
("…," Hegseth said / said Defense Secretary Pete Hegseth / he added / the command posted), the clause
before it (Trump told reporters, "…"; Bondi accused Maduro of a "reign of terror"; according to …), or
the quote just before it in the same or previous paragraph (a quote split by its attribution). Names are
resolved against the article's actors, so a surname or "the FAA" gives the fullest name. Quotes from
unnamed sources ("officials said", "a source told") are skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from config.watch import WatchConfig
from watchers.claims.names import fold
from watchers.claims.quotes import Quote, find_quotes, is_statement_quote
from watchers.claims.text import Document
from watchers.claims.vocab import SPEECH_VERBS
from watchers.models import ActorClaim, Evidence, StatementClaim

_RU_VERBS = r"сообщила?|заявила?|отметила?|подчеркнула?|сказала?|добавила?|говорится|пояснила?|написала?"
_VERB = rf"(?:{SPEECH_VERBS}|{_RU_VERBS})"
# Verbs that make the subject of a clause the source of a quote inside it.
_CLAUSE_VERB = re.compile(
    rf"\b(?:{SPEECH_VERBS}|{_RU_VERBS}|called|calls|calling|described|describes|describing|accused|accuses|accusing|"
    r"labeled|labelled|dubbed|branded|termed|referred|referring|saying|writing|adding|vowing|warning|urging|"
    r"posting|announcing|expressed|expressing|praised|condemned|hailed|decried|blasted|slammed|criticized|"
    r"criticised|touted|threatened|threatening|ordered|denounced|promising|telling|reiterating|insisting|"
    r"issued|issuing|released|published|blamed|characterized|characterised|demanded|pointed out|pointing out|"
    r"declaring|assuring|asserting|stating|noting|arguing|claiming|explaining|stressing|tweeting|announcing|"
    r"replying|responding|recalling|acknowledging|confirming|confirmed|warning|urged)\b"
)
_AFTER = re.compile(
    rf"^[\s,.!?—–-]*(?:[^,;:\"“”«»\n]{{0,20}},\s*)?"
    rf"(?:(?P<who1>[^,;:\"“”«»\n]{{1,70}}?)\s+(?:also\s+|later\s+|then\s+|previously\s+)?{_VERB}\b"
    rf"|{_VERB}\s+(?P<who2>[^;:\"“”«»\n]{{1,90}}?)(?:\.\s|$|[;:\"“”«»]))"
)
_SUBORDINATE = re.compile(r"^(?:as|while|when|which|that|but|and|after|before|because|since|if|who|where)\b", re.I)
_QUOTED_BY = re.compile(r"\bquot(?:ed|ing)\s+(?P<who>.{1,80})$")
_ACCORDING = re.compile(r"\baccording to (?P<who>[^,;:\"“”«»\n]{1,70})")
_PRONOUN = re.compile(r"^(?:he|she|they|it)$|^(?:he|she|they|it)\s", re.IGNORECASE)
_THE_ROLE = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+){0,2}(?P<role>president|secretary|minister|senator|spokesman|spokeswoman|spokesperson|"
    r"admiral|general|governor|leader|ambassador|attorney general|prime minister|chairman|director)\b",
    re.IGNORECASE,
)
_THE_BODY = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+){0,2}(?P<head>command|ministry|department|agency|company|airline|carrier|administration|"
    r"government|embassy|office|court|council|party|group|navy|army|military|force|service|bureau|white house|"
    r"pentagon|statement|post|advisory|release|заявлении)\b",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"\b(?:officials?|sources?|analysts?|experts?|observers?|critics?|residents?|diplomats?|witness(?:es)?|"
    r"people|someone|aides?|insiders?|lawmakers|senators|reports?|reporters|media|outlets?|survivors?|"
    r"relatives?|neighbors?|families|protesters|activists|spokesperson|spokesman|spokeswoman|person)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-ZА-ЯЁ\"“«])")


@dataclass(frozen=True)
class _Named:
    """Where an actor's name appears in the article."""

    start: int
    end: int
    actor: ActorClaim


class StatementExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch

    def extract(self, doc: Document, actors: list[ActorClaim]) -> list[StatementClaim]:
        names = _name_index(doc, actors)
        starts = [s.start for s in doc.sentences]
        out: list[StatementClaim] = []
        seen: set[str] = set()
        last: tuple[int, str] | None = None  # (paragraph index, speaker) of the previous attributed quote
        self._last: tuple[int, str] | None = None
        for pi, para in enumerate(doc.paragraphs):
            quotes = find_quotes(para.text)
            self._para = pi
            for qi, q in enumerate(quotes):
                self._last = last
                speaker = self._speaker(doc, names, pi, quotes, qi)
                if speaker == "":
                    last = None
                    continue  # an unnamed source
                if speaker is None and last is not None and last[0] >= pi - 1:
                    speaker = last[1]
                if speaker is None:
                    continue
                last = (pi, speaker)
                key = fold(q.text)
                if not is_statement_quote(q.text) or key in seen:
                    continue
                seen.add(key)
                start = para.start + q.start
                sent = doc.sentences[max(0, bisect.bisect_right(starts, start) - 1)]
                out.append(StatementClaim(speaker, q.text, Evidence(sent.text, sent.start, sent.end)))
        return out

    def _speaker(self, doc: Document, names: list[_Named], pi: int, quotes: list[Quote], qi: int) -> str | None:
        """The speaker's name; "" for an unnamed source; None when the quote carries no attribution."""
        para = doc.paragraphs[pi]
        q = quotes[qi]
        after_end = quotes[qi + 1].start - 1 if qi + 1 < len(quotes) else len(para.text)
        after = para.text[q.end : after_end]
        m = _AFTER.match(after.lstrip("\"'”’»"))
        if m and m.group("who1") and _SUBORDINATE.match(m.group("who1").strip()):
            m = None  # "…," as the minister claimed — the quote is not the minister's
        if m:
            offset = para.start + q.end + (len(after) - len(after.lstrip("\"'”’»")))
            group = "who1" if m.group("who1") else "who2"
            who = self._resolve(doc, names, m.group(group), offset + m.start(group))
            if who is not None:
                return who
        before_start = quotes[qi - 1].end + 1 if qi > 0 else 0
        before = para.text[before_start : max(before_start, q.start - 1)]
        breaks = list(_SENTENCE_BREAK.finditer(before))
        clause_start = breaks[-1].end() if breaks else 0
        clause = before[clause_start:]
        base = para.start + before_start + clause_start
        acc = _ACCORDING.search(clause) or _ACCORDING.search(after)
        if acc:
            at = base + acc.start("who") if acc.string is clause else para.start + q.end + acc.start("who")
            return self._resolve(doc, names, acc.group("who"), at) or ""
        quoted_by = _QUOTED_BY.search(clause)
        if quoted_by:
            who = self._resolve(doc, names, quoted_by.group("who"), base + quoted_by.start("who"))
            if who:
                return who
        verb = _CLAUSE_VERB.search(clause)
        if verb:
            return self._subject(doc, names, clause[: verb.start()], base)
        return None

    def _subject(self, doc: Document, names: list[_Named], subject: str, base: int) -> str:
        """The speaker of "Regarding Maduro, he limited himself to saying": the first name or pronoun of the
        last comma-separated part of the clause that has one; "" when the clause names no one."""
        pos = len(subject)
        for part in reversed(subject.split(",")):
            pos -= len(part)
            at = base + pos
            inside = [n for n in names if at <= n.start and n.end <= at + len(part)]
            pronoun = re.search(r"\b(?:he|she|they)\b", part, re.IGNORECASE)
            unnamed = _UNNAMED.search(part)
            first_name = min(inside, key=lambda n: (n.actor.category == "country", n.start)) if inside else None
            candidates = [c for c in (first_name and first_name.start, pronoun and at + pronoun.start()) if c is not None]
            if unnamed and (not candidates or at + unnamed.start() < min(candidates)):
                return ""
            if first_name is not None and (pronoun is None or first_name.start < at + pronoun.start()):
                return first_name.actor.name
            if pronoun is not None:
                return self._pronoun(doc, names, at + pronoun.start()) or ""
            pos -= 1  # the comma
        return ""

    def _resolve(
        self, doc: Document, names: list[_Named], who: str, at: int, last_only: bool = False
    ) -> str | None:
        """Who is meant by `who` (the text at offset `at`): a named actor, a pronoun, or "the ministry"."""
        inside = [n for n in names if at <= n.start and n.end <= at + len(who) + 1]
        inside = [n for n in inside if n.actor.category != "country"] or inside
        if inside:
            pick = inside[-1] if last_only else inside[0]
            return pick.actor.name
        stripped = who.strip()
        tail = stripped.split(",")[-1].strip() if last_only else stripped
        if last_only:
            tail = " ".join(tail.split()[-3:])
        if _PRONOUN.search(tail):
            return self._pronoun(doc, names, at)
        role = _THE_ROLE.search(tail)
        if role:
            word = role.group("role").lower()
            return self._recent(names, at, lambda a: a.category == "person", role=word, doc=doc)
        body = _THE_BODY.search(tail)
        if body:
            head = body.group("head").lower()
            return self._recent(names, at, lambda a: a.category != "person" and _head_fits(head, a))
        if _UNNAMED.search(tail):
            return ""
        return None

    def _pronoun(self, doc: Document, names: list[_Named], at: int) -> str | None:
        """"he said": the person last quoted nearby, else the first person named in the nearest sentence before."""
        if self._last is not None and self._last[0] >= self._para - 1:
            return self._last[1]
        people = [n for n in names if n.actor.category == "person" and n.start < at]
        if not people:
            return None
        starts = [s.start for s in doc.sentences]
        by_sentence: dict[int, _Named] = {}
        for n in people:
            by_sentence.setdefault(bisect.bisect_right(starts, n.start), n)
        return by_sentence[max(by_sentence)].actor.name

    @staticmethod
    def _recent(names: list[_Named], at: int, fits, role: str | None = None, doc: Document | None = None) -> str | None:  # type: ignore[no-untyped-def]
        for n in reversed(names):
            if n.start >= at or not fits(n.actor):
                continue
            if role and doc is not None and role not in doc.text[max(0, n.start - 40) : n.start].lower():
                continue
            return n.actor.name
        return None


def _head_fits(head: str, actor: ActorClaim) -> bool:
    if head in ("statement", "post", "advisory", "release", "заявлении", "company", "airline", "carrier"):
        return True
    names = " ".join((actor.name, *actor.aliases)).lower()
    return head in names or (head == "military" and actor.category == "organization")


def _name_index(doc: Document, actors: list[ActorClaim]) -> list[_Named]:
    """Every place an actor's name, alias or surname appears, in text order."""
    forms: dict[str, ActorClaim] = {}
    for a in actors:
        for form in (a.name, *a.aliases):
            forms.setdefault(form, a)
        if a.category == "person":
            parts = a.name.split()
            if len(parts) > 1:
                forms.setdefault(parts[-1], a)
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w@])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)"
    )
    out = []
    for p in doc.paragraphs:
        quoted = [(q.start, q.end) for q in find_quotes(p.text)]
        for m in pattern.finditer(p.text):
            if not any(s <= m.start() < e for s, e in quoted):
                out.append(_Named(p.start + m.start(), p.start + m.end(), forms[m.group(0)]))
    return out
