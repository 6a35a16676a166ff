"""Statements: direct quotes attributed to a named person or institution.

Quotes are segmented over the whole article (quotes.py: a quote of several paragraphs is one quote); the
candidate speakers of each are ranked by a fitted model (attribution.py) and resolved to the article's
actors, so a surname or "the FAA" gives the fullest name. One claim per distinct quote; quotes whose best
candidate is an unnamed source or does not beat "none", and quotes of fewer than three words, are not
statements.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from config.watch import WatchConfig
from watchers.claims.attribution import FALLBACK, NONE, Candidate, SpeakerRanker, explain
from watchers.claims.fitting import FITTERS, AnnotatedArticle
from watchers.claims.learned import LinearModel, fit_logistic, load_models
from watchers.claims.names import fold
from watchers.claims.quotes import Quote, is_statement_quote, segment
from watchers.claims.text import POST_LINK, Document, prepare
from watchers.models import ActorClaim, Evidence, StatementClaim


@dataclass
class _Group:
    """One quote, possibly over several paragraphs: its segments as (paragraph, quote index)."""

    segments: list[tuple[int, int]]
    text: str


class StatementExtractor:
    def __init__(self, watch: WatchConfig, model: LinearModel | None = None) -> None:
        self.watch = watch
        # the shipped weights unless given (cross-validation passes models fitted on other folds)
        self.model = model if model is not None else load_models().get("speaker")

    def extract(self, doc: Document, actors: list[ActorClaim]) -> list[StatementClaim]:
        quotes = segment([p.text for p in doc.paragraphs])
        ranker = SpeakerRanker(doc, actors, quotes, self.model)
        starts = [s.start for s in doc.sentences]
        out: list[StatementClaim] = []
        seen: set[str] = set()
        for group, cands, none in _ranked(doc, actors, quotes, ranker):
            speaker = ranker.choose(*group.segments[0], cands, none)
            key = fold(group.text)
            if speaker is None or not is_statement_quote(group.text) or key in seen:
                continue
            seen.add(key)
            pi, qi = group.segments[0]
            start = doc.paragraphs[pi].start + quotes[pi][qi].start
            sent = doc.sentences[max(0, bisect.bisect_right(starts, start) - 1)]
            if pi in doc.posts or POST_LINK.search(sent.text):
                continue  # a reproduced post is not a quote, whatever marks it contains
            why = explain(cands, self.model) if doc.explain else None
            out.append(StatementClaim(speaker, group.text, Evidence(sent.text, sent.start, sent.end), explain=why))
        return out

    def candidates(
        self, doc: Document, actors: list[ActorClaim]
    ) -> list[tuple[str, list[Candidate], dict[str, float]]]:
        """Every quote's text, its candidates and the features of "none" (for fitting). No quote is attributed
        meanwhile, so no candidate depends on an earlier decision (the fit needs no model to start from)."""
        quotes = segment([p.text for p in doc.paragraphs])
        ranker = SpeakerRanker(doc, actors, quotes, self.model)
        return [(g.text, c, n) for g, c, n in _ranked(doc, actors, quotes, ranker) if is_statement_quote(g.text)]


def _ranked(
    doc: Document, actors: list[ActorClaim], quotes: list[list[Quote]], ranker: SpeakerRanker
) -> Iterator[tuple[_Group, list[Candidate], dict[str, float]]]:
    """Each quote (all its paragraphs) with its scored candidates and the features of "none"; lazily, so that
    each quote is ranked after the previous one's speaker is known."""
    for group in _groups(quotes):
        yield group, [c for pi, qi in group.segments for c in ranker.candidates(pi, qi)], dict(NONE)


def _groups(quotes: list[list[Quote]]) -> list[_Group]:
    groups: list[_Group] = []
    for pi, qs in enumerate(quotes):
        for qi, q in enumerate(qs):
            if q.continues and groups:
                groups[-1].segments.append((pi, qi))
                groups[-1].text = f"{groups[-1].text} {q.text}"
            else:
                groups.append(_Group([(pi, qi)], q.text))
    return groups


def _same_speaker(a: str, b: str) -> bool:
    """The eval's rule for one speaker under two names: one's words inside the other's, same last word."""
    x, y = fold(a).split(), fold(b).split()
    if not x or not y:
        return False
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    return set(small) <= set(big) and small[-1] == big[-1]


def fit_speaker_model(annotated: Sequence[AnnotatedArticle], watch: WatchConfig) -> LinearModel:
    """A ranking model, fitted on pairs: for each quote, the features of a right candidate minus those of a
    wrong one (label 1) and the reverse (label 0). "None" is a candidate of its own (feature `none`), right
    for a quote the gold does not count (as are unnamed sources) and wrong for one it does. A candidate is
    right when it resolves to the gold speaker of the quote (aligned by quote word overlap)."""
    from watchers.claims.actors import ActorExtractor, fit_actor_model  # the claim package imports this module
    from watchers.claims.deployments import DeploymentExtractor

    # the actors as a model fitted on these articles finds them: never the shipped weights, which saw every article
    actors_x, deployments_x = ActorExtractor(watch, fit_actor_model(annotated, watch)), DeploymentExtractor(watch)
    articles = []
    for a in annotated:
        doc = prepare(a.article)
        actors = actors_x.without_units(actors_x.extract(doc), deployments_x.extract(doc))
        articles.append((doc, actors, [g for g in a.gold if g.get("type") == "statement"]))
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    statements_x = StatementExtractor(watch, FALLBACK)  # never the shipped weights: they saw every article
    for doc, actors, gold in articles:
        for text, cands, none in statements_x.candidates(doc, actors):
            speakers = [
                s
                for g in gold
                if _overlap(text, str(g.get("quote", ""))) >= 0.6
                for s in (str(g.get("speaker", "")), *g.get("speaker_aliases", []))
            ]
            options = [(c.features, _right(c, speakers)) for c in cands] + [(none, not speakers)]
            for r in [f for f, ok in options if ok]:
                for w in [f for f, ok in options if not ok]:
                    diff = {k: r.get(k, 0.0) - w.get(k, 0.0) for k in {*r, *w}}
                    examples += [diff, {k: -v for k, v in diff.items()}]
                    labels += [1, 0]
    return fit_logistic("speaker", examples, labels, l2=5.0)


def _right(c: Candidate, speakers: list[str]) -> bool:
    if not speakers:
        return c.speaker == "" and c.kind in ("unnamed", "they")
    return bool(c.speaker) and any(_same_speaker(c.speaker, s) for s in speakers)


def _overlap(a: str, b: str) -> float:
    x, y = set(fold(a).split()), set(fold(b).split())
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


FITTERS["speaker"] = fit_speaker_model
