"""Articles: one row per canonical URL, with a content hash so a re-fetch tells changed from same, and a work
state: `fetched` (awaiting assessment), `updated` (its text changed on a re-fetch: awaiting re-assessment),
`assessed` (its claims, the known state and its alerts are committed, in one transaction), or `failed` (its
assessment raised; `last_error` says why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select, update

from storage.base import StoreBase
from storage.tables import ArticleRow
from watchers.models import Article

PENDING_STATES = ("fetched", "updated", "prepared")  # awaiting (re-)assessment: by a monitor, or by its backfill


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
        state: str = "fetched",
    ) -> bool:
        """Insert or update by canonical URL. True when the article is new or its content changed.

        A new article is `fetched` (awaiting assessment; `state="prepared"`: awaiting the split backfill that
        stored it, so the monitor leaves it alone); an assessed one whose content changed is `updated`.
        A known URL keeps its first `article_id`; look it up with `find_article(canonical_url)`.
        """
        with self._tx() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.canonical_url == canonical_url))
            if row is None:
                row = ArticleRow(
                    id=article.article_id, canonical_url=canonical_url, first_seen_at=fetched_at, state=state
                )
                s.add(row)
            elif row.content_hash == content_hash:
                row.fetched_at = fetched_at
                row.next_refetch_at = next_refetch_at
                return False
            elif row.state == "assessed":
                row.state = "updated"
            _fill(row, article, content_hash, fetched_at, next_refetch_at)
            return True

    def pending_articles(self) -> tuple[list[Article], list[Article]]:
        """(new articles awaiting assessment, updated ones awaiting re-assessment), each oldest stored first."""
        query = select(ArticleRow).where(ArticleRow.state.in_(("fetched", "updated"))).order_by(ArticleRow.changed_at)
        with self._tx() as s:
            rows = s.scalars(query.order_by(ArticleRow.id)).all()
            new = [_article(r) for r in rows if r.state == "fetched"]
            return new, [_article(r) for r in rows if r.state == "updated"]

    def still_pending(self, article_ids: list[str]) -> set[str]:
        """Those of `article_ids` still awaiting (re-)assessment (read under the state lock)."""
        query = select(ArticleRow.id).where(ArticleRow.id.in_(article_ids), ArticleRow.state.in_(PENDING_STATES))
        with self._tx() as s:
            return set(s.scalars(query))

    def mark_assessed(self, article_ids: list[str], *, only_pending: bool = False) -> int:
        """Mark these articles assessed (`only_pending`: those still awaiting it); how many were marked."""
        query = update(ArticleRow).where(ArticleRow.id.in_(article_ids))
        if only_pending:
            query = query.where(ArticleRow.state.in_(PENDING_STATES))
        with self._tx() as s:
            return int(s.execute(query.values(state="assessed")).rowcount)  # type: ignore[attr-defined]

    def mark_article_failed(self, article_id: str, error: str) -> None:
        """Its assessment raised: kept with the reason, not retried by itself (it would fail every cycle)."""
        with self._tx() as s:
            s.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(state="failed", last_error=error))

    def article_counts(self) -> dict[str, int]:
        query = select(ArticleRow.state, func.count()).group_by(ArticleRow.state)
        with self._tx() as s:
            return {state: int(n) for state, n in s.execute(query)}

    def has_article(self, canonical_url: str) -> bool:
        with self._tx() as s:
            return bool(s.scalar(select(exists().where(ArticleRow.canonical_url == canonical_url))))

    def get_article(self, article_id: str) -> Article | None:
        with self._tx() as s:
            row = s.get(ArticleRow, article_id)
            return _article(row) if row else None

    def ids_by_url(self, canonical_urls: list[str]) -> dict[str, str]:
        """canonical URL → article id, for those of `canonical_urls` stored (one query: keep the list short)."""
        query = select(ArticleRow.canonical_url, ArticleRow.id).where(ArticleRow.canonical_url.in_(canonical_urls))
        with self._tx() as s:
            return {url: article_id for url, article_id in s.execute(query)}

    def get_articles(self, article_ids: list[str]) -> dict[str, Article]:
        """id → article, for those of `article_ids` stored (one query: keep the list short)."""
        with self._tx() as s:
            return {r.id: _article(r) for r in s.scalars(select(ArticleRow).where(ArticleRow.id.in_(article_ids)))}

    def article_heads(self, article_ids: list[str]) -> dict[str, tuple[Article, bool | None]]:
        """id → (the article without its text, its stored relevance: None before its claims were saved), for
        those of `article_ids` stored: what ordering and sorting a large batch needs, without the texts."""
        columns = (ArticleRow.id, ArticleRow.url, ArticleRow.title, ArticleRow.published, ArticleRow.author,
                   ArticleRow.site_name, ArticleRow.relevant)  # fmt: skip
        with self._tx() as s:
            rows = s.execute(select(*columns).where(ArticleRow.id.in_(article_ids)))
            return {r.id: (Article(r.id, r.url, "", r.title, r.published, r.author, r.site_name), r.relevant)
                    for r in rows}  # fmt: skip

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
