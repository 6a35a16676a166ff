"""Feed items: insert-or-ignore on the (feed_url, guid) key the database enforces."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select

from storage.base import StoreBase
from storage.tables import ItemRow
from watchers.models import FeedItem


class ItemStore(StoreBase):
    def add_items(self, items: list[FeedItem]) -> list[FeedItem]:
        """Store the items not seen before and return exactly those, in input order."""
        first: dict[tuple[str, str], FeedItem] = {}
        for item in items:
            first.setdefault((item.feed_url, item.guid), item)
        unique = list(first.values())
        new_keys: set[tuple[str, str]] = set()
        if not unique:
            return []
        stmt = self._insert(ItemRow).on_conflict_do_nothing(index_elements=["feed_url", "guid"])
        with self._tx() as s:  # one cached statement, batched by SQLAlchemy's insertmanyvalues
            rows = s.execute(stmt.returning(ItemRow.feed_url, ItemRow.guid), [asdict(i) for i in unique])
            new_keys.update((r.feed_url, r.guid) for r in rows)
        return [i for i in unique if (i.feed_url, i.guid) in new_keys]

    def items_between(self, start: datetime, end: datetime) -> list[FeedItem]:
        """Items published in [start, end), oldest first (items without a date are left out)."""
        query = (
            select(ItemRow)
            .where(ItemRow.published >= start, ItemRow.published < end)
            .order_by(ItemRow.published, ItemRow.id)
        )
        with self._tx() as s:
            return [_item(row) for row in s.scalars(query)]


def _item(row: ItemRow) -> FeedItem:
    return FeedItem(row.feed_url, row.guid, row.url, row.title, row.summary, row.published)
