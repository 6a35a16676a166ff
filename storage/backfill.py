"""What each part of a split backfill prepared: its articles in request order, recorded once per part."""

from __future__ import annotations

from sqlalchemy import select

from storage.base import StoreBase
from storage.tables import BackfillPartRow


class BackfillStore(StoreBase):
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
