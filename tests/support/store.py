"""Stores for tests: a migrated SQLite file, or a fresh PostgreSQL schema dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from storage import Store
from storage.tables import Base

PG_URL = os.environ.get("CLAIMWATCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def sqlite_store(directory: Path) -> Store:
    store = Store.from_url(f"sqlite:///{directory / 'claimwatch.db'}")
    store.migrate()
    return store


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A new schema `cw_test_<random>` (so parallel runs don't collide), dropped at the end.

    Skips the test when the server is unreachable.
    """
    admin_url = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {admin_url} is unreachable: {exc}")
    schema = f"cw_test_{secrets.token_hex(6)}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield schema
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@contextmanager
def postgres_store() -> Iterator[Store]:
    with postgres_schema() as schema:
        store = Store.from_url(PG_URL, schema=schema)
        try:
            store.migrate()
            yield store
        finally:
            store.close()


def empty_tables(store: Store) -> None:
    """Remove every row (the schema stays): each test starts from an empty, migrated database."""
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def backend_store(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Body of a `store` fixture parametrized over BACKENDS; needs a session fixture `pg_store`."""
    if kind == "sqlite":
        store = sqlite_store(tmp_path)
        yield store
        store.close()
        return
    store = request.getfixturevalue("pg_store")
    empty_tables(store)
    yield store
