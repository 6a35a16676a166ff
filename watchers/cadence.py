"""When a feed is due, and which monitor shard polls it. Pure; `now` is passed in.

A feed polled at a tick's start plus a few seconds gets `next_check_at = poll time + interval`, a few
seconds after the next tick: compared strictly, every other tick would skip it (a 900 s schedule then
polls each feed every 30 minutes). A tolerance of a fraction of the monitor's interval makes the next tick
count, while a feed whose own interval is longer still waits for the tick after its time.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

TOLERANCE_FRACTION = 0.25  # of the monitor's interval: larger than a tick's jitter, smaller than a tick


def poll_tolerance(monitor_interval_seconds: int) -> timedelta:
    return timedelta(seconds=monitor_interval_seconds * TOLERANCE_FRACTION)


def is_due(next_check_at: datetime | None, now: datetime, tolerance: timedelta) -> bool:
    """Never polled, or its next check falls before this tick ends (now + tolerance)."""
    return next_check_at is None or next_check_at <= now + tolerance


def shard_of(url: str, shards: int) -> int:
    """A stable shard number for a feed (the same on every machine and Python run, unlike hash())."""
    if shards < 1:
        raise ValueError(f"shards must be at least 1, got {shards}")
    return int.from_bytes(hashlib.sha256(url.encode("utf-8")).digest()[:8], "big") % shards
