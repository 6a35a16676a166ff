"""Alembic run from code: the ordered, named revisions in storage/migrations/versions/."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 0x636C6D77  # advisory lock id: two processes never migrate at once


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Apply every pending revision in one transaction; a no-op when the schema is current."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        command.upgrade(alembic_config(conn), "head")


def pending_revisions(engine: Engine) -> list[str]:
    """Revisions not applied yet, oldest first, as 'id: message' (read-only)."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
    pending = list(script.iterate_revisions(tuple(script.get_heads()), current or "base"))
    return [f"{rev.revision}: {rev.doc}" for rev in reversed(pending) if rev.revision not in current]
