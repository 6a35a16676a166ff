"""What each part of a split backfill prepared: its articles in request order, recorded once per part; and
the new articles of a part stored with their claims in two statements per batch."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from storage.base import StoreBase
from storage.codec import claim_to_dict
from storage.tables import ArticleRow, BackfillPartRow, ClaimRow
from watchers.models import Article, ArticleClaims

# An article to store: (the article, its canonical URL, its content hash, its claims and relevance)
NewArticle = tuple[Article, str, str, ArticleClaims]


class BackfillStore(StoreBase):
    def insert_prepared(self, new: list[NewArticle], now: datetime) -> None:
        """Insert articles not stored yet, `prepared` (the monitor leaves them to their backfill), with their
        claims and relevance. IntegrityError when one of them is stored after all: run it in a savepoint."""
        if not new:
            return
        articles = [
            {"id": a.article_id, "canonical_url": url, "url": a.url, "title": a.title, "text": a.text,
             "published": a.published, "author": a.author, "site_name": a.site_name, "content_hash": content_hash,
             "first_seen_at": now, "fetched_at": now, "changed_at": now, "next_refetch_at": None,
             "relevant": claims.relevant, "relevance": claims.relevance, "state": "prepared"}
            for a, url, content_hash, claims in new
        ]  # fmt: skip
        claim_rows = [
            {"article_id": a.article_id, "position": i, "type": c.type, "data": claim_to_dict(c)}
            for a, _, _, claims in new
            for i, c in enumerate(claims.claims)
        ]
        with self._tx() as s:
            s.execute(insert(ArticleRow), articles)
            if claim_rows:
                s.execute(insert(ClaimRow), claim_rows)

    def record_backfill_part(self, backfill_id: str, part: int, article_ids: list[str], errors: list[str]) -> bool:
        """Record a finished part; False when it was recorded before (a retried part adds nothing)."""
        stmt = self._insert(BackfillPartRow).on_conflict_do_nothing(index_elements=["backfill_id", "part"])
        with self._tx() as s:
            values = {"backfill_id": backfill_id, "part": part, "article_ids": article_ids, "errors": errors}
            return bool(s.execute(stmt.returning(BackfillPartRow.part), [values]).first())

    def backfill_parts(self, backfill_id: str) -> dict[int, tuple[list[str], list[str]]]:
        """part → (article ids, errors) of every part recorded so far."""
        query = select(BackfillPartRow).where(BackfillPartRow.backfill_id == backfill_id)
        with self._tx() as s:
            return {r.part: (list(r.article_ids), list(r.errors)) for r in s.scalars(query)}
