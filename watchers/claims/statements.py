"""Statements: direct quotes attributed to a named person or institution.

Quotes are found per paragraph (quotes.py); their speakers are read around them and resolved against the
article's actors (attribution.py), so a surname or "the FAA" gives the fullest name. One claim per
distinct quote; quotes from unnamed sources and quotes of fewer than three words are not statements.
"""

from __future__ import annotations

import bisect

from config.watch import WatchConfig
from watchers.claims.attribution import SpeakerFinder
from watchers.claims.names import fold
from watchers.claims.quotes import is_statement_quote
from watchers.claims.text import POST_LINK, Document
from watchers.models import ActorClaim, Evidence, StatementClaim


class StatementExtractor:
    def __init__(self, watch: WatchConfig) -> None:
        self.watch = watch

    def extract(self, doc: Document, actors: list[ActorClaim]) -> list[StatementClaim]:
        finder = SpeakerFinder(doc, actors)
        starts = [s.start for s in doc.sentences]
        out: list[StatementClaim] = []
        seen: set[str] = set()
        for pi, para in enumerate(doc.paragraphs):
            quotes = finder.quotes[pi]
            for qi, q in enumerate(quotes):
                speaker = finder.speaker(pi, quotes, qi)
                if speaker is None or not is_statement_quote(q.text):
                    continue
                key = fold(q.text)
                if key in seen:
                    continue
                seen.add(key)
                start = para.start + q.start
                sent = doc.sentences[max(0, bisect.bisect_right(starts, start) - 1)]
                if pi in doc.posts or POST_LINK.search(sent.text):
                    continue  # a reproduced post is not a quote, whatever marks it contains
                out.append(StatementClaim(speaker, q.text, Evidence(sent.text, sent.start, sent.end)))
        return out
