"""Alembic environment: run by storage.migrate with a connection passed in `config.attributes`.

No logging configuration and no alembic.ini: the caller owns both.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.tables import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if _connection is None:
    raise RuntimeError("run migrations through storage.migrate (Store.migrate), which passes a connection")
_run(_connection)
