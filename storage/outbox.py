"""The alert outbox: one row per (alert, route), claimed with an expiring lease so a crash loses nothing.

Statuses:
- pending    waiting for its first attempt at `next_attempt_at`
- sending    claimed by a drain until `lease_until`; a drain that died leaves it, and it is due again after
- failed     the last attempt failed; retried at `next_attempt_at` (never dropped)
- delivered  done (`delivered_at`)
- held       waiting for a digest or for quiet hours to end (`hold_reason`), or for an operator's
             `claimwatch alerts release` (`hold_reason` "manual": `backfill --no-deliver`)
- digested   went out inside the digest row `digest_id`
- skipped    no route (any more) takes it (`last_error` says why)
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, and_, func, or_, select, update

from storage.base import StoreBase
from storage.codec import alert_from_dict, alert_to_dict
from storage.tables import OutboxRow
from watchers.models import Alert
from watchers.redact import redact

OutboxStatus = Literal["pending", "sending", "failed", "delivered", "held", "digested", "skipped"]
MANUAL_HOLD = "manual"  # the hold_reason of alerts kept for an operator; digests never take them
OUTBOX_STATUSES: tuple[OutboxStatus, ...] = ("pending", "sending", "failed", "delivered", "held", "digested", "skipped")


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    alert: Alert
    route: str
    status: OutboxStatus
    created_at: datetime
    next_attempt_at: datetime
    attempts: int = 0
    last_error: str | None = None
    lease_until: datetime | None = None
    delivered_at: datetime | None = None
    hold_reason: str | None = None
    digest_id: int | None = None


class _LostRace(Exception):
    """Rolls back a digest whose members another drain released first."""


def delivery_key(alert_key: str, route: str) -> str:
    return f"{alert_key}:{route}"


def _due(now: datetime) -> ColumnElement[bool]:
    retryable = and_(OutboxRow.status.in_(("pending", "failed")), OutboxRow.next_attempt_at <= now)
    abandoned = and_(OutboxRow.status == "sending", OutboxRow.lease_until <= now)
    return or_(retryable, abandoned)


class OutboxStore(StoreBase):
    def enqueue_alerts(self, alerts: list[Alert], routes: list[str], now: datetime, *, held: bool = False) -> int:
        """One pending row per (alert, route) (`held`: held until released by hand); rows that exist already
        are left alone. Returns rows added."""
        rows = [_new_row(a, r, now) for a in alerts for r in routes]
        if held:
            for row in rows:
                row.update(status="held", hold_reason=MANUAL_HOLD)
        return self._insert_rows(rows)

    def release_held(self, now: datetime, alert_keys: list[str] | None = None) -> int:
        """Make alerts held by hand (`backfill --no-deliver`) deliverable: all, or those with these keys."""
        stmt = update(OutboxRow).where(OutboxRow.status == "held", OutboxRow.hold_reason == MANUAL_HOLD)
        if alert_keys is not None:
            stmt = stmt.where(OutboxRow.alert_key.in_(alert_keys))
        with self._tx() as s:
            result = s.execute(stmt.values(status="pending", hold_reason=None, next_attempt_at=now))
            return int(result.rowcount)  # type: ignore[attr-defined]

    def enqueue_digest(self, digest: Alert, route: str, member_ids: list[int], now: datetime) -> int | None:
        """Add the digest row and mark its members `digested`, in one transaction. Returns the digest row id,
        or None (and changes nothing) when another drain took any of the members first."""
        try:
            with self._tx() as s:
                row = OutboxRow(**_new_row(digest, route, now))
                s.add(row)
                s.flush()
                taken = s.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id.in_(member_ids), OutboxRow.status == "held")
                    .values(status="digested", digest_id=row.id, hold_reason=None)
                )
                if taken.rowcount != len(set(member_ids)):  # type: ignore[attr-defined]
                    raise _LostRace
                return row.id
        except _LostRace:
            return None

    def requeue(self, alert_keys: list[str], now: datetime) -> int:
        """Send these alerts again (`--resend`): back to pending with a fresh attempt count."""
        stmt = (
            update(OutboxRow)
            .where(OutboxRow.alert_key.in_(alert_keys))
            .values(status="pending", next_attempt_at=now, attempts=0, last_error=None, lease_until=None)
            .values(lease_token=None, delivered_at=None, hold_reason=None, digest_id=None)
        )
        with self._tx() as s:
            return int(s.execute(stmt).rowcount)  # type: ignore[attr-defined]

    def due_deliveries(self, now: datetime, limit: int = 100) -> list[OutboxEntry]:
        """Rows a drain would claim now (read-only: for display; drains use `claim_due`)."""
        query = select(OutboxRow).where(_due(now)).order_by(OutboxRow.next_attempt_at, OutboxRow.id).limit(limit)
        with self._tx() as s:
            return [_entry(r) for r in s.scalars(query)]

    def claim_due(
        self, now: datetime, limit: int, lease: timedelta, routes: list[str] | None = None, *, other: bool = False
    ) -> list[OutboxEntry]:
        """Claim up to `limit` due rows for this drain: status `sending` until `now + lease`. `routes`: only
        rows of these routes (`other`: only rows of any other route).

        One UPDATE whose WHERE re-checks due-ness, so two drains never claim the same row (PostgreSQL
        also skips rows another drain has locked); an abandoned claim is due again once its lease expires.
        """
        token = secrets.token_hex(16)
        # A materialized CTE runs once: as a sub-select, PostgreSQL would re-run it per row and, skipping
        # the rows this very UPDATE had just locked, claim more than `limit`.
        due = _due(now)
        if routes is not None:
            due = and_(due, OutboxRow.route.not_in(routes) if other else OutboxRow.route.in_(routes))
        due_ids = (
            select(OutboxRow.id)
            .where(due)
            .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("due_ids")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        claim = (
            update(OutboxRow)
            .where(OutboxRow.id.in_(select(due_ids.c.id)), due)
            .values(status="sending", lease_until=now + lease, lease_token=token)
            .execution_options(synchronize_session=False)
        )
        with self._tx() as s:
            s.execute(claim)
            rows = s.scalars(select(OutboxRow).where(OutboxRow.lease_token == token).order_by(OutboxRow.id))
            return [_entry(r) for r in rows]

    def mark_delivered(self, entry_id: int, now: datetime) -> None:
        self._finish(entry_id, status="delivered", delivered_at=now, last_error=None)

    def mark_failed(self, entry_id: int, error: str, next_attempt_at: datetime) -> None:
        self._finish(entry_id, status="failed", last_error=redact(error)[:2000], next_attempt_at=next_attempt_at)

    def hold(self, entry_id: int, reason: str) -> None:
        """Park a claimed row until a digest or the end of quiet hours takes it (not an attempt)."""
        self._set(entry_id, status="held", hold_reason=reason, lease_until=None, lease_token=None)

    def skip(self, entry_id: int, reason: str) -> None:
        self._set(entry_id, status="skipped", last_error=redact(reason), lease_until=None, lease_token=None)

    def list_outbox(self, status: str | None = None, route: str | None = None) -> list[OutboxEntry]:
        query = select(OutboxRow).order_by(OutboxRow.id)
        if status is not None:
            query = query.where(OutboxRow.status == status)
        if route is not None:
            query = query.where(OutboxRow.route == route)
        with self._tx() as s:
            return [_entry(r) for r in s.scalars(query)]

    def next_due_at(self) -> datetime | None:
        """When the next row becomes due (a retry, or an abandoned lease), or None when nothing waits."""
        retry = select(func.min(OutboxRow.next_attempt_at)).where(OutboxRow.status.in_(("pending", "failed")))
        lease = select(func.min(OutboxRow.lease_until)).where(OutboxRow.status == "sending")
        with self._tx() as s:
            times = [t for t in (s.scalar(retry), s.scalar(lease)) if t is not None]
        return min(times) if times else None

    def outbox_counts(self) -> dict[str, int]:
        query = select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
        with self._tx() as s:
            return {status: int(n) for status, n in s.execute(query)}

    def _finish(self, entry_id: int, **values: object) -> None:
        """Record an attempt's outcome; a row another drain already delivered stays delivered."""
        stmt = (
            update(OutboxRow)
            .where(OutboxRow.id == entry_id, OutboxRow.status != "delivered")
            .values(attempts=OutboxRow.attempts + 1, lease_until=None, lease_token=None, **values)
        )
        with self._tx() as s:
            s.execute(stmt)

    def _set(self, entry_id: int, **values: object) -> None:
        with self._tx() as s:
            s.execute(update(OutboxRow).where(OutboxRow.id == entry_id).values(**values))

    def _insert_rows(self, rows: list[dict[str, object]]) -> int:
        if not rows:
            return 0
        stmt = self._insert(OutboxRow).on_conflict_do_nothing(index_elements=["delivery_key"])
        with self._tx() as s:
            return len(s.execute(stmt.returning(OutboxRow.id), rows).all())


def _new_row(alert: Alert, route: str, now: datetime) -> dict[str, object]:
    return {
        "delivery_key": delivery_key(alert.key, route),
        "alert_key": alert.key,
        "route": route,
        "alert_type": alert.type,
        "severity": alert.severity,
        "alert": alert_to_dict(alert),
        "status": "pending",
        "created_at": now,
        "next_attempt_at": now,
        "attempts": 0,
    }


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        alert=alert_from_dict(row.alert),
        route=row.route,
        status=row.status,  # type: ignore[arg-type]
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        attempts=row.attempts,
        last_error=row.last_error,
        lease_until=row.lease_until,
        delivered_at=row.delivered_at,
        hold_reason=row.hold_reason,
        digest_id=row.digest_id,
    )
