"""The known state (baseline + accepted changes), loaded whole and saved row by row.

Writers of the state serialize on a lock held to the end of their transaction (`lock_state`): an advisory
transaction lock on PostgreSQL; on SQLite every transaction already begins with `BEGIN IMMEDIATE`, the
database's write lock. Inside it a writer loads the state, advances it, and `save_state` touches only the
rows that changed (keyed by track, (track, position), (kind, position), story id), so two runs never
delete each other's rows and a reader never sees the state half-written.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from storage.base import StoreBase
from storage.codec import entity_first_seen, source_from_dict, source_to_dict
from storage.tables import EntityRow, MetaRow, StoryRow, TrackPointRow, TrackValueRow
from watchers.models import KnownEntity, KnownState, TrackPoint

_ENTITY_LISTS = ("assets", "actors", "candidate_actors", "quotes")  # KnownState fields, also the row `kind`
_SAVED_KEY = "known_state_saved_at"
STATE_LOCK_KEY = 0x636C61696D  # "claim": the advisory lock of the known state (PostgreSQL)
_WATCH_KEY = "watch_fingerprint"  # the watch this database was built for (name and tracks), set at first use


class WatchMismatch(RuntimeError):
    """The database was built for another watch (the message says which, and how to go on)."""


class StateStore(StoreBase):
    def check_watch(self, fingerprint: str, *, adopt: bool = False, record: bool = True) -> None:
        """Record `fingerprint` at first use; raise WatchMismatch when the database holds another one, unless
        `adopt` (a deliberate rebuild of the known state for the changed watch). `record=False` (a dry run)
        only compares, and writes nothing."""
        if not record:
            try:
                with self.engine.connect() as conn:
                    stored = conn.execute(select(MetaRow.value).where(MetaRow.key == _WATCH_KEY)).scalar()
            except SQLAlchemyError:  # not migrated yet: nothing to compare with
                return
            _compare(stored, fingerprint)
            return
        with self._tx() as s:
            row = s.get(MetaRow, _WATCH_KEY)
            if row is None or adopt:
                s.merge(MetaRow(key=_WATCH_KEY, value=fingerprint))
                return
            _compare(row.value, fingerprint)

    def load_state(self) -> KnownState | None:
        """The saved state, or None before the first save (then the baseline has to be built)."""
        with self._tx() as s:
            if s.get(MetaRow, _SAVED_KEY) is None:
                return None
            history = _load_history(s)
            return KnownState(
                tracks=_finite_maxima(s.scalars(select(TrackValueRow).order_by(TrackValueRow.position)), history),
                history=history,
                **{kind: _load_entities(s, kind) for kind in _ENTITY_LISTS},
                stories={r.story_id: r.fingerprint for r in s.scalars(select(StoryRow).order_by(StoryRow.story_id))},
            )

    def lock_state(self) -> None:
        """Take the known state's writer lock until the current transaction ends (call inside `transaction()`)."""
        with self._tx() as s:
            if self.engine.dialect.name == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STATE_LOCK_KEY})

    def save_state(self, state: KnownState, now: datetime | None = None) -> None:
        """Make the saved state equal `state`, writing only the rows that differ (in one transaction)."""
        with self._tx() as s:
            _sync(
                s,
                TrackValueRow,
                lambda r: r.track,
                [TrackValueRow(track=t, position=i, value=v) for i, (t, v) in enumerate(state.tracks.items())],
            )
            _sync(s, TrackPointRow, lambda r: (r.track, r.position), _point_rows(state))
            _sync(
                s,
                EntityRow,
                lambda r: (r.kind, r.position),
                [_entity_row(k, i, e) for k in _ENTITY_LISTS for i, e in enumerate(getattr(state, k))],
            )
            _sync(
                s,
                StoryRow,
                lambda r: r.story_id,
                [StoryRow(story_id=k, fingerprint=v) for k, v in state.stories.items()],
            )
            s.merge(MetaRow(key=_SAVED_KEY, value=now.isoformat() if now else ""))


_SKIP = {"id"}  # surrogate keys: never compared or copied


def _sync(s: Session, table: type[Any], key: Callable[[Any], Hashable], desired: list[Any]) -> None:
    """Update changed rows, insert missing ones, delete rows no longer wanted; equal rows are not touched."""
    existing = {key(r): r for r in s.scalars(select(table))}
    columns = [c.key for c in table.__table__.columns if c.key not in _SKIP]
    wanted = {key(r): r for r in desired}
    for k, row in existing.items():
        if k not in wanted:
            s.delete(row)
    s.flush()  # deletes first: a position freed here may be taken below
    for k, new in wanted.items():
        old = existing.get(k)
        if old is None:
            s.add(new)
            continue
        for column in columns:
            value = getattr(new, column)
            if getattr(old, column) != value:
                setattr(old, column, value)


def _compare(stored: str | None, fingerprint: str) -> None:
    if stored is not None and stored != fingerprint:
        raise WatchMismatch(
            f"this database was built for another watch ({stored}), not for {fingerprint}: point "
            "CLAIMWATCH_DATABASE_URL or CLAIMWATCH_DATA_DIR at this watch's own database, or run "
            "`claimwatch baseline build --force` to rebuild the known state here for the changed watch"
        )


def _point_rows(state: KnownState) -> list[TrackPointRow]:
    return [
        TrackPointRow(
            track=track,
            position=i,
            value=p.value,
            sentence=p.sentence,
            accepted=p.accepted,
            source=source_to_dict(p.source),
        )
        for track, points in state.history.items()
        for i, p in enumerate(points)
    ]


def _load_history(s: Session) -> dict[str, list[TrackPoint]]:
    history: dict[str, list[TrackPoint]] = {}
    for r in s.scalars(select(TrackPointRow).order_by(TrackPointRow.track, TrackPointRow.position)):
        if math.isfinite(r.value):  # an inf stored before figure limits existed is dropped (see _finite_maxima)
            point = TrackPoint(r.value, r.sentence, source_from_dict(r.source), r.accepted)
            history.setdefault(r.track, []).append(point)
    return history


def _finite_maxima(rows: Iterable[TrackValueRow], history: dict[str, list[TrackPoint]]) -> dict[str, float]:
    """Each track's known maximum. A database written before figure limits may hold inf or nan, a maximum that
    nothing could ever exceed: it falls back to the highest accepted finite reading (or the track has none)."""
    tracks: dict[str, float] = {}
    for r in rows:
        if math.isfinite(r.value):
            tracks[r.track] = r.value
            continue
        accepted = [p.value for p in history.get(r.track, []) if p.accepted]
        if accepted:
            tracks[r.track] = max(accepted)
    return tracks


def _entity_row(kind: str, position: int, e: KnownEntity) -> EntityRow:
    return EntityRow(
        kind=kind,
        position=position,
        name=e.name,
        category=e.category,
        aliases=list(e.aliases),
        story_ids=list(e.story_ids),
        first_seen=entity_first_seen(e),
        in_baseline=e.in_baseline,
    )


def _load_entities(s: Session, kind: str) -> list[KnownEntity]:
    rows = s.scalars(select(EntityRow).where(EntityRow.kind == kind).order_by(EntityRow.position))
    return [
        KnownEntity(
            name=r.name,
            category=r.category,
            aliases=list(r.aliases),
            story_ids=list(r.story_ids),
            first_seen=source_from_dict(r.first_seen) if r.first_seen else None,
            in_baseline=r.in_baseline,
        )
        for r in rows
    ]
