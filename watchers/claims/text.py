"""Prepare an article's text for claim extraction: drop boilerplate, split paragraphs and sentences.

Every span keeps its character offsets into the original text, so each claim can point at its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Document:
    article: Article
    paragraphs: tuple[Paragraph, ...]  # boilerplate already removed
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.article.text


# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Sgt|Capt|Cmdr|Sen|Rep|Gov|Pres|St|Jr|Sr|No|Nos|vs|etc|Inc|Corp|Co|Ltd|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx)\.|\b[A-Z]\.|\b(?:U\.S|U\.N|U\.K|E\.U)\.)$"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-ZА-ЯЁ0-9])")


def split_sentences(text: str, offset: int = 0, paragraph: int = 0) -> list[Sentence]:
    """Split one paragraph into sentences, skipping abbreviations like "U.S." and "Gen."."""
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        head = text[start : m.start() + 1]
        if _ABBREV.search(head):
            continue
        end = m.end()
        chunk = text[start:end].strip()
        if chunk:
            s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            out.append(Sentence(chunk, offset + s, offset + s + len(chunk), paragraph))
        start = end
    chunk = text[start:].strip()
    if chunk:
        s = start + (len(text[start:]) - len(text[start:].lstrip()))
        out.append(Sentence(chunk, offset + s, offset + s + len(chunk), paragraph))
    return out


def is_boilerplate(paragraph: str) -> bool:
    """A first, simple judgement; refined in later work (link lists, ads, newsletter blurbs)."""
    p = paragraph.strip().lower()
    return p.startswith(("read these next", "related articles", "read more", "sign up", "subscribe", "advertisement"))


def prepare(article: Article) -> Document:
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for m in re.finditer(r"[^\n]+", article.text):
        chunk = m.group(0)
        if not chunk.strip() or is_boilerplate(chunk):
            continue
        idx = len(paragraphs)
        paragraphs.append(Paragraph(chunk, m.start(), m.end()))
        sentences.extend(split_sentences(chunk, m.start(), idx))
    return Document(article=article, paragraphs=tuple(paragraphs), sentences=tuple(sentences))
