"""Story independence: syndicated copies and light rewrites of one story count as one source.

A story's fingerprint is its lead sentences, each as a sequence of hashed words (compact, no text kept),
plus its publication date and wire credit. A new article is a copy of a known story when most of its lead
sentences (of the shorter lead) have a near-equal sentence in the story's lead: rewrites keep the sentence
structure and most words, while independent reports of one event share quotes and names but few sentences.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Indel

from watchers.diff import fold
from watchers.models import Article, KnownState

LEAD_SENTENCES = 8  # the lead probed: rewrites keep the lead; bodies drift (cut, extended, re-ordered)
KEPT_SENTENCES = 16  # the sentences a fingerprint keeps, where a probed lead sentence may be found
MIN_WORDS = 6  # shorter "sentences" are datelines, bylines, captions
SENTENCE_SIMILARITY = 0.6  # word-level Indel similarity of two sentences to count as one
COPY_SHARE = 0.6  # share of the shorter lead's sentences found in the other lead
SAME_WIRE_SHARE = 0.45  # lower bar when both credit the same wire service
MIN_SHARED = 2  # one shared sentence (a quote, a stock phrase) never makes a copy
WINDOW_DAYS = 14  # copies run within days, republished ones within a fortnight; only compared when both dates are known

_WIRES = {
    "reuters": "reuters",
    "associated press": "ap",
    "ap": "ap",
    "afp": "afp",
    "agence france presse": "afp",
    "bloomberg": "bloomberg",
    "dpa": "dpa",
    "efe": "efe",
    "xinhua": "xinhua",
    "tass": "tass",
    "anadolu": "anadolu",
    "cnn": "cnn",
}
_WIRE_CREDIT = re.compile(
    r"\(\s*(" + "|".join(sorted(_WIRES, key=len, reverse=True)) + r")\s*\)|\bfrom the (associated press)\b"
    r"|\b(reuters|afp|ap)\b\s*[-—–]",
    re.IGNORECASE,
)
_HEADLINE_WORDS = 12  # a short paragraph without final punctuation is a headline or a caption
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


@dataclass(frozen=True)
class StoryMatch:
    story_id: str  # the known story it copies, or a new id (the article's) when it is a story of its own
    is_copy: bool
    similarity: float  # share of shared lead sentences with the closest known story (0..1)
    fingerprint: str  # this article's fingerprint, to record when it starts a story


@dataclass(frozen=True)
class Fingerprint:
    published: date | None
    wire: str
    sentences: tuple[tuple[str, ...], ...]

    def encode(self) -> str:
        day = self.published.isoformat() if self.published else "-"
        return "|".join(["v1", day, self.wire or "-", "/".join("".join(s) for s in self.sentences)])

    @classmethod
    def decode(cls, text: str) -> Fingerprint:
        _, day, wire, body = text.split("|", 3)
        sentences = tuple(tuple(s[i : i + 3] for i in range(0, len(s), 3)) for s in body.split("/") if s)
        return cls(None if day == "-" else date.fromisoformat(day), "" if wire == "-" else wire, sentences)


def _word_hash(word: str) -> str:
    """Three base-36 characters (46,656 buckets): collisions are rare within one sentence pair."""
    n = zlib.crc32(word.encode("utf-8")) % 36**3
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return digits[n // 1296] + digits[n // 36 % 36] + digits[n % 36]


def lead_sentences(article: Article, limit: int = KEPT_SENTENCES) -> list[list[str]]:
    """The first sentences of the body as folded words, without the headline, captions and datelines."""
    title = fold(article.title)
    out: list[list[str]] = []
    for paragraph in article.text.split("\n"):
        words = fold(paragraph).split()
        if len(words) < _HEADLINE_WORDS and not paragraph.rstrip().endswith((".", "!", "?", '"', "”")):
            continue
        for sentence in _SPLIT.split(paragraph):
            words = fold(sentence).split()
            if len(words) >= MIN_WORDS and " ".join(words) != title:
                out.append(words)
            if len(out) >= limit:
                return out
    return out


def wire_credit(article: Article) -> str:
    m = _WIRE_CREDIT.search(article.text[:400])
    if not m:
        return ""
    return _WIRES.get(next(g for g in m.groups() if g).lower(), "")


def fingerprint(article: Article) -> Fingerprint:
    sentences = tuple(tuple(_word_hash(w) for w in s) for s in lead_sentences(article))
    published = article.published.date() if article.published else None
    return Fingerprint(published, wire_credit(article), sentences)


def shared_share(a: Fingerprint, b: Fingerprint) -> tuple[float, int]:
    """(share of one lead's sentences with a near-equal sentence in the other's, their count), the higher way."""
    return max(_found(a.sentences[:LEAD_SENTENCES], b.sentences), _found(b.sentences[:LEAD_SENTENCES], a.sentences))


def _found(probe: tuple[tuple[str, ...], ...], pool: tuple[tuple[str, ...], ...]) -> tuple[float, int]:
    if not probe or not pool:
        return 0.0, 0
    shared = sum(1 for s in probe if max(Indel.normalized_similarity(s, t) for t in pool) >= SENTENCE_SIMILARITY)
    return shared / len(probe), shared


def is_copy_of(new: Fingerprint, known: Fingerprint) -> tuple[bool, float]:
    if new.published and known.published and abs((new.published - known.published).days) > WINDOW_DAYS:
        return False, 0.0
    share, shared = shared_share(new, known)
    bar = SAME_WIRE_SHARE if new.wire and new.wire == known.wire else COPY_SHARE
    return share >= bar and shared >= MIN_SHARED, share


def match_story(state: KnownState, article: Article, mine: Fingerprint | None = None) -> StoryMatch:
    """The known story `article` copies (closest one), or a new story with the article's id. `mine`: the
    article's fingerprint when it was taken before (a backfill takes it in the worker that has the text)."""
    mine = mine or fingerprint(article)
    best_id, best_share, best_copy = "", 0.0, False
    for story_id, encoded in state.stories.items():
        if _out_of_window(mine, encoded):  # what is_copy_of says first, read without decoding the whole story
            continue
        copy, share = is_copy_of(mine, Fingerprint.decode(encoded))
        if (copy, share) > (best_copy, best_share):
            best_id, best_share, best_copy = story_id, share, copy
    if best_copy:
        return StoryMatch(best_id, True, best_share, mine.encode())
    return StoryMatch(article.article_id, False, best_share, mine.encode())


def _out_of_window(mine: Fingerprint, encoded: str) -> bool:
    """Both dates known and further apart than the window: from the encoded day ("v1|2025-11-06|…") alone, so
    a long backfill does not decode every known story for every article."""
    day = encoded[3:13]
    if mine.published is None or day[0] == "-":
        return False
    return abs((mine.published - date.fromisoformat(day)).days) > WINDOW_DAYS


def record_story(state: KnownState, match: StoryMatch) -> None:
    """Remember a story that is not a copy, so its later copies are found."""
    if not match.is_copy:
        state.stories.setdefault(match.story_id, match.fingerprint)
