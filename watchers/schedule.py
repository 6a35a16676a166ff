"""When an alert may go out: digest batching, quiet hours, retry backoff. Pure; `now` is passed in."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from config.watch import SEVERITY_ORDER, AlertsConfig, DigestConfig, QuietHoursConfig

HoldReason = Literal["quiet", "digest"]


def in_quiet_hours(now: datetime, quiet: QuietHoursConfig) -> bool:
    """True when `now` (aware) falls in the quiet window, read on the wall clock of its time zone."""
    if not quiet.enabled or quiet.start == quiet.end:
        return False
    local = now.astimezone(ZoneInfo(quiet.timezone)).time().replace(tzinfo=None)
    return _in_window(local, quiet.start, quiet.end)


def _in_window(t: time, start: time, end: time) -> bool:
    if start < end:
        return start <= t < end
    return t >= start or t < end  # the window crosses midnight


def is_digestible(severity: str, digest: DigestConfig) -> bool:
    """Alerts at or below the digest's max severity wait for the next digest."""
    return digest.enabled and SEVERITY_ORDER[severity] <= SEVERITY_ORDER[digest.max_severity]


def hold_reason(severity: str, is_digest: bool, now: datetime, alerts: AlertsConfig) -> HoldReason | None:
    """Why an alert must wait instead of going out now, or None. Critical alerts ignore quiet hours."""
    if severity != "critical" and in_quiet_hours(now, alerts.quiet_hours):
        return "quiet"
    if not is_digest and is_digestible(severity, alerts.digest):
        return "digest"
    return None


def digest_due(held_since: list[tuple[datetime, HoldReason]], now: datetime, alerts: AlertsConfig) -> bool:
    """Whether a route's held alerts (created_at, reason) go out as one digest now.

    Never in quiet hours; right after them when anything was held for them (the catch-up digest);
    otherwise once the oldest waiting alert has waited a whole digest interval.
    """
    if not held_since or in_quiet_hours(now, alerts.quiet_hours):
        return False
    if any(reason == "quiet" for _, reason in held_since):
        return True
    oldest = min(created for created, _ in held_since)
    return now >= oldest + timedelta(minutes=alerts.digest.interval_minutes)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter and a cap; after `failing_after` attempts a row counts as failing."""

    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    jitter: float = 0.2  # up to 20 % shorter, so routes that failed together don't retry together
    failing_after: int = 5
    lease: timedelta = timedelta(minutes=5)  # how long a drain owns the rows it claimed


def retry_delay(attempts: int, policy: RetryPolicy, rng: random.Random, retry_after: float | None = None) -> timedelta:
    """The wait before the next attempt after `attempts` failed ones; a server's Retry-After is a floor."""
    exponent = min(max(attempts - 1, 0), 32)
    delay = min(policy.base * (2**exponent), policy.cap)
    delay *= 1 - rng.uniform(0, policy.jitter)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay
