"""Storage: SQLAlchemy 2 tables, Alembic migrations and the Store (SQLite by default, PostgreSQL too)."""

from storage.articles import StoredArticle
from storage.outbox import OUTBOX_STATUSES, OutboxEntry, OutboxStatus
from storage.store import Store

__all__ = ["OUTBOX_STATUSES", "OutboxEntry", "OutboxStatus", "Store", "StoredArticle"]
