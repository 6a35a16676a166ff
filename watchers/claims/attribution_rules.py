"""Who said a quote: read the attribution around it and resolve it against the article's actors.

Order: an attribution right after the quote ("…," Hegseth said / said Defense Secretary Pete Hegseth /
he added / the command posted), "according to …", the clause before it (Trump told reporters, "…";
Bondi accused Maduro of a "reign of terror"), a paragraph ending in a colon just before it. A quote with
no attribution of its own continues the previous quote's speaker. Unnamed sources ("officials said",
"a source told") give "" so the quote is skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from watchers.claims.name_mentions import chunk_words
from watchers.claims.quotes import Quote, find_quotes
from watchers.claims.text import Document, split_sentences
from watchers.claims.vocab import SPEECH_VERBS
from watchers.models import ActorClaim

_ES_VERBS = (
    r"dijo|afirmó|declaró|aseguró|señaló|escribió|agregó|añadió|indicó|expresó|sostuvo|advirtió|manifestó|publicó|"
    r"subrayó|explicó|comentó|calificó|denunció|informó|pidió|exigió|instó|reclamó|aseveró|insistió|recalcó|"
    r"destacó|apuntó|respondió|criticó|acusó|anunció|reiteró|admitió|reconoció|remarcó|sentenció"
)
_RU_VERBS = r"сообщила?|заявила?|отметила?|подчеркнула?|сказала?|добавила?|говорится|пояснила?|написала?|передае?ё?т"
_VERB = rf"(?:{SPEECH_VERBS}|{_RU_VERBS}|{_ES_VERBS}|read|reads)"
_NOT_QUOTE = r"[^,;:\"“”«»\n]"
# Verbs that make the subject of a clause the source of a quote inside it.
_CLAUSE_VERB = re.compile(
    rf"\b(?:{SPEECH_VERBS}|{_RU_VERBS}|{_ES_VERBS}|called|calls|calling|described|describes|describing|accused|accuses|accusing|"
    r"labeled|labelled|dubbed|branded|termed|referred|referring|saying|writing|adding|vowing|warning|urging|"
    r"posting|announcing|expressed|expressing|praised|condemned|hailed|decried|blasted|slammed|criticized|"
    r"criticised|touted|threatened|threatening|ordered|denounced|promising|telling|reiterating|insisting|"
    r"issued|issuing|released|published|blamed|characterized|characterised|demanded|pointed out|pointing out|"
    r"declaring|assuring|asserting|stating|noting|arguing|claiming|explaining|stressing|tweeting|"
    r"replying|responding|recalling|acknowledging|confirming|warning|urged|asks|asking|"
    r"indicated|indicating|signaled|signalled|signaling)\b"
)
_WHO_END = r"(?:(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z])\.(?:\s|(?=[A-ZА-ЯЁ]))|$|[;:\"“”«»])"
_AFTER = re.compile(
    rf"^[\s,.!?—–-]*(?:"
    # "…," said Defense Secretary Pete Hegseth, …
    rf"{_VERB}\s+(?P<who2>[^;:\"“”«»\n]{{1,200}}?){_WHO_END}"
    # "…," Hegseth said / "…," Pearnel Charles, Jr., the minister of labor, said / "…" of them, Maduro said
    rf"|(?:{_NOT_QUOTE}{{0,20}},\s*)?(?P<who1>{_NOT_QUOTE}{{1,70}}?)(?:,[^,;:\"“”«».!?\n]{{1,60}}){{0,2}},?\s+"
    rf"(?:also\s+|later\s+|then\s+|previously\s+)?{_VERB}\b)"
)
_SUBORDINATE = re.compile(r"^(?:as|while|when|which|that|but|and|after|before|because|since|if|who|where)\b", re.I)
_ACCORDING = re.compile(
    rf"\b(?:[Aa]ccording to|[Ss]egún) (?P<who>{_NOT_QUOTE}{{1,70}}?)"
    r"(?=,|(?<![A-Z])\.\s+[A-Z]|\.?\s*$|\s+(?:headed|led|run|chaired) by\b)"  # "… by the agency headed by Rubio"
)
_QUOTED_BY = re.compile(r"\bquot(?:ed|ing)\s+(?P<who>.{1,80})$")
_PRONOUN = re.compile(r"^(?:he|she|его|ее|её)(?!\w)", re.IGNORECASE)
_THE_ROLE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,2}(?P<role>president|secretary|minister|senator|spokesman|spokeswoman|spokesperson|"
    r"admiral|general|governor|leader|ambassador|attorney general|prime minister|chairman|director|judge|"
    r"prosecutor|lawyer|attorney|mayor|commander|chancellor|congressman|congresswoman|lawmaker)\b",
    re.IGNORECASE,
)
_THE_BODY = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+){0,2}(?P<head>command|ministry|department|agency|company|airline|carrier|administration|"
    r"government|embassy|office|court|council|party|group|navy|army|military|force|service|bureau|white house|"
    r"pentagon|statement|post|advisory|release)\b|(?P<ru>в заявлении)",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"\b(?:officials?|sources?|analysts?|experts?|observers?|critics?|residents?|diplomats?|witness(?:es)?|"
    r"people|someone|aides?|insiders?|lawmakers|senators|reports?|reporters|media|outlets?|survivors?|"
    r"relatives?|neighbors?|families|protesters|activists|spokesperson|spokesman|spokeswoman|person|they)\b",
    re.IGNORECASE,
)
_MID_RELATIVE = re.compile(r"^\s*(?:who|whom|whose|which)\b")
_OBJECT_RELATIVE = re.compile(r"^\s*(?:a quien(?:es)?|al que|a la que|a los que|a las que|whom|to whom)\b", re.I)
# Words before a country that make it the object of a verb rather than the subject of the clause.
_LEADING_PREDICATE = re.compile(r"\b(?!(?:the|a|an|el|la|los|las|de|del|of|and|y)\b)[a-záéíóúñ]{3,}\b")
_RELATIVE_SUBJECT = re.compile(r"\b(?:que|that|which)\s+$")
_BARE_VERB = re.compile(rf"^[\s,]*(?:{_ES_VERBS})\s*(?:[.;]|$)")
_SAYS_AFTER = re.compile(rf"\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?(?:{SPEECH_VERBS})\b")
_AGENT_BEFORE = re.compile(r"\b(?:by|por|contra|against)\s+(?:(?:the|el|la|los|las)\s+)?$")
_SUBJECT_REACH = 40  # characters from a sentence's start within which a name can be its subject
_INDEFINITE = re.compile(r"^\s*(?:a|an|one|another|some)\s+[a-z]", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-ZА-ЯЁ\"“«])")
_ASIDE = re.compile(r"^\s*(?:\w+ing|who|which|whose)\b")
_COMMA = re.compile(r",\s")
# "Phil Gunson, an analyst at the Crisis Group," / "Chevron, the only U.S. major still producing there,"
# "a spokesman", "the former minister", "the Mississippi Republican who chairs the committee": a description
_APPOSITIVE = re.compile(r"^\s*(?:(?:a|an)\s|the\s+[a-z]|the\s+(?:[A-Z][\w.’'-]+\s+){1,3}(?:[a-z]+\s+)?(?:who|that)\s)")
_GOVERNMENT_AFTER = re.compile(r"(?:[’']s)?\s+(government|regime)\b")
# The clause of a speech verb starts after the last subordinating word: "Airlines suspended flights after
# the FAA warned of …" — the FAA warned, not the airlines.
_SUBCLAUSE = re.compile(r"\b(?:after|as|when|while|because|since|before|until|once|whereas)\s+(?=\S)")
_POSSESSIVE_SAYING = re.compile(
    r"[’']s\s+(?:[a-z-]+\s+){0,2}(?:threats?|declaration|announcement|words|remarks|comments|statement|warning|"
    r"pledge|promise|vow|description|order|call|demand|message|post|claim|accusation|label)\b"
    r"|[’']s\s*$"  # Trump's "direct threat"
)
# "Trump ordered what he called a …", "in what U.S. officials described as a …": the words are the subject's
_WHAT_CALLED = re.compile(
    r"\bwhat\s+(?P<who>[^,;:]{1,60}?)\s+(?:has\s+|have\s+|had\s+)?(?:called|calls|described|describes|termed|terms|"
    r"dubbed|labell?ed|branded|characteri[sz]ed|considered|considers)(?:\s+as)?\s+(?:(?:a|an|the)\s+)?$"
    # "denunció lo que calificó como una …": Spanish drops the pronoun; the clause's subject speaks
    r"|\blo\s+que\s+(?P<es>)(?:calificó|califica|llamó|llama|denominó|denomina|describió|describe|consideró|"
    r"considera|tildó|tilda)(?:\s+(?:como|de))?\s+(?:(?:un|una|el|la|los|las)\s+)?$"
)
# "were described by Rear Adm. Jane Roe, the group's commander, as a …": the agent of the passive speaks
_DESCRIBED_BY = re.compile(
    r"\b(?:described|called|termed|characteri[sz]ed|labell?ed|dubbed|branded)\s+by\s+(?P<who>[^;:]{1,120}?),?"
    r"\s+as\s+(?:(?:a|an|the)\s+)?$"
)
# "…" in a statement read by Foreign Minister Yván Gil
_STATEMENT_BY = re.compile(
    r"^[\s,]*(?:in|on|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:statement|letter|message|post|video|speech|"
    r"address|communiqué|communique)\s+(?:read|issued|released|signed|delivered|posted|given)\s+(?:out\s+)?by\s+"
    r"(?P<who>[^,;:.\"“”«»\n]{1,80})"
)
# A part that opens with a verb continues an earlier subject: "Rodríguez, …, demanded Maduro's release and said"
_FULL_STOP = re.compile(
    r"\b(?!(?:Capt|Cmdr|Sgt|Gen|Col|Adm|Maj|Brig|Sen|Rep|Gov|Mrs|Prof|Rev|Sept|Corp)\.)\w{3,}[.!?]\s+[A-ZА-ЯЁ]"
)  # a sentence's end, not an abbreviated title's
_SPOKESPERSON = re.compile(r"^(?:a|an)\s+(?:company\s+|airline\s+|agency\s+)?spokes(?:person|man|woman)$")
# "Álvaro Uribe, rival de Petro, pidió": a lowercase middle part describes the subject
_LOWER_APPOSITIVE = re.compile(
    r"^\s*(?!(?:and|y|but|pero|who|quien|que|which|then|also)\b)[a-záéíóúñ-]+\s+(?:de|of|del|at|en)\s"
)
_PREPOSITION_START = re.compile(
    r"^(?:in|on|at|for|with|amid|during|despite|over|under|to|from|about|against"
    r"|por|en|contra|con|desde|durante|ante|sobre|tras|hacia|para|de|del)\s"  # "… por parte de EE.UU. y anunció"
)
_SPEAKER_LATER = re.compile(
    rf"^[^\"“”«»\n]*?,\s+(?P<who>[^,;:\"“”«»\n]{{1,80}}?)\s+(?:also\s+|later\s+)?(?:{SPEECH_VERBS})\b"
)
_PREDICATE_START = re.compile(r"^\s*(?:also\s+|later\s+|then\s+)?[a-z]+ed\b")
_PRONOUN_IN = re.compile(r"\b(?:he|she|He|She)\b|(?<!\w)(?:его|ее|её)(?!\w)")


@dataclass(frozen=True)
class Named:
    """Where an actor's name appears in the article (outside quotation marks)."""

    start: int
    end: int
    actor: ActorClaim


class SpeakerFinder:
    """Attribution for the quotes of one document, read in order (it remembers the last speaker)."""

    def __init__(self, doc: Document, actors: list[ActorClaim]) -> None:
        self.doc = doc
        self.quotes = [find_quotes(p.text) for p in doc.paragraphs]
        self.names = name_index(doc, actors, self.quotes)
        self.name_starts = [n.start for n in self.names]
        self.quoted = [
            (p.start + q.start, p.start + q.end) for p, qs in zip(doc.paragraphs, self.quotes, strict=True) for q in qs
        ]
        self.starts = [s.start for s in doc.sentences]
        self.last: tuple[int, str] | None = None  # (paragraph, speaker) of the previous attributed quote
        self.last_at = 0  # where that quote ended
        self.people = {a.name for a in actors if a.category == "person"}
        self.para = 0

    def speaker(self, pi: int, quotes: list[Quote], qi: int) -> str | None:
        """The speaker of quotes[qi] in paragraph pi, or None when it is unattributed or unnamed."""
        self.para = pi
        found = self._attribution(pi, quotes, qi)
        if found is None and self.last is not None:
            opens_paragraph = quotes[qi].start <= 1 and self.last[0] == pi - 1
            if self.last[0] == pi or opens_paragraph:
                found = self.last[1]
        if found == "":
            self.last = None
        elif found:
            self.last = (pi, found)
            self.last_at = self.doc.paragraphs[pi].start + quotes[qi].end
        return found or None

    def _attribution(self, pi: int, quotes: list[Quote], qi: int) -> str | None:
        """The speaker's name; "" for an unnamed source; None when the quote carries no attribution."""
        para = self.doc.paragraphs[pi]
        q = quotes[qi]
        after_end = quotes[qi + 1].start - 1 if qi + 1 < len(quotes) else len(para.text)
        raw_after = para.text[q.end : after_end]
        after = raw_after.lstrip("\"'”’»")
        if _BARE_VERB.match(after):  # "…", añadió: Spanish drops the subject
            clause, base = self._clause(pi, quotes, qi)
            own_subject = self._subject(clause, base) if clause.strip() else None
            return own_subject or self._pronoun(para.start + q.end)  # "Uribe pidió prudencia: «…», afirmó"
        read_by = _STATEMENT_BY.match(after)
        if read_by:
            who = self._resolve(
                read_by.group("who"), para.start + q.end + len(raw_after) - len(after) + read_by.start("who")
            )
            if who is not None:
                return who
        m = _AFTER.match(after)
        if m and m.group("who1") and _FULL_STOP.search(m.group("who1")):
            m = _AFTER.match(after[: m.start("who1")])  # '"…," Petro wrote on X, identifying the victim as X. He said'
        if m and after[m.end() : m.end() + 3].lstrip().startswith(":"):
            m = None  # '… the measure." Sen. Rand Paul, a co-sponsor, said: "…"': he introduces the next quote
        if m and m.group("who1") and _PREPOSITION_START.match(m.group("who1").strip()):
            m = None  # '"…" in the face of U.S. pressure, spokeswoman Maria Zakharova said': no subject there
        if m and m.group("who1") and _SUBORDINATE.match(m.group("who1").strip()):
            m = None  # "…," as the minister claimed — the quote is not the minister's
        if m and m.group("who1") and q.text[-1:] in ".!?" and _is_clause(m.group("who1")):
            m = None  # "….” Its shipments were unaffected, the company said": a new sentence, not an attribution
        if m and m.group("who1") and q.text.endswith(".") and after.lstrip()[:1].isupper():
            rest = after[m.end() :]
            stop = _SENTENCE_BREAK.search(rest)
            objects = re.findall(r"\w+", rest[: stop.start() if stop else len(rest)])
            if len(objects) > 6:
                m = None  # "….” Petro replied on X, writing that he …": the next sentence has a message of its own
            elif objects and self._clause_names_speaker(pi, quotes, qi):
                m = None  # 'Frydnes told the audience Machado had "…." Sosa read her lecture': the quote's own speaker
        if m and self._body_speaks(pi, quotes, qi, m.group("who1") or m.group("who2")):
            m = None  # the clause's institution speaks through "a spokesperson"
        if m:
            group = "who1" if m.group("who1") else "who2"
            at = para.start + q.end + len(raw_after) - len(after) + m.start(group)
            who = self._resolve(m.group(group), at)
            if who is None and group == "who1":  # '"…," Pearnel Charles, Jr., the minister of labor, said'
                start = para.start + q.end + len(raw_after) - len(after)
                who = self._resolve(after[: m.end("who1")], start)
            if who is not None:
                return who
            if _INDEFINITE.match(m.group(group)):
                return ""  # "…,' read a banner" / "a senior executive said": someone or something unnamed
        clause, base = self._clause(pi, quotes, qi)
        acc = _ACCORDING.search(clause)
        if acc:
            return self._resolve(acc.group("who"), base + acc.start("who")) or ""
        own = _SENTENCE_BREAK.search(after)
        acc = _ACCORDING.search(after, 0, own.start() + 1 if own else len(after))  # not the next sentence's source
        if acc and not (q.text[-1:] in ".!?" and after.lstrip()[:1].isupper()):
            return self._resolve(acc.group("who"), para.start + q.end + len(raw_after) - len(after) + acc.start("who"))
        what = _WHAT_CALLED.search(clause)
        if what:
            if what.group("who") is not None and not _PRONOUN.match(what.group("who").strip()):
                return self._resolve(what.group("who"), base + what.start("who"))
            before = clause[: what.start()]
            main_verbs = list(_CLAUSE_VERB.finditer(before)) or list(re.finditer(r"\b[a-z]+ed\b", before))
            return self._subject(before[: main_verbs[-1].start()] if main_verbs else before, base)
        described = _DESCRIBED_BY.search(clause)
        if described:
            return self._resolve(described.group("who"), base + described.start("who"))
        quoted_by = _QUOTED_BY.search(clause)
        if quoted_by:
            who = self._resolve(quoted_by.group("who"), base + quoted_by.start("who"))
            if who:
                return who
        saying = list(_POSSESSIVE_SAYING.finditer(clause))
        verbs = list(_CLAUSE_VERB.finditer(clause))
        # "condemned Trump's declaration that the airspace be considered 'closed'": the words reported are his
        reported = bool(saying) and re.match(r"\s+that\b", clause[saying[-1].end() :]) is not None
        reported = reported and not any(v.start() >= saying[-1].end() for v in verbs)
        if saying and (not verbs or saying[-1].end() == len(clause) or reported):
            # "after Trump's declaration of a 'total blockade'": the owner of the words speaks
            at = base + saying[-1].start()
            owner = [n for n in self._between(at - 200, at) if n.end <= at <= n.end + 1]
            if owner:
                return self._named(owner[-1])
        if verbs:
            found = self._subject(clause[: verbs[-1].start()], base)
            if not found and qi > 0:
                found = self._sentence_subject(pi, quotes, qi, base + verbs[-1].start()) or found
            return found
        return self._speaker_later(para.start + q.end + len(raw_after) - len(after), after)

    def _clause_names_speaker(self, pi: int, quotes: list[Quote], qi: int) -> bool:
        """Whether the quote's own sentence has a speech verb whose subject is named before the quote."""
        clause, base = self._clause(pi, quotes, qi)
        verbs = list(_CLAUSE_VERB.finditer(clause))
        return bool(verbs) and bool(self._subject(clause[: verbs[-1].start()], base))

    def _body_speaks(self, pi: int, quotes: list[Quote], qi: int, who: str) -> bool:
        """'Copa Airlines said it would fly "while conditions allow," a spokesperson said': the institution
        that is the subject of the quote's clause speaks through its unnamed spokesperson."""
        if not _SPOKESPERSON.match(who.strip()):
            return False
        clause, base = self._clause(pi, quotes, qi)
        verbs = list(_CLAUSE_VERB.finditer(clause))
        if not verbs:
            return False
        names = self._between(base, base + verbs[-1].start())
        return bool(names) and names[0].actor.category in ("organization", "group")

    def _sentence_subject(self, pi: int, quotes: list[Quote], qi: int, verb_at: int) -> str | None:
        """'Trump said the US would "run" Venezuela and suggested firms would invest "billions"': when the
        clause after the previous quote names no speaker, the subject of the whole sentence speaks."""
        para = self.doc.paragraphs[pi]
        before = para.text[: verb_at - para.start]
        sentences = split_sentences(before)
        start = sentences[-1].start if sentences else 0
        if start >= quotes[qi - 1].start:
            return None  # the previous quote is in another sentence
        return self._subject(before[start : quotes[qi - 1].start], para.start + start) or None

    def _speaker_later(self, at: int, after: str) -> str | None:
        """'Russia will "not leave Venezuela alone" in the face of pressure, spokeswoman Maria Zakharova said':
        a quoted fragment whose sentence names its speaker after a comma further on."""
        stop = _SENTENCE_BREAK.search(after)
        m = _SPEAKER_LATER.search(after, 0, stop.start() + 1 if stop else len(after))
        if m is None or _SUBORDINATE.match(m.group("who").strip()):
            return None
        return self._resolve(m.group("who"), at + m.start("who"))

    def _clause(self, pi: int, quotes: list[Quote], qi: int) -> tuple[str, int]:
        """The text of the quote's own sentence before it (and its offset); a colon-ended paragraph before
        a paragraph-opening quote counts ("Trump wrote on Truth Social:⏎"…")."""
        para = self.doc.paragraphs[pi]
        before_start = quotes[qi - 1].end + 1 if qi > 0 else 0
        before = para.text[before_start : max(before_start, quotes[qi].start - 1)]
        if not before.strip() and pi > 0 and self.doc.paragraphs[pi - 1].text.rstrip().endswith(":"):
            prev = self.doc.paragraphs[pi - 1]
            cut = max((b.end() for b in _SENTENCE_BREAK.finditer(prev.text)), default=0)
            return prev.text[cut:], prev.start + cut
        if re.search(r"[.!?]\s*$", before):
            return "", para.start + before_start + len(before)
        sentences = split_sentences(before)
        cut = sentences[-1].start if sentences else 0
        return before[cut:], para.start + before_start + cut

    def _subject(self, subject: str, base: int) -> str | None:
        """The speaker of "Regarding Maduro, he limited himself to saying": read the comma-separated parts of
        the clause from the last; in the first part that names someone, a person (or a pronoun or "the
        president" before any person) wins, then an institution unless an unnamed source comes first.
        "" for an unnamed source or a bare country; None when the clause names no one ("and claimed")."""
        parts = _COMMA.split(subject)
        end = len(subject)
        object_next = False
        for k in range(len(parts) - 1, -1, -1):
            part = parts[k]
            at = base + end - len(part)
            end -= len(part) + 2
            if object_next:
                object_next = False
                continue  # the one asked or told, not the one who spoke
            if 0 < k < len(parts) - 1 and _MID_RELATIVE.match(part):
                continue  # "González, whom the opposition says won, called it": a description, the name speaks
            if k > 0 and _OBJECT_RELATIVE.match(part):
                object_next = True  # "…contra Gustavo Petro, a quien pidió": Petro is asked
                continue
            if k > 0 and (_APPOSITIVE.match(part) or (k < len(parts) - 1 and _LOWER_APPOSITIVE.match(part))):
                continue  # "Phil Gunson, an analyst at the Crisis Group, said": a description of the speaker
            pronoun = _PRONOUN_IN.search(part)
            if pronoun and not part[pronoun.end() :].strip():
                return self._pronoun(at + pronoun.start()) or ""  # "under Petro, who he claimed"
            if _ASIDE.match(part) and k < len(parts) - 1:
                continue  # "Maduro, speaking at an event before Trump's post, said": an aside
            if k > 0 and _PREDICATE_START.match(part):
                continue  # "Rodríguez, …, demanded Maduro's release and said": Maduro is an object
            found = self._part_speaker(part, at, pronoun)
            if found is not None:
                return found
        return None

    def _part_speaker(self, part: str, at: int, pronoun: re.Match[str] | None) -> str | None:
        sub = next(reversed(list(_SUBCLAUSE.finditer(part))), None)
        if sub is not None and self._between(at + sub.end(), at + len(part)):
            at += sub.end()  # only when the subordinate clause names someone of its own
            part = part[sub.end() :]
            pronoun = _PRONOUN_IN.search(part)
        inside = [n for n in self._between(at, at + len(part)) if n.end <= at + len(part)]
        role = _THE_ROLE.search(part)
        people = [n for n in inside if n.actor.category == "person"]
        firsts = sorted(
            [(n.start - at, "name", n) for n in people[:1]]
            + ([(pronoun.start(), "pronoun", None)] if pronoun else [])
            + ([(role.start(), "role", None)] if role else [])
        )
        if firsts:
            _, kind, named = firsts[0]
            if kind == "name" and named is not None:
                return self._named(named)
            if kind == "pronoun":
                return self._pronoun(at + firsts[0][0]) or ""
            return self._role(role.group("role"), at) if role else None
        # "sanciones impuestas por el Departamento del Tesoro": the agent of a passive is no subject
        inside = [n for n in inside if not _AGENT_BEFORE.search(self.doc.text, max(0, n.start - 16), n.start)]
        bodies = [n for n in inside if n.actor.category in ("organization", "group")]
        unnamed = _UNNAMED.search(part)
        if bodies and not (unnamed and unnamed.start() < bodies[0].start - at):
            return bodies[0].actor.name
        if inside and not unnamed:
            lead = part[: inside[0].start - at]
            relative = _RELATIVE_SUBJECT.search(lead)  # "en una visita que Moscú calificó de": Moscow speaks
            if inside[0].actor.category == "country" and _LEADING_PREDICATE.search(lead) and not relative:
                return None  # "condenó la operación de Estados Unidos y afirmó": the country is an object
            return self._named(inside[0])  # "" for a bare country, "Venezuelan government" for its government
        if unnamed:
            return ""  # "officials said"
        if re.search(r"\bit\s*$", part):
            return self._recent(at, lambda a: a.category in ("organization", "group"))  # "vessels it described as"
        return self._resolve(part, at)

    def _named(self, n: Named) -> str:
        """The speaker a name stands for: "The Maduro regime", "the Venezuelan government" keep their head noun."""
        head = _GOVERNMENT_AFTER.match(self.doc.text, n.end)
        if head and head.group(0)[:1] in "’'" and n.actor.category == "country":
            return n.actor.name  # "Venezuela's government": the country itself, as it is written
        if head:
            return f"{self.doc.text[n.start : n.end]} {head.group(1)}"
        return _speaker_name(n.actor)

    def _resolve(self, who: str, at: int) -> str | None:
        """Who is meant by `who` (the text at offset `at`): a named actor, a pronoun, or "the ministry"."""
        tail = who.strip()
        if _PRONOUN.search(tail):
            return self._pronoun(at)
        inside = [n for n in self._between(at, at + len(who) + 1) if n.end <= at + len(who) + 1]
        if inside:
            return _speaker_name(min(inside, key=_subject_rank).actor)
        if re.match(r"^it\b", tail, re.IGNORECASE):
            return self._recent(at, lambda a: a.category in ("organization", "group"))
        if _PRONOUN.search(tail):
            return self._pronoun(at)
        role = _THE_ROLE.search(tail)
        if role:
            return self._role(role.group("role"), at)
        body = _THE_BODY.search(tail)
        if body:
            head = (body.group("head") or "statement").lower()
            fits_head = self._recent(at, lambda a: a.category in ("organization", "group") and _head_fits(head, a))
            if fits_head or head in ("administration", "government"):
                return fits_head  # "the administration has told lawmakers": no institution of that name here
            return self._recent(at, lambda a: a.category == "organization")
        if _UNNAMED.search(tail):
            return ""
        return None

    def _pronoun(self, at: int) -> str | None:
        """For "he said": the person last quoted nearby, else the first person named in the nearest sentence
        before this one (names in the pronoun's own sentence are mostly its objects)."""
        current = self.doc.sentences[max(0, bisect.bisect_right(self.starts, at) - 1)].start
        if self.last is not None and self.last[0] >= self.para - 1 and self.last[1] in self.people:
            subjects = self._sentence_subjects(self.last_at, current)
            if all(name == self.last[1] for name in subjects):
                return self.last[1]  # unless a new person took over: "Elliott Abrams disagreed. He argued …"
        if _UNNAMED.search(self._unquoted(current, at)) and not any(
            n.actor.category == "person" for n in self._between(current, at)
        ):
            return ""  # "A Pentagon spokesperson, quoted by US media, was more forceful: he called …"
        people = [n for n in self._between(0, current) if n.actor.category == "person"]
        if not people:
            return None
        last_sentence = bisect.bisect_right(self.starts, people[-1].start)
        first = next(n for n in people if bisect.bisect_right(self.starts, n.start) == last_sentence)
        return first.actor.name

    def _sentence_subjects(self, start: int, end: int) -> list[str]:
        """The first person named in each sentence between two offsets, when named near the sentence's start
        (a subject); "La mandataria evitó hablar de Nicolás Maduro" does not make Maduro the next "he"."""
        firsts: dict[int, str] = {}
        for n in self._between(start, end):
            if n.actor.category == "person":
                k = bisect.bisect_right(self.starts, n.start)
                if k not in firsts and n.start - self.starts[k - 1] <= _SUBJECT_REACH:
                    firsts[k] = n.actor.name
        return list(firsts.values())

    def _unquoted(self, start: int, end: int) -> str:
        """The text between two offsets with quoted words blanked out."""
        chars = list(self.doc.text[start:end])
        for s, e in self.quoted:
            for k in range(max(s, start), min(e, end)):
                chars[k - start] = " "
        return "".join(chars)

    def _between(self, start: int, end: int) -> list[Named]:
        """The names that start in [start, end), in text order."""
        return self.names[bisect.bisect_left(self.name_starts, start) : bisect.bisect_left(self.name_starts, end)]

    def _role(self, role: str, at: int) -> str | None:
        """For "the Venezuelan leader said": the person last titled so, else the person last named."""
        return self._recent(at, _is_person, role=role.lower()) or self._recent(at, _is_person)

    def _recent(self, at: int, fits: Callable[[ActorClaim], bool], role: str | None = None) -> str | None:
        recent_speaker = self.last is not None and self.last[0] >= self.para - 1 and self.last[1] in self.people
        if role and self.last is not None and recent_speaker:
            titled = any(
                n.actor.name == self.last[1] and role in self.doc.text[max(0, n.start - 40) : n.start].lower()
                for n in self._between(0, at)
            )
            if titled:
                return self.last[1]  # "the president said" right after the president was quoted
        before = self._between(0, at)
        if role:
            # the person titled so who last spoke: "President Trump called President Gustavo Petro … Trump also
            # said …. "…," the president said" is Trump
            so_titled = {n.actor.name for n in before if role in self.doc.text[max(0, n.start - 40) : n.start].lower()}
            for n in reversed(before):
                if n.actor.name in so_titled and fits(n.actor) and _SAYS_AFTER.match(self.doc.text, n.end):
                    return _speaker_name(n.actor)
        for n in reversed(before):
            if not fits(n.actor):
                continue
            if role and role not in self.doc.text[max(0, n.start - 40) : n.start].lower():
                continue
            return _speaker_name(n.actor)
        return None


_LOWER_WORD = re.compile(r"(?<![\w’'.])(?!(?:the|a|an|of|and|to|in|for|de|del|la|los)\b)[a-z][\w’'-]*")


def _is_clause(who: str) -> bool:
    """Four lowercase content words or more: a sentence of its own, not a speaker's name and title."""
    return len(_LOWER_WORD.findall(who)) >= 4


def _is_person(actor: ActorClaim) -> bool:
    return actor.category == "person"


def _subject_rank(n: Named) -> tuple[int, int]:
    """People before institutions before countries ("UN rights chief Volker Türk"), then text order."""
    order = {"person": 0, "organization": 1, "group": 1}.get(n.actor.category, 2)
    return (order, n.start)


def _speaker_name(actor: ActorClaim) -> str:
    """A country is not a speaker ("Venezuela called it …" is its government, unnamed): ""."""
    return "" if actor.category == "country" else actor.name


def _head_fits(head: str, actor: ActorClaim) -> bool:
    if head in ("statement", "post", "advisory", "release", "company", "airline", "carrier"):
        return actor.category == "organization"
    names = " ".join((actor.name, *actor.aliases)).lower()
    return head in names or (head == "military" and actor.category == "organization")


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
    for _, run_start, run_end in doc.name_runs:
        k = bisect.bisect_right(quoted_starts, run_start) - 1
        if not (k >= 0 and run_start < quoted[k][1]):
            out.extend(_names_in_run(doc.text, chunk_words(doc.text[run_start:run_end], run_start), forms, longest))
    return out


def _names_in_run(
    text: str, words: list[tuple[str, int, int]], forms: dict[str, ActorClaim], longest: int
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
