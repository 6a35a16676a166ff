"""Feed items: insert-or-ignore on the (feed_url, guid) key the database enforces, and each item's work state.

An item is stored `new` in the same transaction as the feed state (ETag, next check) of the poll that found
it, and stays pending until it is `fetched` (it became an article), or `failed` (retried with backoff), or
`gave_up` (a permanent error, or too many attempts; the reason stays in `last_error`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update

from storage.base import StoreBase
from storage.tables import ItemRow
from watchers.models import FeedItem
from watchers.redact import redact

MAX_ITEM_ATTEMPTS = 5
ITEM_RETRY_BASE = timedelta(minutes=5)  # then 10, 20, 40 min: a few cycles, not a tight loop


@dataclass(frozen=True)
class PendingItem:
    id: int
    item: FeedItem
    attempts: int = 0


class ItemStore(StoreBase):
    def add_items(self, items: list[FeedItem]) -> list[FeedItem]:
        """Store the items not seen before (state `new`) and return exactly those, in input order."""
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

    def pending_items(self, now: datetime, per_feed: int | None = None) -> list[PendingItem]:
        """Items still to fetch (new, or failed and due again): at most `per_feed` per feed, oldest first
        (undated last); the rest wait for the next cycle."""
        pending = or_(ItemRow.state == "new", (ItemRow.state == "failed") & (ItemRow.next_attempt_at <= now))
        order = (ItemRow.published.is_(None), ItemRow.published, ItemRow.id)
        rank = func.row_number().over(partition_by=ItemRow.feed_url, order_by=order).label("rank")
        ranked = select(ItemRow.id, rank).where(pending).subquery()
        query = select(ItemRow).join(ranked, ranked.c.id == ItemRow.id)
        if per_feed is not None:
            query = query.where(ranked.c.rank <= per_feed)
        with self._tx() as s:
            rows = s.scalars(query.order_by(*order)).all()
            return [PendingItem(r.id, _item(r), r.attempts) for r in rows]

    def mark_item_fetched(self, item_id: int, article_id: str | None) -> None:
        """The item is done: it became (or was a copy of) this article, or it has no page to fetch (None)."""
        with self._tx() as s:
            s.execute(
                update(ItemRow)
                .where(ItemRow.id == item_id)
                .values(state="fetched", article_id=article_id, last_error=None, next_attempt_at=None)
            )

    def mark_item_failed(self, item_id: int, error: str, now: datetime, *, permanent: bool = False) -> str:
        """Record a failed fetch; retried with backoff until MAX_ITEM_ATTEMPTS, then (or when `permanent`)
        `gave_up`. Returns the new state."""
        with self._tx() as s:
            row = s.get_one(ItemRow, item_id)
            row.attempts += 1
            row.last_error = redact(error)[:2000]
            if permanent or row.attempts >= MAX_ITEM_ATTEMPTS:
                row.state, row.next_attempt_at = "gave_up", None
            else:
                row.state, row.next_attempt_at = "failed", now + ITEM_RETRY_BASE * 2 ** (row.attempts - 1)
            return row.state

    def item_counts(self) -> dict[str, int]:
        query = select(ItemRow.state, func.count()).group_by(ItemRow.state)
        with self._tx() as s:
            return {state: int(n) for state, n in s.execute(query)}

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
