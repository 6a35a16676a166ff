"""Articles: one row per canonical URL, with a content hash so a re-fetch tells changed from same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select

from storage.base import StoreBase
from storage.tables import ArticleRow
from watchers.models import Article


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: the text plus what re-fetching needs."""

    article: Article
    canonical_url: str
    content_hash: str
    fetched_at: datetime
    changed_at: datetime
    next_refetch_at: datetime | None
    first_seen_at: datetime


class ArticleStore(StoreBase):
    def save_article(
        self,
        article: Article,
        canonical_url: str,
        content_hash: str,
        fetched_at: datetime,
        next_refetch_at: datetime | None = None,
    ) -> bool:
        """Insert or update by canonical URL. True when the article is new or its content changed.

        A known URL keeps its first `article_id`; look it up with `find_article(canonical_url)`.
        """
        with self._tx() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.canonical_url == canonical_url))
            if row is None:
                row = ArticleRow(id=article.article_id, canonical_url=canonical_url, first_seen_at=fetched_at)
                s.add(row)
            elif row.content_hash == content_hash:
                row.fetched_at = fetched_at
                row.next_refetch_at = next_refetch_at
                return False
            _fill(row, article, content_hash, fetched_at, next_refetch_at)
            return True

    def has_article(self, canonical_url: str) -> bool:
        with self._tx() as s:
            return bool(s.scalar(select(exists().where(ArticleRow.canonical_url == canonical_url))))

    def get_article(self, article_id: str) -> Article | None:
        with self._tx() as s:
            row = s.get(ArticleRow, article_id)
            return _article(row) if row else None

    def find_article(self, canonical_url: str) -> StoredArticle | None:
        with self._tx() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.canonical_url == canonical_url))
            return _stored(row) if row else None

    def articles_due_refetch(self, now: datetime, limit: int = 100) -> list[StoredArticle]:
        """Articles whose `next_refetch_at` has come, most overdue first."""
        query = (
            select(ArticleRow)
            .where(ArticleRow.next_refetch_at <= now)
            .order_by(ArticleRow.next_refetch_at, ArticleRow.id)
            .limit(limit)
        )
        with self._tx() as s:
            return [_stored(row) for row in s.scalars(query)]

    def set_next_refetch(self, article_id: str, at: datetime | None) -> None:
        """Schedule (or, with None, stop) re-fetching an article."""
        with self._tx() as s:
            s.get_one(ArticleRow, article_id).next_refetch_at = at


def _fill(row: ArticleRow, a: Article, content_hash: str, fetched_at: datetime, next_at: datetime | None) -> None:
    row.url, row.title, row.text, row.published = a.url, a.title, a.text, a.published
    row.author, row.site_name = a.author, a.site_name
    row.content_hash, row.fetched_at, row.changed_at, row.next_refetch_at = (
        content_hash,
        fetched_at,
        fetched_at,
        next_at,
    )


def _article(row: ArticleRow) -> Article:
    return Article(row.id, row.url, row.text, row.title, row.published, row.author, row.site_name)


def _stored(row: ArticleRow) -> StoredArticle:
    return StoredArticle(
        _article(row),
        row.canonical_url,
        row.content_hash,
        row.fetched_at,
        row.changed_at,
        row.next_refetch_at,
        row.first_seen_at,
    )
