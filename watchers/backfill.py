"""A backfill's per-article work, the part worth spreading over processes: a JSONL line (or an article already
fetched) → text and metadata → claims, relevance and the story fingerprint. Pure and picklable: no database,
no clock; the flow stores and assesses the results in input order, so any number of workers gives the same.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from watchers.claims import ClaimExtractor
from watchers.jsonl import article_from_line
from watchers.models import Article, ArticleClaims
from watchers.stories import fingerprint
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
    fingerprint: str  # the story fingerprint, encoded; empty when off-topic (never matched)

    def slim(self) -> Processed:
        """Without the text and claims (stored by then): what assessing it later needs to hold in memory."""
        return replace(self, article=replace(self.article, text=""), claims=replace(self.claims, claims=()))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_url(article: Article) -> str:
    """The canonical URL an article is stored under (one without a URL gets a URN of its id)."""
    return canonical_url(article.url) if article.url else f"urn:claimwatch:{article.article_id}"


def process(extractor: ClaimExtractor, job: Job) -> Processed:
    """Extract one input; a bad line raises `ArticleFileError` naming it."""
    article = job.article or article_from_line(job.line, job.where)
    claims = extractor.extract(article, relevant_only=True)
    print_ = fingerprint(article).encode() if claims.relevant else ""
    return Processed(article, stored_url(article), content_hash(article.text), claims, print_)


# The worker processes' extractor, built once per process by `init_worker` (a pool's initializer).
_EXTRACTOR: ClaimExtractor | None = None


def init_worker(extractor: ClaimExtractor) -> None:
    global _EXTRACTOR
    _EXTRACTOR = extractor


def process_in_worker(job: Job) -> Processed:
    assert _EXTRACTOR is not None, "init_worker was not run in this process"
    return process(_EXTRACTOR, job)
