"""A backfill's per-article work, the part worth spreading over processes: a JSONL line (or an article already
fetched) → text and metadata → claims (unbelievable figures screened out, as assessment does) and relevance.
Pure and picklable: no database, no clock; the flow stores and assesses the results in input order, so any
number of workers gives the same.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from config.watch import FigureLimits
from watchers.claims import ClaimExtractor
from watchers.figure_limits import screen_figures
from watchers.jsonl import parse_article_line
from watchers.models import Article, ArticleClaims
from watchers.urls import canonical_url


@dataclass(frozen=True)
class Job:
    """One input: a JSONL line (with where it came from, for errors) or an article already in hand."""

    line: str = ""
    where: str = ""
    article: Article | None = None


@dataclass(frozen=True)
class Processed:
    article: Article
    canonical_url: str  # the key it is stored under
    content_hash: str
    claims: ArticleClaims  # off-topic: no claims, only the relevance score


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_url(article: Article) -> str:
    """The canonical URL an article is stored under (one without a URL gets a URN of its id)."""
    return canonical_url(article.url) if article.url else f"urn:claimwatch:{article.article_id}"


log = logging.getLogger("claimwatch.backfill")


def process(extractor: ClaimExtractor, limits: FigureLimits, job: Job) -> Processed:
    """Extract one input; a bad line raises `ArticleFileError` naming it."""
    article = job.article or parse_article_line(job.line, job.where)
    claims, rejected = screen_figures(extractor.extract(article, relevant_only=True), limits)
    for warning in rejected:  # never stored, diffed or alerted
        log.warning("%s", warning)
    return Processed(article, stored_url(article), content_hash(article.text), claims)


# The worker processes' extractor and figure limits, set once per process by `init_worker` (a pool's initializer).
_WORKER: tuple[ClaimExtractor, FigureLimits] | None = None


def init_worker(extractor: ClaimExtractor, limits: FigureLimits) -> None:
    global _WORKER
    _WORKER = (extractor, limits)


def process_in_worker(job: Job) -> Processed:
    assert _WORKER is not None, "init_worker was not run in this process"
    return process(*_WORKER, job)
