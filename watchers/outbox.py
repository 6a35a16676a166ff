"""Delivering the outbox: route filters, holds for digests and quiet hours, retries that never give up.

Reads top to bottom: release due digests, claim due rows, and for each one skip, hold or send it.
The store and the sender are passed in; nothing here knows apprise or SQL.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from config.watch import SEVERITY_ORDER, RouteConfig, WatchConfig
from storage import OutboxEntry, Store
from watchers.alerts import compose_digest
from watchers.delivery import DeliveryResult
from watchers.models import Alert
from watchers.schedule import HoldReason, RetryPolicy, digest_due, hold_reason, retry_delay

Send = Callable[[Alert, str], DeliveryResult]


@dataclass
class DrainReport:
    """What one drain did; `failing` counts rows past the policy's attempt threshold (still retried)."""

    delivered: int = 0
    failed: int = 0
    failing: int = 0
    held: int = 0
    skipped: int = 0
    digests: int = 0
    errors: list[str] = field(default_factory=list)  # "route: error", secrets already masked


def route_accepts(route: RouteConfig, alert: Alert) -> bool:
    """Severity at least the route's minimum, and one of its tags (alert type or track) when it has tags."""
    if SEVERITY_ORDER[alert.severity] < SEVERITY_ORDER[route.min_severity]:
        return False
    return alert.type == "digest" or not route.tags or bool(set(route.tags) & set(alert.tags))


def routes_for(alert: Alert, watch: WatchConfig) -> list[str]:
    return [r.name for r in watch.alerts.routes if route_accepts(r, alert)]


def enqueue_for_routes(store: Store, alerts: list[Alert], watch: WatchConfig, now: datetime) -> int:
    """Put each alert in the outbox once per route that takes it; re-running adds nothing."""
    return sum(
        store.enqueue_alerts([a for a in alerts if route_accepts(route, a)], [route.name], now)
        for route in watch.alerts.routes
    )


def release_digests(store: Store, watch: WatchConfig, now: datetime) -> int:
    """Turn each route's held alerts into one digest row when the schedule says so. Returns digests made."""
    made = 0
    for route in watch.alerts.routes:
        held = store.list_outbox("held", route=route.name)
        waiting: list[tuple[datetime, HoldReason]] = [
            (e.created_at, "quiet" if e.hold_reason == "quiet" else "digest") for e in held
        ]
        if not digest_due(waiting, now, watch.alerts):
            continue
        digest = compose_digest([e.alert for e in held], watch, now)
        made += store.enqueue_digest(digest, route.name, [e.id for e in held], now) is not None
    return made


def drain_outbox(
    store: Store,
    send: Send,
    watch: WatchConfig,
    now: datetime,
    max_batch: int = 50,
    policy: RetryPolicy = RetryPolicy(),
    rng: random.Random | None = None,
    clock: Callable[[], datetime] | None = None,
) -> DrainReport:
    """Deliver up to `max_batch` rows due at `now`; each ends delivered, failed (retried later), held or skipped.

    Rows are claimed one at a time, each with its own lease, so a slow route cannot outlast the lease of
    rows still waiting in this drain. `clock` (production: the wall clock) times each claim and outcome;
    tests leave it out and everything happens at `now`.
    """
    rng = rng or random.Random()
    clock = clock or (lambda: now)
    report = DrainReport(digests=release_digests(store, watch, now))
    routes = {r.name: r for r in watch.alerts.routes}
    for _ in range(max_batch):
        claimed = store.claim_due(max(now, clock()), 1, policy.lease)
        if not claimed:
            break
        entry = claimed[0]
        _handle(store, send, entry, routes.get(entry.route), watch, clock, policy, rng, report)
    return report


def _handle(
    store: Store,
    send: Send,
    entry: OutboxEntry,
    route: RouteConfig | None,
    watch: WatchConfig,
    clock: Callable[[], datetime],
    policy: RetryPolicy,
    rng: random.Random,
    report: DrainReport,
) -> None:
    if route is None or not route_accepts(route, entry.alert):
        store.skip(entry.id, f"route {entry.route!r} is not configured or no longer takes this alert")
        report.skipped += 1
        return
    reason = hold_reason(entry.alert.severity, entry.alert.type == "digest", clock(), watch.alerts)
    if reason:
        store.hold(entry.id, reason)
        report.held += 1
        return
    result = _send(send, entry)
    now = clock()
    if result.ok:
        store.mark_delivered(entry.id, now)
        report.delivered += 1
        return
    attempts = entry.attempts + 1
    error = result.error or "delivery failed"
    store.mark_failed(entry.id, error, now + retry_delay(attempts, policy, rng, result.retry_after))
    report.failed += 1
    report.failing += attempts >= policy.failing_after
    report.errors.append(f"{entry.route}: {error}")


def _send(send: Send, entry: OutboxEntry) -> DeliveryResult:
    try:
        return send(entry.alert, entry.route)
    except Exception as exc:  # a broken sender fails this row (retried), not the whole drain
        return DeliveryResult(False, f"{type(exc).__name__}: {exc}")
