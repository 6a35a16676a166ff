"""The Store: one object per database, built from a URL, with one mixin per aggregate."""

from __future__ import annotations

from storage.articles import ArticleStore
from storage.backfill import BackfillStore
from storage.claims import ClaimStore
from storage.db import make_engine
from storage.feeds import FeedStore
from storage.items import ItemStore
from storage.meta import MetaStore
from storage.migrate import pending_revisions, upgrade_to_head
from storage.outbox import OutboxStore
from storage.state import StateStore


class Store(FeedStore, ItemStore, ArticleStore, ClaimStore, StateStore, OutboxStore, MetaStore, BackfillStore):
    """Feeds, items, articles, claims, known state and the alert outbox, on SQLite or PostgreSQL."""

    @classmethod
    def from_url(cls, url: str, schema: str | None = None) -> Store:
        """`sqlite:///path.db`, `postgresql://…` or `postgresql+psycopg://…` (`schema`: PostgreSQL search_path)."""
        return cls(make_engine(url, schema))

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        upgrade_to_head(self.engine)

    def pending_migrations(self) -> list[str]:
        return pending_revisions(self.engine)

    def close(self) -> None:
        self.engine.dispose()
