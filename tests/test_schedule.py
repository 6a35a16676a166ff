"""Quiet hours, digest timing and retry backoff, with fixed clocks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from config.watch import AlertsConfig, DigestConfig, QuietHoursConfig
from watchers.schedule import RetryPolicy, digest_due, hold_reason, in_quiet_hours, is_digestible, retry_delay

NY = ZoneInfo("America/New_York")
QUIET_NY = QuietHoursConfig(enabled=True, timezone="America/New_York", start=time(22, 0), end=time(7, 0))


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        (datetime(2025, 11, 3, 21, 59), False),
        (datetime(2025, 11, 3, 22, 0), True),
        (datetime(2025, 11, 4, 0, 30), True),
        (datetime(2025, 11, 4, 6, 59), True),
        (datetime(2025, 11, 4, 7, 0), False),
        (datetime(2025, 11, 2, 1, 30), True),  # the DST change night (the 1:00-2:00 hour happens twice)
        (datetime(2025, 11, 4, 12, 0), False),
    ],
)
def test_quiet_hours_read_on_the_zones_wall_clock(local: datetime, quiet: bool) -> None:
    now_utc = local.replace(tzinfo=NY).astimezone(UTC)
    assert in_quiet_hours(now_utc, QUIET_NY) is quiet


def test_quiet_hours_inside_one_day_and_disabled() -> None:
    lunch = QuietHoursConfig(enabled=True, timezone="UTC", start=time(12, 0), end=time(13, 0))
    assert in_quiet_hours(datetime(2025, 11, 3, 12, 30, tzinfo=UTC), lunch)
    assert not in_quiet_hours(datetime(2025, 11, 3, 13, 0, tzinfo=UTC), lunch)
    assert not in_quiet_hours(datetime(2025, 11, 3, 23, 0, tzinfo=UTC), QUIET_NY.model_copy(update={"enabled": False}))


NIGHT = datetime(2025, 11, 4, 4, 0, tzinfo=UTC)  # 23:00 in New York
DAY = datetime(2025, 11, 4, 17, 0, tzinfo=UTC)  # 12:00 in New York
ALERTS = AlertsConfig(quiet_hours=QUIET_NY, digest=DigestConfig(max_severity="low", interval_minutes=60))


@pytest.mark.parametrize(
    ("severity", "is_digest", "now", "reason"),
    [
        ("critical", False, NIGHT, None),
        ("high", False, NIGHT, "quiet"),
        ("low", False, NIGHT, "quiet"),
        ("low", True, NIGHT, "quiet"),
        ("high", False, DAY, None),
        ("low", False, DAY, "digest"),
        ("low", True, DAY, None),  # a digest is never held for another digest
    ],
)
def test_hold_reason(severity: str, is_digest: bool, now: datetime, reason: str | None) -> None:
    assert hold_reason(severity, is_digest, now, ALERTS) == reason


def test_digestible_follows_max_severity_and_enabled() -> None:
    assert is_digestible("medium", DigestConfig(max_severity="medium"))
    assert not is_digestible("high", DigestConfig(max_severity="medium"))
    assert not is_digestible("low", DigestConfig(enabled=False))


def test_digest_due() -> None:
    assert not digest_due([], DAY, ALERTS)
    assert not digest_due([(DAY - timedelta(minutes=59), "digest")], DAY, ALERTS)
    assert digest_due([(DAY - timedelta(minutes=60), "digest"), (DAY, "digest")], DAY, ALERTS)
    assert digest_due([(DAY, "quiet")], DAY, ALERTS)  # the catch-up digest goes right after quiet hours
    assert not digest_due([(NIGHT - timedelta(hours=3), "quiet")], NIGHT, ALERTS)  # ...not during them


def test_retry_delay_grows_to_the_cap_with_jitter_below() -> None:
    policy = RetryPolicy(base=timedelta(seconds=30), cap=timedelta(minutes=10), jitter=0.2)
    rng = random.Random(7)
    delays = [retry_delay(n, policy, rng) for n in range(1, 12)]
    for n, delay in enumerate(delays, start=1):
        full = min(timedelta(seconds=30 * 2 ** (n - 1)), policy.cap)
        assert full * 0.8 <= delay <= full
    assert delays[-1] > timedelta(minutes=7)  # still retried, at the cap


def test_retry_after_is_a_floor() -> None:
    policy = RetryPolicy(base=timedelta(seconds=30), jitter=0)
    rng = random.Random(1)
    assert retry_delay(1, policy, rng, retry_after=120) == timedelta(seconds=120)
    assert retry_delay(1, policy, rng, retry_after=5) == timedelta(seconds=30)
