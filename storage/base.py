"""What every part of the Store shares: the engine, transactions, and insert-or-ignore."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # The transaction `transaction()` opened in this thread/context, joined by every store call inside it.
        self._current: ContextVar[Session | None] = ContextVar(f"claimwatch_tx_{id(self)}", default=None)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every store call in the block one transaction: all committed when it ends, none if it raises.

        This is how a step commits what belongs together (a feed's validators with the items they produced;
        an article's assessment with its alerts), so a crash in between leaves neither.
        """
        if self._current.get() is not None:  # already inside one: join it
            yield
            return
        with self._sessions.begin() as session:
            token = self._current.set(session)
            try:
                yield
            finally:
                self._current.reset(token)

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction (or the enclosing `transaction()`): committed when the block ends, rolled back if it
        raises."""
        joined = self._current.get()
        if joined is not None:
            yield joined
            return
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside `transaction()`: if the block raises, its writes alone are undone and the transaction goes on
        (one bad article of a batch does not lose the others)."""
        with self._tx() as s, s.begin_nested():
            yield

    def _insert(self, model: type[Any]) -> Any:
        """The dialect's INSERT, which knows ON CONFLICT (both SQLite and PostgreSQL speak it)."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(model)
