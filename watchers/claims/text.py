"""Prepare an article's text for claim extraction: drop boilerplate, split paragraphs and sentences.

Every span keeps its character offsets into the original text, so each claim can point at its evidence.
Boilerplate (link lists, ads, sign-up blurbs, bylines, photo credits, share buttons, contributor lines,
embedded-post signatures) is left out of `Document.paragraphs`. What stays but must not be read as
claims is described alongside: inline credits ("(John Doe/AP Photo)") in `Document.masked`, the piece's
authors in `Document.bylines`, paragraphs that reproduce an embedded post in `Document.posts`.
`Document.name_runs` (runs of capitalised words) is computed once and shared by the actor and statement
extractors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from watchers.models import Article


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index into Document.paragraphs


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int
    end: int


_NON_SPACE = re.compile(r"\S+")


def chunk_words(chunk: str, base: int) -> list[tuple[str, int, int]]:
    """The words of a capitalised run, with their offsets (base = the run's offset)."""
    words = [(m.group(0), base + m.start(), base + m.end()) for m in _NON_SPACE.finditer(chunk)]
    if '"' in chunk or "“" in chunk:
        words = [w for w in words if w[0][0] not in '"“']  # a nickname: Frank "Mitch" Bradley
    return words


@dataclass(frozen=True)
class Document:
    article: Article
    paragraphs: tuple[Paragraph, ...]  # boilerplate already removed
    sentences: tuple[Sentence, ...]
    masked: tuple[tuple[int, int], ...] = ()  # inline credits/bylines inside kept paragraphs (offsets)
    bylines: tuple[str, ...] = ()  # names of the piece's authors, photographers and editors
    posts: frozenset[int] = frozenset()  # paragraphs that reproduce an embedded post (tweet, X post)
    headings: frozenset[int] = frozenset()  # title-case paragraphs: their capitals say nothing about names
    languages: tuple[str | None, ...] = ()  # per paragraph: "en", "es", "de", "fr", "pt", "ru", "other" or None
    # Whether the extractors say why (`claimwatch extract --explain`): off, nothing explain-only is computed.
    explain: bool = False

    def language(self, sentence: int) -> str | None:
        """The language of a sentence's paragraph (None: too short to tell)."""
        return self.languages[self.sentences[sentence].paragraph] if self.languages else None

    def supported(self, sentence: int) -> bool:
        """Whether names in this sentence may be guessed from their capitals (a language we read)."""
        return self.language(sentence) in SUPPORTED_LANGUAGES

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def name_run_words(self) -> tuple[tuple[tuple[str, int, int], ...], ...]:
        """The words of each name run (in `name_runs` order) with their offsets: read once for every reader."""
        return tuple(tuple(chunk_words(self.text[start:end], start)) for _, start, end in self.name_runs)

    @cached_property
    def name_runs(self) -> tuple[tuple[int, int, int], ...]:
        """Runs of capitalised words ("Secretary of State Marco Rubio"): (sentence index, start, end)."""
        return tuple(
            (si, s.start + m.start(), s.start + m.end())
            for si, s in enumerate(self.sentences)
            for m in NAME_RUN.finditer(s.text)
        )


# A word that can be part of a name: initials, abbreviated titles, capitalised words (Latin or Cyrillic).
_NAME_WORD = (
    r"(?:(?:[A-Z]\.){2,}|[A-WYZ]\.(?=\s[A-Z])|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Adm|Sgt|Capt|Cmdr|St|"
    r"Jr|Sr|Prof|Brig|Rev)\.|[@A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'&@.]*(?:-(?:[A-ZÀ-ÞА-ЯЁ]|au-|de-|la-|el-)[\w’'&@.]*)*(?<![’'.]))"
)
_BODY_HEADS = (
    "Council Office Committee Commission Center Centre Institute Movement Ministry Department Agency Bureau Foundation "
    "Society Alliance Coalition Network Organization Organisation Association Union Front Party Fund Court"
)
_BODY_HEAD_BEFORE = "|".join(rf"(?<={head}[ \t])" for head in _BODY_HEADS.split())
_NAME_CONNECTOR = (
    r"(?:de|del|de la|de los|de las|la|las|los|da|das|do|dos|di|du|van|von|der|den|bin|ibn|al|el|y|"
    r"of|of the|and|and the|&|"
    # An official title keeps its "on"/"for" after a body's head word: "Council on Foreign Relations", "Movement for
    # Social Justice", "Office for the Coordination of Humanitarian Affairs"
    rf"(?:{_BODY_HEAD_BEFORE})(?:on|for(?:[ \t]+the)?)"
    r"(?=[ \t]+[A-Z][a-z]+(?:[ \t]+(?:[A-Z][a-z]|and[ \t]|of[ \t])|[ \t]*$))"
    r"(?![ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b))"
)
# Frank "Mitch" Bradley, Héctor "Niño" Guerrero: one name
_NICKNAME = r"[\"“][A-ZÀ-Þ][a-zß-ÿ’']+[\"”](?=[ \t]+[A-ZÀ-Þ])"
# (A name word opens with a capital or "@": the lookahead drops every other position before the lookbehind runs.)
NAME_RUN = re.compile(
    rf"(?=[@A-ZÀ-ÖØ-ÞА-ЯЁ])(?<![\w@]){_NAME_WORD}(?:[ \t]+(?:{_NAME_CONNECTOR}[ \t]+|{_NICKNAME}[ \t]+)?{_NAME_WORD})*"
    r"(?:[ \t]+(?:administration|cartel|gang))?(?![\w@])"
)


# Abbreviations after which a period does not end a sentence (titles, months, US states, initials; not "on X.").
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Adm|Sgt|Capt|Cmdr|Cpl|Pvt|Sen|Sens|Rep|Reps|Gov|Pres|Amb|Gen|Rev|St|"
    r"Mt|Ft|Jr|Sr|No|Nos|vs|etc|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|"
    r"Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|a\.m|p\.m|e\.g|i\.e)\.|\b[A-WYZ]\.|\b(?:[A-Z]\.){2,})$"
)
_SENTENCE_END = re.compile(r"(?:[.!?]|\.\.\.|…)[\"'”’)\]]*\s+(?=[\"'“‘«(\[]?[A-ZА-ЯЁ0-9])")


def split_sentences(text: str, offset: int = 0, paragraph: int = 0) -> list[Sentence]:
    """Split one paragraph into sentences, skipping abbreviations like "U.S." and "Gen."."""
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV.search(text, max(start, m.start() - 12), m.start() + 1):
            continue
        _append(out, text, start, m.end(), offset, paragraph)
        start = m.end()
    _append(out, text, start, len(text), offset, paragraph)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int, paragraph: int) -> None:
    raw = text[start:end]
    chunk = raw.strip()
    if chunk:
        s = start + (len(raw) - len(raw.lstrip()))
        out.append(Sentence(chunk, offset + s, offset + s + len(chunk), paragraph))


# A paragraph that starts like one of these is navigation, promotion or a link-list header.
_BOILER_START = re.compile(
    r"^\W{0,3}(?:read more|related(?: \w+)?:|more in [A-Z][\w ]{0,30}$|further reading|caption:|more on this|"
    r"sign up|subscribe|newsletter|advertisement|sponsored|download the app|skip to|please ensure javascript|"
    r"share this|share on|follow us|report an error|copyright|©|all rights reserved|click here|watch:|listen:|"
    r"photo:|image:|video:|file photo|illustrative photo|author:|by:|"
    r"written by|editing by|reporting by|this article (?:is|was) written by|join our|get the latest|"
    r"get your news|leave a comment|comments|tags?:|filed under|posted in|updated|обновлено|"
    r"also on [A-Z][\w ]{0,30}:|a version of this (?:article|story) appear(?:s|ed) in print|see more on:|"
    # contact and promotion lines that close a piece: "Write to Jo Roe at …", "Like this story? Share it …"
    r"see more:|also on \w+\.\w+\b|additional reporting by|write to [A-Z]|reach the reporters? |have a tip\?|"
    r"like this (?:story|article)\?|if you enjoyed this|this copy is for your personal|this article has been sent to)",
    re.IGNORECASE,
)
_LIST_HEADER = re.compile(
    r"^\W{0,3}(?:read these next|related(?: articles| stories| coverage| news)?|more (?:from|in)(?: [\w ]{1,30})?|"
    r"recommended(?: stories)?|you may also like|you might also like|most read|trending now|more stories|latest news|"
    r"top stories|editor[’']?s picks|explore more on these topics|more on this story|related topics|topics|read more|"
    r"read next|read also|also read|latest stories|latest|lea también|lee también|te puede interesar|"
    r"noticias relacionadas|más noticias|otras noticias|más información|leia também|veja também|mais notícias|"
    r"читайте также)(?P<label>\s*:)?\W*",
    re.IGNORECASE,
)
# Inline tails: a link list glued to the end of a paragraph ("... airstrikes. Read These Next Poster freed ...").
_INLINE_TAIL = re.compile(
    r"\s(?:Read These Next|Read More:|Related Articles|Related Stories|Recommended Stories|Report an error)\b.*$", re.S
)
_CONTRIBUTED = re.compile(r"contributed (?:to this report|reporting)|contributed to this story", re.IGNORECASE)
POST_LINK = re.compile(r"pic\.twitter\.com/|https?://t\.co/")
_AD_CALL = re.compile(r"\bclick here\b|\bsign up\b|\bsubscribe now\b|\bdonate\b", re.IGNORECASE)
_POST_SIGNATURE = re.compile(r"^\s*[—–-]\s*[^\n]{1,80}\(@\w+\)\s*\w+\s+\d{1,2},\s*\d{4}\s*$")
# A caption's credit at the end of its line: the credit goes, the caption (article text) stays.
# "(Photo: Ana Diaz/AP)", "(credit: NASA/Jo Lee) |", "… at dawn. Photo by Jo Lee", "… at dawn. Jo Lee/Getty Images"
_AGENCIES = r"Getty Images|AP|Reuters|AFP|EPA|Shutterstock|Bloomberg|Xinhua|Anadolu|[A-Z]\w+ Photos?"
_TRAILING_CREDIT = re.compile(
    r"\s*\((?=[^()]{0,160}\))[^()]*\b(?:Photo|photo|Photos|photos|Credit|credit|Image|image|Getty|AP|Reuters|AFP|EPA|"
    r"Courtesy|courtesy|File|Shutterstock)\b[^()]*\)[\s|]*$"
    r"|(?:(?<=[.!?\"”’])|^)\s*(?:Photo|Photograph|Picture|Image)s?(?: credit)?(?::|\s+by)\s*[^.!?\n]{1,80}$"
    r"|(?:(?<=[.!?\"”’])|^)\s*Credits?:\s*[^.!?\n]{1,80}$"
    rf"|(?:(?<=[.!?\"”’])|^)\s*(?:[A-Z][\w.’'-]*\s){{0,3}}[A-Z][\w.’'-]*\s?/\s?(?:{_AGENCIES})\s*\.?$"
)
# A promoted link tagged by its kind: "Plane passengers quarantined after outbreak [VIDEO]"
_TAGGED_TEASER = re.compile(r"\[(?:[A-Z]{3,}|Video|Pics|Photos|Watch)\]\W*$")
# Contact and follow lines: an e-mail address or a profile link in a short paragraph, "Follow her on Twitter"
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!pic\.)\btwitter\.com/\w"
    r"|\bfollow\b[^.!?]{0,60}\b(?:on|at)\s+(?:Twitter|Facebook|Instagram|YouTube|LinkedIn|TikTok|X\b|Threads|Bluesky)"
    r"|\bfollow\b[^.!?]{0,40}\bcoverage\b|\bfollow (?:him|her|them|me|us) @",
    re.IGNORECASE,
)


_CREDIT_TAIL = 300  # characters: longer than any credit the pattern admits
_CREDIT_WORDS = ("Photo", "Picture", "Image", "Credit")


def strip_credit(line: str) -> str:
    """The line without the credit at its end ("… at dawn. (Photo: Ana Diaz/AP)" → "… at dawn.")."""
    if len(line) > 600:  # a caption is short; a long paragraph ending in a parenthesis is prose
        return line
    # Only the tail can hold a credit (each branch is bounded to ~200 characters before the end): searching
    # from there keeps the `$`-anchored pattern from being tried at every position of the line.
    start = max(0, len(line) - _CREDIT_TAIL)
    tail = line[start:]
    if not (tail.rstrip(" \t\r\n|").endswith(")") or "/" in tail or any(w in tail for w in _CREDIT_WORDS)):
        return line  # no branch can match: a closing parenthesis, a slash or a credit word is in each
    m = _TRAILING_CREDIT.search(line, start)
    return line[: m.start()].rstrip() if m else line


# Inline credits and signatures, each with a literal that must occur for it to be worth a search.
_CREDITS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "(",
        re.compile(
            r"\([^()]{0,80}(?:Photo|photo|Getty|/AP|via AP|/Reuters|/AFP|Courtesy|courtesy|Video:|Image:)[^()]{0,80}\)"
        ),
    ),
    ("(@", re.compile(r"[—–-]\s[^—–\n]{1,80}\(@\w+\)\s*(?:\w+\s+\d{1,2},\s*\d{4})?")),  # embedded post signature
    ("pic.twitter", re.compile(r"pic\.twitter\.com/\w+")),
    # "WASHINGTON (Wire International) —": the agency of a dateline
    (") ", re.compile(r"(?:^|(?<=[A-Z] ))\([A-Z][\w.&’' -]{1,40}\)(?=\s*[—–-]\s)", re.MULTILINE)),
    ("/", re.compile(r"/\s?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,2}\.?\s*$", re.MULTILINE)),  # "… in Caracas/ Jane Doe."
    ("By", re.compile(r"\bBy\s+(?:[A-Z][\w.’'-]+\s){1,3}(?=with|Posted|Updated|Published|\||–|—|-|\d)")),
)
# A person link glued to its hover card: the name again without a space, the card's headlines, "MORE"
# ("Rep. Jo RoeJo RoeSenate passes bill | House votes MORE (D-Ohio) said"): the card is masked.
_HOVER_CARD = re.compile(
    r"(?P<first>[A-Z][\w’'-]+) (?:[A-Z][\w.’'-]* ){0,2}[A-Z][\w’'-]*?[a-z](?P<card>(?P=first)\b[^\n]{0,1000}?\sMORE\b)"
)
_AGENCY_CREDIT = re.compile(r"\s?/\s?(?:Getty Images|AP|Reuters|AFP|EPA|Bloomberg|[A-Z]\w+ Photo)\b")
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w.’'-]+\s){0,3}[A-Z][\w.’'-]+$")
# "By"/"by"/"Author:" as a word. Each branch opens with its letter and checks the word boundary after it, so the
# search skips to those letters (a pattern opening with `\b` is tried at every position of the text).
_BY = re.compile(r"(?:B(?<!\wB)y:?|b(?<!\wb)y:?|A(?<!\wA)uthor:)[ \t]+")
_BYLINE_LEAD = re.compile(
    r"(?:^|\b(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Pp]hotos?|[Pp]hotographs?|[Ww]ritten|[Cc]ompiled|[Ee]dited|"
    r"[Ss]ketch(?:es)?|[Ii]llustrations?|[Dd]rawings?|[Gg]raphics?|[Cc]artoon|[Vv]ideo|"
    r"[Pp]ublished|[Pp]osted|[Aa]dditional reporting)[ \t]+)$",
    re.MULTILINE,
)
_BYLINE_OUTLET = re.compile(r"[^\n–—]{0,40}\s[–—]\s")  # "By Major League Baseball – Jane Doe"
_NAME_PART = r"[A-ZÀ-Þ](?:[’'][A-Z]|c[A-Z])?[a-zà-ÿ’'.]+(?:-[A-ZÀ-Þ]?[a-zà-ÿ’']+)*"  # also O'Rourke, McKay
_BYLINE_ROLE = re.compile(r"\b(?:Editor|Correspondent|Reporter|Writer|Columnist|Photographer|Producer)s?\b")
_BYLINE_PERSON = re.compile(rf"(?:{_NAME_PART}[ \t]){{1,2}}{_NAME_PART}")  # one line: no date on the next


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Photo credits, embedded-post signatures and inline bylines inside kept paragraphs."""
    spans = [(m.start(), m.end()) for gate, rx in _CREDITS if gate in text for m in rx.finditer(text)]
    if "MORE" in text:
        spans.extend(m.span("card") for m in _HOVER_CARD.finditer(text))
    if "/" in text:
        for m in _AGENCY_CREDIT.finditer(text):  # "Chip Somodevilla/Getty Images"
            name = _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
            spans.append((name.start() if name else m.start(), m.end()))
    return spans


_ENDS_A_SENTENCE = re.compile(r"[.!?\"”»]$")


def is_boilerplate(paragraph: str) -> bool:
    """Navigation, promotion, link-list headers, sign-up blurbs, credits and embedded-post signatures."""
    p = paragraph.strip()
    if not p:
        return True
    if _BOILER_START.match(p) or _POST_SIGNATURE.match(p) or ((h := _LIST_HEADER.match(p)) and _header(p, h)):
        return True
    if p[:3].lower() == "by " and is_heading(p):
        return True  # a byline is a title-case line after "By": "By Ana Ruiz, Omar Haddad | Politics Desk"
    if len(p) < 200 and _AD_CALL.search(p):
        return True
    if len(p) < 300 and _CONTRIBUTED.search(p):
        return True
    p = strip_credit(p)  # a credit alone ("Photo: Jo Lee/AFP") is nothing; a caption with it is article text
    if not p:
        return True
    if len(p) < 300:
        low = p.lower()  # each pattern needs its literal: searched only where it occurs
        if ("@" in p or "twitter.com" in low or "follow" in low) and _CONTACT.search(p):
            return True
        if "]" in p and _TAGGED_TEASER.search(p):
            return True
    # Widgets and stray labels: very short lines with no sentence punctuation ("ua en ru", "08:03").
    return len(p) < 25 and not _ENDS_A_SENTENCE.search(p) and len(p.split()) < 4


# --------------------------------------------------------------------------- layout and language of a line

# A "list 2 of 4" widget: numbered teaser links, whatever header (if any) came before them.
_LIST_WIDGET = re.compile(r"\blist \d+ of \d+", re.IGNORECASE)
# A dated label line ("Jane Roe, Wire Service February 14, 2026 at 4:03 AM"): a byline or a timestamp.
_DATED_LABEL = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b"
    r"|\b\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|ET|EST|EDT)\b"
)
_SENTENCE_PUNCT_END = re.compile(r"[.!?:;\"”»’…)]\s*$")
_LONG_WORD = re.compile(r"[A-Za-zÀ-ÿА-Яа-яЁё][\w’'-]{3,}")


def is_heading(line: str) -> bool:
    """A subhead, a teaser link or a names-only byline: Title Case, no sentence punctuation at the end."""
    line = line.strip()
    if _SENTENCE_PUNCT_END.search(line) or len(line) > 160:
        return False
    words = _LONG_WORD.findall(line)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


# Short words a sentence writes in lowercase and a Title Case line capitalises ("Arrives At The Port On Day")
_CAPITALISED_SMALL_WORD = re.compile(r"(?<=\S )(?:A|An|The|At|On|In|Of|For|To|With|From|And|By)(?= )")


def _title_case_caption(line: str) -> bool:
    """A Title Case caption ending in a period: its capitals say no more about names than a headline's."""
    line = line.strip()
    return line.endswith(".") and len(_CAPITALISED_SMALL_WORD.findall(line)) >= 2 and is_heading(line[:-1])


def _is_label(line: str) -> bool:
    """Page furniture by its layout: a list widget's item, or a short dated line that is no sentence."""
    line = line.strip()
    if "ist " in line and _LIST_WIDGET.search(line):
        return True
    return len(line) < 100 and not _SENTENCE_PUNCT_END.search(line) and _DATED_LABEL.search(line) is not None


# The commonest short words of each language we may meet (not those that are English words too: "a", "no", "die"):
# a paragraph is in the language whose words it uses most.
_STOPWORDS = {
    "en": "the and of to in is was that for on with said has have by from as at it are were be this he she they",
    "es": "el la los las de del que y en un una por con para es se su sus al lo como más fue dijo este esta",
    "pt": "o os da dos das em um uma para com não que se por na foi pelo pela ao mais",
    "fr": "le la les et est des du un une dans pour que qui sur au aux pas avec ce il elle sont été",
    "de": "der das und ist nicht mit sich auf für dem den ein eine im zu von wurde sind seien auch nach",
}
_LANGUAGES_OF: dict[str, list[str]] = {}
for _lang, _words in _STOPWORDS.items():
    for _word in _words.split():
        _LANGUAGES_OF.setdefault(_word, []).append(_lang)
# Languages whose names we guess from capitals and titles; elsewhere only names the lexicon knows are read.
SUPPORTED_LANGUAGES = frozenset({"en", "es", "ru", None})
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u2000-\u206f\u20ac]")  # beyond Latin letters, punctuation and €
_CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁё]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_OTHER_LETTER = re.compile(r"[^\W\dA-Za-zÀ-ÿА-Яа-яЁё_]")  # Arabic, Chinese, …


def detect_language(text: str) -> str | None:
    """The paragraph's language by its script, then its stopwords; None when too short to tell."""
    text = text[:250]  # the first words tell the language as well as the whole paragraph
    if not text.isascii() and _NON_LATIN.search(text):
        latin = len(_LATIN_LETTER.findall(text))
        if len(_CYRILLIC_LETTER.findall(text)) > latin:
            return "ru"
        if len(_OTHER_LETTER.findall(text)) > latin:
            return "other"  # no capitals to read names by
    hits: dict[str, int] = {}
    for word in text.lower().split():
        for lang in _LANGUAGES_OF.get(word, ()):
            hits[lang] = hits.get(lang, 0) + 1
    best = max(hits, key=hits.__getitem__, default=None)
    return best if best is not None and hits[best] >= 3 else None


def _drop_ad_runs(lines: list[tuple[int, int, str]], keep: list[bool]) -> None:
    """An ad is a call to action ("CLICK HERE") with its short shouty teaser lines just before it."""
    for i, (_, _, text) in enumerate(lines):
        if len(text) < 200 and _AD_CALL.search(text):
            j = i - 1
            while j >= 0 and len(lines[j][2]) < 90 and re.search(r"[!…]\s*$", lines[j][2]):
                keep[j] = False
                j -= 1


def _header(line: str, m: re.Match[str]) -> bool:
    """A list's header alone ("Most Read"), or with its items after a colon ("Trending now: … | …")."""
    return m.end() == len(line) or m.group("label") is not None


def _drop_link_lists(lines: list[tuple[int, int, str]], keep: list[bool]) -> None:
    """After a "Read These Next"/"Related" header, short headline-like lines are links, not article."""
    for i, (_, _, text) in enumerate(lines):
        header = _LIST_HEADER.match(text.strip())
        if not header or header.end() != len(text.strip()):
            continue
        j = i + 1
        while j < len(lines) and len(lines[j][2]) < 160:
            keep[j] = False
            j += 1


_TEASER_BLOCK_MAX = 6  # "related" widgets show a handful of links


def _drop_trailing_teasers(lines: list[tuple[int, int, str]], keep: list[bool]) -> None:
    """After the article's last sentence, a few Title Case lines ("- Moon Rush: Private Lunar Lander Plans") are a
    block of teaser links: the body has ended. A long run is a list the article gives (dates, venues, teams)."""
    run: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i][2].strip()
        if not keep[i] or not text:
            continue
        if not is_heading(text.lstrip("-–•* ")) or len(_LONG_WORD.findall(text)) < 4:
            break
        run.append(i)
    before = [lines[i][2].strip() for i in range(run[-1] if run else 0) if keep[i]]
    prose_before = bool(before) and len(before[-1]) >= 80 and _ENDS_A_SENTENCE.search(before[-1]) is not None
    if 2 <= len(run) <= _TEASER_BLOCK_MAX and prose_before:
        for i in run:
            keep[i] = False


_OPEN_END = re.compile(r"(?:[“\"«‘(]|\b(?:the|of|and|to|a|an|as|by|for|with|in|on|at|from|that|his|her|its|their))\s*$")
_LOWER_START = re.compile(r"^\s*[a-zа-яё]")


def _join_broken_lines(text: str) -> list[tuple[int, int, str]]:
    """Lines of one paragraph broken mid-sentence (a line ending in “ or "the", the next starting lowercase)."""
    lines: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n]+", text):
        if not m.group(0).strip():
            continue
        if lines:
            start, end, prev = lines[-1]
            gap = text[end : m.start()]
            mid_sentence = gap.count("\n") == 1 and not re.search(r"[.!?:\"”’)]\s*$", prev)
            if mid_sentence and (_OPEN_END.search(prev) or _LOWER_START.match(m.group(0))):
                lines[-1] = (start, m.end(), text[start : m.end()])
                continue
        lines.append((m.start(), m.end(), m.group(0)))
    return lines


def prepare(article: Article, explain: bool = False) -> Document:
    text = article.text
    lines = _join_broken_lines(text)
    keep = [not is_boilerplate(line) and not _is_label(line) for _, _, line in lines]
    _drop_ad_runs(lines, keep)
    _drop_link_lists(lines, keep)
    _drop_trailing_teasers(lines, keep)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    posts: set[int] = set()
    headings: set[int] = set()
    languages: list[str | None] = []
    for n, ((start, end, chunk), kept) in enumerate(zip(lines, keep, strict=True)):
        if not kept:
            continue
        if n + 1 < len(lines) and _POST_SIGNATURE.match(lines[n + 1][2]):
            posts.add(len(paragraphs))
        tail = _INLINE_TAIL.search(chunk)
        if tail:
            chunk = chunk[: tail.start()]
        chunk = strip_credit(chunk)
        end = start + len(chunk)
        idx = len(paragraphs)
        if is_heading(chunk) or _title_case_caption(chunk):
            headings.add(idx)
        languages.append(detect_language(chunk))
        paragraphs.append(Paragraph(chunk, start, end))
        sentences.extend(split_sentences(chunk, start, idx))
    masked = tuple(credit_spans(text))
    return Document(
        article=article,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        masked=masked,
        bylines=tuple(byline_names(text)),
        posts=frozenset(posts),
        headings=frozenset(headings),
        # a paragraph too short to tell is in the language of most paragraphs
        languages=tuple(lang or _majority(languages) for lang in languages),
        explain=explain,
    )


def _majority(languages: list[str | None]) -> str | None:
    counts = Counter(lang for lang in languages if lang)
    return counts.most_common(1)[0][0] if counts else None


def byline_names(text: str) -> list[str]:
    """Names given as the piece's authors, photographers or editors ("By Jane Doe, John Roe and Ann Poe, CNN")."""
    names = []
    for cue in _BY.finditer(text):
        word = cue.group(0)
        line_start = text.rfind("\n", 0, cue.start()) + 1
        if word[0] == "b" and not _BYLINE_LEAD.search(text, max(line_start, cue.start() - 30), cue.start()):
            continue  # "signed by President Donald Trump" is no byline
        pos = cue.end()
        outlet = _BYLINE_OUTLET.match(text, pos)
        if outlet and not _BYLINE_PERSON.match(text, pos):
            pos = outlet.end()
        while (m := _BYLINE_PERSON.match(text, pos)) is not None:
            name = m.group(0)
            if _BYLINE_ROLE.search(name):
                break  # "By Jane Doe, Latin America Editor"
            names.append(name[:-1] if name.endswith(".") and name[-3:-2] != " " else name)  # "… by Jane Roe."
            sep = re.match(r",\s*|\s+and\s+|\s*;\s*", text[m.end() : m.end() + 6])
            if sep is None:
                break
            pos = m.end() + sep.end()
    return names
