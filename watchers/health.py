"""Feed health: the backoff schedule, cadence and went-quiet detection, and rows for the `feeds` status table.

Pure functions; the clock comes in as `now`.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from watchers.models import FeedState

DEFAULT_INTERVAL = timedelta(minutes=15)
MAX_BACKOFF = timedelta(hours=6)  # a failing feed is still tried at least this often: never abandoned
FAILING_AFTER = 3  # consecutive errors before "degraded" becomes "failing"
QUIET_FACTOR = 4.0  # silent for this many usual gaps…
MIN_QUIET = timedelta(hours=12)  # …and at least this long: "went quiet"
QUIET_WITHOUT_CADENCE = timedelta(days=7)
CADENCE_WEIGHT = 0.3  # weight of the newest measurement in the moving average of the gap between items
MAX_CLOCK_SKEW = timedelta(minutes=10)  # item dates further in the future than this are ignored

HealthStatus = Literal["healthy", "degraded", "failing", "quiet", "never-polled"]
SEVERITY: dict[str, int] = {"failing": 0, "degraded": 1, "quiet": 2, "never-polled": 3, "healthy": 4}


def backoff_delay(
    consecutive_errors: int, interval: timedelta = DEFAULT_INTERVAL, cap: timedelta = MAX_BACKOFF
) -> timedelta:
    """Wait before the next try after `consecutive_errors` failures: interval, 2×, 4×, … up to `cap`, forever."""
    if consecutive_errors <= 0:
        return interval
    factor = 2 ** min(consecutive_errors - 1, 30)
    return min(interval * factor, max(cap, interval))


def updated_cadence(state: FeedState, published: Iterable[datetime], now: datetime) -> FeedState:
    """Advance when the feed last had a new item and its usual gap between items (median gap, moving average)."""
    times = sorted({t for t in published if t <= now + MAX_CLOCK_SKEW})[-20:]
    if not times:
        return state
    newest = min(times[-1], now)
    last_new = state.last_new_item_at if state.last_new_item_at and state.last_new_item_at >= newest else newest
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    typical = state.typical_interval_seconds
    if gaps:
        measured = statistics.median(gaps)
        typical = measured if typical is None else (1 - CADENCE_WEIGHT) * typical + CADENCE_WEIGHT * measured
    return replace(state, last_new_item_at=last_new, typical_interval_seconds=typical)


def format_duration(delta: timedelta) -> str:
    """'3d 4h', '2h 5m', '45m', '30s' — two units at most."""
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    return f"{minutes}m" if minutes else f"{secs}s"


@dataclass(frozen=True)
class FeedHealth:
    """How one feed is doing, with the one line that says why."""

    url: str
    name: str
    status: HealthStatus
    reason: str
    consecutive_errors: int
    last_success_at: datetime | None
    next_check_at: datetime | None


def _last_error(state: FeedState) -> str:
    return f"{state.last_error_class or 'error'}: {state.last_error or 'no message'}"


def _retry(state: FeedState, now: datetime) -> str:
    if state.next_check_at is None or state.next_check_at <= now:
        return "retry due now"
    return f"retry in {format_duration(state.next_check_at - now)}"


def feed_health(state: FeedState, now: datetime) -> FeedHealth:
    """healthy / degraded (a few errors) / failing (FAILING_AFTER+ errors) / quiet (no new item for much longer
    than usual) / never-polled, and why."""

    def health(status: HealthStatus, reason: str) -> FeedHealth:
        return FeedHealth(
            state.url, state.name, status, reason, state.consecutive_errors, state.last_success_at, state.next_check_at
        )

    if state.last_checked_at is None:
        return health("never-polled", "not polled yet")
    if state.consecutive_errors >= FAILING_AFTER:
        since = (
            f"last success {format_duration(now - state.last_success_at)} ago"
            if state.last_success_at
            else "never succeeded"
        )
        errors = f"{state.consecutive_errors} errors in a row ({_last_error(state)})"
        return health("failing", f"{errors}; {since}; {_retry(state, now)}")
    if state.consecutive_errors > 0:
        return health("degraded", f"last poll failed ({_last_error(state)}); {_retry(state, now)}")
    if state.last_new_item_at is None:
        return health("healthy", "polled fine; no dated item seen yet")
    silence = now - state.last_new_item_at
    usual = ""
    if state.typical_interval_seconds:
        usual = f" (usually every {format_duration(timedelta(seconds=state.typical_interval_seconds))})"
    if state.typical_interval_seconds:
        threshold = max(timedelta(seconds=QUIET_FACTOR * state.typical_interval_seconds), MIN_QUIET)
    else:
        threshold = QUIET_WITHOUT_CADENCE
    if silence > threshold:
        return health("quiet", f"went quiet: no new item for {format_duration(silence)}{usual}")
    return health("healthy", f"last new item {format_duration(silence)} ago{usual}")


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    delta = moment - now
    return f"in {format_duration(delta)}" if delta.total_seconds() > 0 else f"{format_duration(delta)} ago"


def health_rows(states: Iterable[FeedState], now: datetime) -> list[dict[str, str]]:
    """One row per feed for a status table, worst first: feed, status, errors, last success, next check, reason."""
    healths = sorted((feed_health(s, now) for s in states), key=lambda h: (SEVERITY[h.status], h.name or h.url))
    return [
        {
            "feed": h.name or h.url,
            "status": h.status,
            "errors": str(h.consecutive_errors),
            "last success": _when(h.last_success_at, now),
            "next check": _when(h.next_check_at, now),
            "reason": h.reason,
        }
        for h in healths
    ]
