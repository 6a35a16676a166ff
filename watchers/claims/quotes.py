"""Find the direct quotes of an article: text inside straight, curly or angle quotation marks.

A small state machine over the marks of each paragraph (outside / inside a curly or angle quote, with
nesting / inside a straight quote): curly and angle marks nest ("the “Al Qaeda” of our hemisphere" stays
inside its outer quote), straight marks pair in order. A quote still open at the end of a paragraph runs to
its end; when the next paragraph opens with a mark, that quote continues it (the newswire convention for a
quote of several paragraphs); otherwise it was cut off (kept as it is, to the end of its paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

_OPEN = frozenset("“«„")
_CLOSE = frozenset("”»“")  # „…“ closes with “
_WORD = re.compile(r"\w+")
_MISMATCHED_CLOSE = re.compile(r"[,.!?…]['’](?=\s+[a-zA-Z])")
# Lowercase words a title keeps ("Department of War", "Cartel de los Soles").
_TITLE_JOINERS = frozenset(
    ("of", "the", "and", "for", "in", "on", "a", "an", "to", "de", "del", "la", "los", "las", "y")
)
_OPENING = frozenset("“«„\"'‘")
_MARK = re.compile(r"[\"“”«»„]")
_TRAILING_MARKS = "\"'’”» \t"


@dataclass(frozen=True)
class Quote:
    text: str
    start: int  # offsets of the quoted text (inside the marks) into the paragraph
    end: int
    open_end: bool = False  # never closed: the quote goes on in the next paragraph
    continues: bool = False  # opens its paragraph and continues the previous paragraph's open quote


def segment(paragraphs: Sequence[str]) -> list[list[Quote]]:
    """The quotes of each paragraph; a paragraph-opening quote after one left open is marked `continues`."""
    out: list[list[Quote]] = []
    left_open = False
    for text in paragraphs:
        quotes = find_quotes(text)
        opens = bool(quotes) and quotes[0].start <= 2 and text.lstrip()[:1] in _OPENING
        if left_open and opens:
            quotes[0] = replace(quotes[0], continues=True)
        left_open = bool(quotes) and quotes[-1].open_end
        out.append(quotes)
    return out


_SINGLE_OPEN = re.compile(r"(?<![\w’'])['‘](?=[\w“\"])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…”])['’](?![\w])")
_PLURAL_POSSESSIVE = re.compile(r"s['’]\s+[a-z]")
_CLOSE_AFTER_PUNCTUATION = re.compile(r"(?<=[.,!?…])['’](?![\w])")
_GREEK = re.compile(r"[α-ωΑ-Ω]")


def find_quotes(paragraph: str) -> list[Quote]:
    if "β" in paragraph and not _GREEK.search(paragraph.replace("β", "")):
        paragraph = paragraph.replace("β", '"')  # mis-decoded curly quotes (UTF-8 read as a Greek code page)
    if not _MARK.search(paragraph) and "'" not in paragraph and "‘" not in paragraph:
        return []
    spans = _double_quotes(paragraph)
    spans += _single_quotes(paragraph, spans)
    spans.sort()
    out = []
    tail = len(paragraph.rstrip(_TRAILING_MARKS))
    for s, e in spans:
        raw = paragraph[s:e]
        text = raw.strip()
        if text:
            s += len(raw) - len(raw.lstrip())
            open_end = e == tail and paragraph[e:].strip() == ""  # no closing mark after it
            out.append(Quote(text, s, s + len(text), open_end))
    return out


def _single_quotes(paragraph: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'…' used as quotation marks (some outlets' style), outside the double-quoted parts."""
    if "'" not in paragraph and "‘" not in paragraph:
        return []
    spans = []
    pos = 0
    while True:
        opening = _SINGLE_OPEN.search(paragraph, pos)
        if opening is None:
            break
        closing = _SINGLE_CLOSE.search(paragraph, opening.end())
        if closing is None:
            break
        if _PLURAL_POSSESSIVE.match(paragraph, closing.start() - 1):
            # "‘The sailors’ families deserve answers,’ she said": the mark of a plural possessive, when a
            # close after punctuation follows before any new opening (else it closes: "no ‘foreign ships’ in")
            later = _CLOSE_AFTER_PUNCTUATION.search(paragraph, closing.end())
            if later and not _SINGLE_OPEN.search(paragraph, closing.end(), later.start()):
                closing = later
        s, e = opening.end(), closing.start()
        if not any(a - 1 <= s <= b + 1 for a, b in taken):
            spans.append((s, e))
        pos = closing.end()
    return spans


def _double_quotes(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth = 0
    start = -1
    straight_open = False
    opener = ""
    for m in _MARK.finditer(paragraph):
        i, ch = m.start(), m.group(0)
        if ch == '"':
            if depth == 0 and not straight_open:
                straight_open, start = True, i
            elif straight_open and depth == 0:
                spans.append((start + 1, i))
                straight_open = False
            elif depth == 1:  # “…" mixed marks
                spans.append((start + 1, i))
                depth = 0
        elif ch in _CLOSE and depth > 0 and not (ch == "“" and opener != "„"):
            depth -= 1
            if depth == 0:
                spans.append((start + 1, i))
        elif ch in _OPEN and not straight_open:
            if depth == 0:
                start, opener = i, ch
            depth += 1
    if depth > 0 or straight_open:
        # “…,’ he said: a curly quote closed by a single mark; else it runs on to the next paragraph
        closing = _MISMATCHED_CLOSE.search(paragraph, start + 1) if depth > 0 else None
        spans.append((start + 1, closing.start() + 1 if closing else len(paragraph.rstrip(_TRAILING_MARKS))))
    return spans


def is_statement_quote(text: str) -> bool:
    """Three words or more (a hyphenated word counts once: "narco-trafficking vessel" is two), and not a
    title or name in quotation marks ("Operation Southern Spear")."""
    words = [w for w in re.split(r"[\s—–/]+", text) if _WORD.search(w)]
    if len(words) < 3:
        return False
    words = [w.strip(".,;:!?()\"'“”‘’«»…") for w in words]
    content = [w for w in words if w and w.lower() not in _TITLE_JOINERS and not w.isdigit()]
    titled = all(w[0].isupper() for w in content) and not all(w.isupper() for w in content)
    return not (titled and len(words) <= 6)
