"""Claim extraction: article text → figures, deployments, statements and actors, each with its evidence.

`ClaimExtractor` is built once per watch (it compiles patterns and lexicons) and is pure afterwards.
"""

from __future__ import annotations

from config.watch import WatchConfig
from watchers.claims.actors import ActorExtractor
from watchers.claims.deployments import DeploymentExtractor
from watchers.claims.figures import FigureExtractor
from watchers.claims.learned import Models, load_models
from watchers.claims.relevance import RelevanceJudge
from watchers.claims.statements import StatementExtractor
from watchers.claims.text import prepare
from watchers.models import Article, ArticleClaims, Claim


class ClaimExtractor:
    def __init__(
        self,
        watch: WatchConfig,
        baseline_texts: list[str] | None = None,
        models: Models | None = None,
        explain: bool = False,
    ) -> None:
        # `explain`: each claim says why it came out as it did (`claimwatch extract --explain`); the monitor
        # leaves it off, and then nothing that only an explanation needs is computed.
        self.explain = explain
        # learned weights (watchers/claims/weights/*.json unless given: cross-validation passes its own)
        self.models = load_models() if models is None else models
        self.figures = FigureExtractor(watch, self.models.get("scope"))
        self.deployments = DeploymentExtractor(watch)
        self.actors = ActorExtractor(watch, self.models.get("actor"))
        self.statements = StatementExtractor(watch, self.models.get("speaker"))
        self.relevance = RelevanceJudge(watch, baseline_texts)

    def extract(self, article: Article, *, relevant_only: bool = False) -> ArticleClaims:
        """`relevant_only`: an article judged off-topic gets no claims (a backfill raises nothing from them
        and skips three quarters of the work); its relevance score is the same either way."""
        doc = prepare(article, explain=self.explain)
        if relevant_only and self.relevance.anchors(doc)[0] == 0:  # no keyword at all: scores 0, no cosine needed
            return ArticleClaims(article_id=article.article_id, claims=(), relevant=False, relevance=0.0)
        score = self.relevance.score(doc)
        relevant = self.relevance.is_relevant(score)
        if relevant_only and not relevant:
            return ArticleClaims(article_id=article.article_id, claims=(), relevant=False, relevance=score)
        deployments = self.deployments.extract(doc)
        actors = self.actors.without_units(self.actors.extract(doc), deployments)
        claims: list[Claim] = [
            *self.figures.extract(doc),
            *deployments,
            *self.statements.extract(doc, actors),
            *actors,
        ]
        return ArticleClaims(article_id=article.article_id, claims=tuple(claims), relevant=relevant, relevance=score)
