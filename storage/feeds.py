"""Feeds and their polling state (validators, errors the user can see, cadence)."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import select

from storage.base import StoreBase
from storage.tables import FeedRow
from watchers.models import FeedState
from watchers.redact import redact

_FEED_FIELDS = [f.name for f in fields(FeedState)]


class FeedStore(StoreBase):
    def upsert_feeds(self, feeds: list[tuple[str, str]]) -> None:
        """Add feeds (url, name) that are new and rename the known ones; their state is kept."""
        if not feeds:
            return
        stmt = self._insert(FeedRow).values([{"url": url, "name": name} for url, name in dict(feeds).items()])
        stmt = stmt.on_conflict_do_update(index_elements=["url"], set_={"name": stmt.excluded.name})
        with self._tx() as s:
            s.execute(stmt)

    def feed_states(self, urls: list[str] | None = None) -> list[FeedState]:
        query = select(FeedRow).order_by(FeedRow.url)
        if urls is not None:
            query = query.where(FeedRow.url.in_(urls))
        with self._tx() as s:
            return [FeedState(**{k: getattr(row, k) for k in _FEED_FIELDS}) for row in s.scalars(query)]

    def save_feed_state(self, state: FeedState) -> None:
        with self._tx() as s:
            s.merge(FeedRow(**{**asdict(state), "last_error": redact(state.last_error or "") or None}))
