"""Relevance: is an article about the watched situation, or does it merely share a word or a place with it?

Two signals, each in 0..1, and the score is the weaker of them (both must hold):
- anchors: the watch's keywords, matched on stems after accent folding and a rough transliteration
  (so "Venezuelan", "Venezuela's", "Венесуэлы" and "Каракасе" count), counted once per keyword family,
  with one more for a keyword in the headline or lead. Two anchors are enough.
- topic: the cosine similarity of the article's words with the baseline documents' words (sublinear tf,
  a small stopword list). A hurricane or baseball story in the Caribbean names the anchors but reads
  nothing like the baseline. For an article not in the baseline's language the cosine says nothing,
  so the anchors decide alone.
A score of 0.5 is "just enough": two anchors and a cosine of `TOPIC_COSINE`.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from config.watch import WatchConfig
from watchers.claims.text import Document
from watchers.diff import fold

ANCHORS_NEEDED = 2
TOPIC_COSINE = 0.096  # midway between the off-topic stories naming 2+ keywords (≤ 0.089) and on-topic ones (≥ 0.104)
LEAD_WORDS = 30

_STOPWORD_TEXT = """
a an the of to in on at for and or but is are was were be been being by with from as that this these those it
its his her their them he she they we i you not no has have had will would could should may might can said
says say after before about into over than more also which who whom what when where while there here then so
if out up down all any some such only other one two just most many much very even still our your
last new now how between despite like well back next since during through under within without because however
according told including time times day days week weeks month months year years today yesterday news world
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Sounds spelled differently across languages: "Venezuela"/"Венесуэла", "Caracas"/"Каракас", "Hegseth"/"Хегсет".
_PHONETIC = [("kh", "h"), ("th", "t"), ("ph", "f"), ("z", "s"), ("c", "k"), ("q", "k"), ("y", "i"), ("w", "v")]


_LATIN_WORD = re.compile(r"[a-z0-9]+")


def latin_words(text: str) -> list[str]:
    """Lower-case words, accents dropped, Cyrillic transliterated."""
    return _LATIN_WORD.findall(fold(text))


def phonetic(word: str) -> str:
    for a, b in _PHONETIC:
        word = word.replace(a, b)
    return word


def _stem(keyword_word: str) -> str:
    p = phonetic(keyword_word)
    return p[: max(4, len(p) - 2)]  # inflections change the last letters: Венесуэл-ы, Venezuel-an


class RelevanceJudge:
    def __init__(self, watch: WatchConfig, baseline_texts: list[str] | None = None) -> None:
        self.watch = watch
        self._families = self._keyword_families(watch.keywords)
        # one regex per family over the space-joined phonetic words: consecutive words starting with the stems
        self._family_patterns = [
            re.compile("|".join(r"\b" + " ".join(re.escape(st) + r"\w*" for st in stems) for stems in family))
            for family in self._families
        ]
        # the first stems of a family: a cheap substring test before its regex runs over the whole text
        self._family_firsts = [tuple({stems[0] for stems in family}) for family in self._families]
        one_word = sorted({s[0] for f in self._families for s in f if len(s) == 1}, key=len, reverse=True)
        self._keyword_stem = re.compile("|".join(re.escape(st) for st in one_word)) if one_word else None
        # a word's keyword test, remembered: the same words recur from article to article
        self._names_keyword = functools.lru_cache(maxsize=1 << 15)(self._keyword_word)
        self._baseline = _tf_vector(self._topic_words(latin_words("\n".join(baseline_texts or []))))
        self._baseline_norm = _norm(self._baseline)
        self._last: tuple[Document | None, tuple[list[str], list[str], list[str]]] = (None, ([], [], []))

    @staticmethod
    def _keyword_families(keywords: list[str]) -> list[list[tuple[str, ...]]]:
        """Each keyword as a tuple of word stems; keywords whose stems nest ("Venezuela", "Venezuelan") are one."""
        stems = sorted(
            {tuple(_stem(w) for w in latin_words(k)) for k in keywords if latin_words(k)},
            key=lambda s: (len(s), len(s[0])),
        )
        families: list[list[tuple[str, ...]]] = []
        for s in stems:
            home = next((f for f in families if any(len(s) == len(o) == 1 and s[0].startswith(o[0]) for o in f)), None)
            if home is None:
                families.append([s])
            else:
                home.append(s)
        return families

    def _words(self, doc: Document) -> tuple[list[str], list[str], list[str]]:
        """The words of the headline, of the whole text and of its paragraphs (boilerplate left out), each span
        of the text folded once: a paragraph starts and ends at a line's edge, where no word runs across. The
        last document's words are kept, for `score` after `anchors` (one slot, swapped whole: thread-safe)."""
        last = self._last
        if last[0] is doc:
            return last[1]
        body: list[str] = []
        kept: list[str] = []
        at = 0
        for p in doc.paragraphs:
            body += latin_words(doc.text[at : p.start])
            paragraph = latin_words(p.text)
            body += paragraph
            kept += paragraph
            at = p.end
        body += latin_words(doc.text[at:])
        words = (latin_words(doc.article.title), body, kept)
        self._last = (doc, words)
        return words

    def anchors(self, doc: Document) -> tuple[int, bool]:
        """(keyword families named in the article, whether one is in the headline or lead)."""
        title, body, _ = self._words(doc)
        text = phonetic(" ".join(title + body))
        lead = phonetic(" ".join(title + body[:LEAD_WORDS]))
        found = [
            p
            for p, firsts in zip(self._family_patterns, self._family_firsts, strict=True)
            if any(f in text for f in firsts) and p.search(text)
        ]
        return len(found), any(p.search(lead) for p in found)

    def topic(self, doc: Document) -> float | None:
        """Cosine with the baseline, or None when the article is not in the baseline's language."""
        title, _, kept = self._words(doc)
        words = title + kept
        if not words or not self._baseline:
            return None
        if doc.languages and not any(lang in ("en", None) for lang in doc.languages):
            return None  # no paragraph in the baseline's language (or too short to tell)
        return _cosine(_tf_vector(self._topic_words(words)), self._baseline, self._baseline_norm)

    def _topic_words(self, words: list[str]) -> Counter[str]:
        """Content words other than the keywords: the names are the anchors' part, the topic is the rest
        (a football final in the capital names the capital as often as the news does)."""
        counts = Counter(_content_words(words))
        if self._keyword_stem is None:
            return counts
        return Counter({w: n for w, n in counts.items() if not self._names_keyword(w)})

    def _keyword_word(self, word: str) -> bool:
        return self._keyword_stem is not None and self._keyword_stem.match(phonetic(word)) is not None

    def score(self, doc: Document) -> float:
        found, in_lead = self.anchors(doc)
        anchor_part = min(1.0, (found + int(in_lead)) / (2 * ANCHORS_NEEDED))
        cosine = self.topic(doc)
        topic_part = anchor_part if cosine is None else min(1.0, cosine / (2 * TOPIC_COSINE))
        return min(anchor_part, topic_part)

    def is_relevant(self, score: float) -> bool:
        return score >= 0.5


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()]


def _tf_vector(counts: Counter[str]) -> dict[str, float]:
    return {w: 1.0 + math.log(n) for w, n in counts.items()}


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _cosine(a: dict[str, float], b: dict[str, float], b_norm: float) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = _norm(a) * b_norm
    return dot / norm if norm else 0.0
