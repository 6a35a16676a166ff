"""An article's claims, replaced as a whole each time the article is (re-)extracted."""

from __future__ import annotations

from sqlalchemy import delete, select

from storage.base import StoreBase
from storage.codec import claim_from_dict, claim_to_dict
from storage.tables import ArticleRow, ClaimRow
from watchers.models import ArticleClaims


class ClaimStore(StoreBase):
    def save_claims(self, article_id: str, claims: ArticleClaims) -> None:
        """Replace the article's claims and relevance (the article must be saved first)."""
        with self._tx() as s:
            article = s.get_one(ArticleRow, article_id)
            article.relevant, article.relevance = claims.relevant, claims.relevance
            s.execute(delete(ClaimRow).where(ClaimRow.article_id == article_id))
            s.add_all(
                ClaimRow(article_id=article_id, position=i, type=c.type, data=claim_to_dict(c))
                for i, c in enumerate(claims.claims)
            )

    def load_claims(self, article_id: str) -> ArticleClaims | None:
        """The saved claims of an article, or None when it was never extracted."""
        with self._tx() as s:
            article = s.get(ArticleRow, article_id)
            if article is None or article.relevant is None:
                return None
            rows = s.scalars(select(ClaimRow).where(ClaimRow.article_id == article_id).order_by(ClaimRow.position))
            claims = tuple(claim_from_dict(r.data) for r in rows)
            return ArticleClaims(article_id, claims, article.relevant, article.relevance or 0.0)
