"""Delivering the outbox: route filters, holds for digests and quiet hours, retries that never give up.

Reads top to bottom: release due digests, skip rows of routes that are gone, then per route (each with its
own small pool of senders) claim due rows one at a time and hold or send each. A pass stops claiming when its
time budget is spent, and a route whose send timed out gets no more rows in this pass: one hung receiver
costs at most one timeout per sender slot, never the monitor's polling.
The store and the sender are passed in; nothing here knows apprise or SQL.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from config.watch import SEVERITY_ORDER, RouteConfig, WatchConfig
from storage import OutboxEntry, Store
from storage.outbox import MANUAL_HOLD
from watchers.alerts import compose_digest
from watchers.delivery import DeliveryResult
from watchers.models import Alert
from watchers.redact import describe_error
from watchers.schedule import HoldReason, RetryPolicy, digest_due, hold_reason, retry_delay

Send = Callable[[Alert, str], DeliveryResult]
log = logging.getLogger("claimwatch.outbox")
# A row is leased for the send timeout plus a margin, and a send that timed out is not retried sooner: the
# receiver may still be working on it, and the same alert must not arrive while it is.
TIMEOUT_MARGIN = timedelta(seconds=30)


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


def enqueue_for_routes(
    store: Store, alerts: list[Alert], watch: WatchConfig, now: datetime, *, held: bool = False
) -> int:
    """Put each alert in the outbox once per route that takes it (`held`: kept until `alerts release`);
    re-running adds nothing."""
    return sum(
        store.enqueue_alerts([a for a in alerts if route_accepts(route, a)], [route.name], now, held=held)
        for route in watch.alerts.routes
    )


def release_digests(store: Store, watch: WatchConfig, now: datetime) -> int:
    """Turn each route's held alerts into one digest row when the schedule says so. Returns digests made."""
    made = 0
    for route in watch.alerts.routes:
        held = [e for e in store.list_outbox("held", route=route.name) if e.hold_reason != MANUAL_HOLD]
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
    *,
    concurrency: int = 1,
    budget_seconds: float | None = None,
    send_timeout: float | None = None,
    margin: timedelta = TIMEOUT_MARGIN,
) -> DrainReport:
    """Deliver up to `max_batch` rows due at `now`; each ends delivered, failed (retried later), held or skipped.

    Rows are claimed one at a time, each with its own lease (`send_timeout` + `margin` when the send is bounded
    by a timeout, else the policy's), so a slow route cannot outlast the lease of rows still waiting. Each route
    has `concurrency` senders; the pass stops claiming after `budget_seconds` (wall clock). `clock` (production:
    the wall clock) times each claim and outcome; tests leave it out and everything happens at `now`.
    """
    timeout = timedelta(seconds=send_timeout) if send_timeout else None
    run = _Drain(store, send, watch, now, policy, rng or random.Random(), clock or (lambda: now), timeout, margin)
    run.report.digests = release_digests(store, watch, now)
    routes = [r.name for r in watch.alerts.routes]
    for entry in store.claim_due(run.now(), max_batch, run.lease, routes, other=True):
        store.skip(entry.id, f"route {entry.route!r} is not configured or no longer takes this alert")
        run.report.skipped += 1
    run.left = max_batch - run.report.skipped
    run.deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
    slots = [route for route in watch.alerts.routes for _ in range(concurrency)]
    if len(slots) <= 1:  # one sender: no threads (and a deterministic order for tests)
        for route in slots:
            run.work(route)
    else:
        with ThreadPoolExecutor(max_workers=len(slots), thread_name_prefix="deliver") as pool:
            list(pool.map(run.work, slots))
    return run.report


class _Drain:
    """One drain pass shared by its sender threads: the budget, the routes that hung, the report."""

    def __init__(
        self,
        store: Store,
        send: Send,
        watch: WatchConfig,
        start: datetime,
        policy: RetryPolicy,
        rng: random.Random,
        clock: Callable[[], datetime],
        timeout: timedelta | None,
        margin: timedelta,
    ) -> None:
        self.store, self.send, self.watch, self.start, self.policy, self.rng = store, send, watch, start, policy, rng
        self.clock = clock
        # the longest a live sender can hold a row: past it, the row is due again (a crashed sender's)
        self.hold_for = timeout + margin if timeout is not None else None
        self.lease = self.hold_for or policy.lease
        self.report = DrainReport()
        self.left = 0
        self.deadline: float | None = None
        self.hung: set[str] = set()
        self.lock = threading.Lock()

    def now(self) -> datetime:
        return max(self.start, self.clock())

    def _take_turn(self, route: str) -> bool:
        with self.lock:
            if self.left <= 0 or route in self.hung:
                return False
            if self.deadline is not None and time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True

    def work(self, route: RouteConfig) -> None:
        while self._take_turn(route.name):
            claimed = self.store.claim_due(self.now(), 1, self.lease, [route.name])
            if not claimed:
                return
            self.handle(claimed[0], route)

    def handle(self, entry: OutboxEntry, route: RouteConfig) -> None:
        store, report = self.store, self.report
        if not route_accepts(route, entry.alert):
            store.skip(entry.id, f"route {entry.route!r} is not configured or no longer takes this alert")
            with self.lock:
                report.skipped += 1
            return
        reason = hold_reason(entry.alert.severity, entry.alert.type == "digest", self.clock(), self.watch.alerts)
        if reason:
            store.hold(entry.id, reason)
            with self.lock:
                report.held += 1
            return
        result = _send(self.send, entry)
        now = self.clock()
        if result.ok:
            store.mark_delivered(entry.id, now)
            with self.lock:
                report.delivered += 1
            return
        attempts = entry.attempts + 1
        error = result.error or "delivery failed"
        with self.lock:
            delay = retry_delay(attempts, self.policy, self.rng, result.retry_after)
            if result.timed_out:
                self.hung.add(entry.route)  # no more rows for it this pass
                if self.hold_for is not None:
                    delay = max(delay, self.hold_for)  # the receiver may still be on it
            report.failed += 1
            report.failing += attempts >= self.policy.failing_after
            report.errors.append(f"{entry.route}: {error}")
        store.mark_failed(entry.id, error, now + delay)
        log.warning("delivery to route %s failed (attempt %d, next in %s): %s", entry.route, attempts, delay, error)


def _send(send: Send, entry: OutboxEntry) -> DeliveryResult:
    try:
        return send(entry.alert, entry.route)
    except Exception as exc:  # a broken sender fails this row (retried), not the whole drain
        return DeliveryResult(False, describe_error(exc))
