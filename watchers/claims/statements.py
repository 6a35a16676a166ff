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
        running: tuple[int, str] | None = None  # (paragraph, speaker) of a quote left open at its paragraph's end
        for pi, para in enumerate(doc.paragraphs):
            quotes = finder.quotes[pi]
            for qi, q in enumerate(quotes):
                speaker = finder.speaker(pi, quotes, qi)
                carried, running = running, None
                if speaker is None or not is_statement_quote(q.text):
                    continue
                if carried == (pi - 1, speaker) and qi == 0 and q.start <= 1 and out and out[-1].speaker == speaker:
                    # newswire style: a quote that runs on opens the next paragraph with a fresh mark
                    last = out[-1]
                    out[-1] = StatementClaim(speaker, f"{last.quote} {q.text}", last.evidence)
                    seen.add(fold(q.text))
                    running = (pi, speaker) if q.open_end and qi == len(quotes) - 1 else None
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
                running = (pi, speaker) if q.open_end and qi == len(quotes) - 1 else None
        written = _written_names(doc, actors)
        return [StatementClaim(written.get(s.speaker, s.speaker), s.quote, s.evidence) for s in out] if written else out


def _written_names(doc: Document, actors: list[ActorClaim]) -> dict[str, str]:
    """An institution the article names only by another of its names ("the State Department" for the Department
    of State) speaks under the name the article gives."""
    return {
        a.name: a.aliases[0]
        for a in actors
        if a.category == "organization" and a.aliases and " " in a.aliases[0] and a.name not in doc.text
    }
