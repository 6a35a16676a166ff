"""Assess one article against what is known: claims, story, relevance, and the changes it brings.

The flows call `assess_article` for each new article in order of publication, between loading the state
from storage and saving it back (then compose alerts from the diffs and put them in the outbox).

Which articles can raise alerts: those that are relevant and not published before the baseline date (an
article without a date counts as new: live feed items usually carry one, and one without is fresh news).
Which stories are remembered (so their later copies raise nothing): every relevant article that is not a
copy, also those before the baseline date (a reprint of old news is not a change). Irrelevant articles
are not remembered: a copy of one is judged on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from config.watch import WatchConfig
from watchers.claims.relevance import RelevanceJudge
from watchers.claims.text import prepare
from watchers.corroboration import corroborations, support
from watchers.diff import diff_article
from watchers.figure_limits import screen_figures
from watchers.models import Article, ArticleClaims, ClaimDiff, KnownState, Source
from watchers.stories import StoryMatch, fingerprint, match_story, record_story

log = logging.getLogger("claimwatch.assess")


class ClaimSource(Protocol):
    """What gives an article's claims and relevance: `ClaimExtractor`, or precomputed claims."""

    def extract(self, article: Article) -> ArticleClaims: ...


StoryMatcher = Callable[[KnownState, Article], StoryMatch]


class GivenClaims:
    """Claims extracted before (stored, or annotated), by article id; relevance judged on the article's text.

    Lets a re-run (backfill, evaluation) diff again without extracting again. An unknown id has no claims.
    """

    def __init__(self, claims_by_id: Mapping[str, ArticleClaims], judge: RelevanceJudge) -> None:
        self.claims_by_id, self.judge = claims_by_id, judge

    def extract(self, article: Article) -> ArticleClaims:
        given = self.claims_by_id.get(article.article_id)
        score = self.judge.score(prepare(article))
        claims = given.claims if given else ()
        return ArticleClaims(article.article_id, claims, self.judge.is_relevant(score), score)


@dataclass(frozen=True)
class Assessment:
    claims: ArticleClaims
    story: StoryMatch
    relevant: bool  # about the watched situation (the claims' judgement)
    diffs: list[ClaimDiff]
    before_baseline: bool = False
    corroborations: list[ClaimDiff] = field(default_factory=list)  # alerted facts now resting on more sources


def source_of(article: Article, story_id: str) -> Source:
    return Source(article_id=article.article_id, url=article.url, publisher=article.site_name,
                  published=article.published, story_id=story_id, title=article.title)  # fmt: skip


def assess_article(
    state: KnownState,
    extractor: ClaimSource,
    matcher: StoryMatcher | None,
    article: Article,
    watch: WatchConfig,
    baseline_date: date,
    *,
    update: bool = False,
) -> Assessment:
    """Extract, match the story, and diff; `state` is advanced in place. `matcher` None: `match_story`.

    `update`: the article is a changed version of one already assessed (same article id, re-fetched); it is
    its own story, never a copy of itself.
    """
    claims, rejected = screen_figures(extractor.extract(article), watch.figure_limits)
    for warning in rejected:  # never stored, diffed or alerted
        log.warning("%s", warning)
    if update:
        story = StoryMatch(article.article_id, False, 1.0, fingerprint(article).encode())
    else:
        story = (matcher or match_story)(state, article)
    before = article.published is not None and article.published.date() < baseline_date
    if not claims.relevant:
        return Assessment(claims, story, relevant=False, diffs=[], before_baseline=before)
    if before:
        record_story(state, story)
        return Assessment(claims, story, relevant=True, diffs=[], before_baseline=True)
    source = source_of(article, story.story_id)
    supported = support(state)
    diffs = diff_article(state, claims, source, watch, update=update)
    later = corroborations(supported, state, claims, source, watch)
    record_story(state, story)
    return Assessment(claims, story, relevant=True, diffs=diffs, corroborations=later)
