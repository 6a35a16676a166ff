"""A backfill's writes and reads in batches: one transaction stores many articles with their claims, one
query reads many articles' claims back. Same rows as `save_article` + `save_claims` one article at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select

from storage.base import StoreBase
from storage.codec import claim_from_dict, claim_to_dict
from storage.tables import ArticleRow, ClaimRow
from watchers.models import Article, ArticleClaims, Claim


class BackfillStore(StoreBase):
    def save_extracted(
        self, batch: Sequence[tuple[Article, str, str, ArticleClaims]], fetched_at: datetime
    ) -> list[str]:
        """Store each (article, canonical URL, content hash, claims) in one transaction; returns the id each
        is stored under. A canonical URL already stored keeps its row and id (only its claims are replaced),
        as a later copy in the same batch does."""
        if not batch:
            return []
        with self._tx() as s:
            urls = {url for _, url, _, _ in batch}
            known = {
                row.canonical_url: row
                for row in s.scalars(select(ArticleRow).where(ArticleRow.canonical_url.in_(urls)))
            }
            ids: list[str] = []
            for article, url, digest, claims in batch:
                row = known.get(url)
                if row is None:
                    row = ArticleRow(id=article.article_id, canonical_url=url, first_seen_at=fetched_at)
                    row.url, row.title, row.text, row.published = (
                        article.url,
                        article.title,
                        article.text,
                        article.published,
                    )
                    row.author, row.site_name, row.content_hash = article.author, article.site_name, digest
                    row.fetched_at = row.changed_at = fetched_at
                    s.add(row)
                    known[url] = row
                row.relevant, row.relevance = claims.relevant, claims.relevance
                ids.append(row.id)
            s.flush()  # the new articles exist before their claims point at them
            s.execute(delete(ClaimRow).where(ClaimRow.article_id.in_(set(ids))))
            latest = {stored: claims for stored, (_, _, _, claims) in zip(ids, batch, strict=True)}  # last one wins
            rows = [
                {"article_id": stored, "position": i, "type": c.type, "data": claim_to_dict(c)}
                for stored, claims in latest.items()
                for i, c in enumerate(claims.claims)
            ]
            if rows:
                s.execute(insert(ClaimRow), rows)
            return ids

    def load_claims_of(self, article_ids: Sequence[str]) -> dict[str, tuple[Claim, ...]]:
        """The stored claims of many articles in one query, each in its original order (none: empty)."""
        found: dict[str, list[Claim]] = {a: [] for a in article_ids}
        if not found:
            return {}
        query = select(ClaimRow.article_id, ClaimRow.data).where(ClaimRow.article_id.in_(set(found)))
        with self._tx() as s:
            for article_id, data in s.execute(query.order_by(ClaimRow.article_id, ClaimRow.position)):
                found[article_id].append(claim_from_dict(data))
        return {a: tuple(claims) for a, claims in found.items()}
