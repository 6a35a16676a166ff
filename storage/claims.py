"""An article's claims, replaced as a whole each time the article is (re-)extracted."""

from __future__ import annotations

from sqlalchemy import delete, select

from storage.base import StoreBase
from storage.codec import claim_from_dict, claim_to_dict
from storage.tables import ArticleRow, ClaimRow
from watchers.models import ArticleClaims, Claim


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

    def load_claims_of(self, article_ids: list[str]) -> dict[str, ArticleClaims]:
        """The saved claims of these articles, in two queries (keep the list short); those never extracted are
        left out."""
        scores = select(ArticleRow.id, ArticleRow.relevant, ArticleRow.relevance).where(
            ArticleRow.id.in_(article_ids), ArticleRow.relevant.is_not(None)
        )
        query = select(ClaimRow.article_id, ClaimRow.data).where(ClaimRow.article_id.in_(article_ids))
        with self._tx() as s:
            claims: dict[str, list[Claim]] = {}
            for article_id, data in s.execute(query.order_by(ClaimRow.article_id, ClaimRow.position)):
                claims.setdefault(article_id, []).append(claim_from_dict(data))
            return {
                i: ArticleClaims(i, tuple(claims.get(i, ())), bool(relevant), relevance or 0.0)
                for i, relevant, relevance in s.execute(scores)
            }

    def load_claims(self, article_id: str) -> ArticleClaims | None:
        """The saved claims of an article, or None when it was never extracted."""
        return self.load_claims_of([article_id]).get(article_id)
