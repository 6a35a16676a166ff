"""Polling cadence: each feed honours its interval from watch.yaml on the monitor's ticks, and shards split
the feeds without overlap. Fixed clocks, no Prefect."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from flows.cycle import judge_health
from flows.monitor import is_stale
from storage.meta import CycleRecord
from watchers.cadence import is_due, poll_tolerance, shard_of
from watchers.feeds import PollResult, update_feed_state
from watchers.models import FeedState

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def _simulate(monitor_s: int, feed_s: int, ticks: int, lag_s: float) -> list[int]:
    """Tick numbers at which the feed was polled: due feeds are chosen `lag_s` after the tick (start-up,
    queue), and the feed's response comes 2 s later (its next check counts from then)."""
    state = FeedState(url="https://example.org/feed.xml")
    tolerance = poll_tolerance(monitor_s)
    polled = []
    for tick in range(ticks):
        now = T0 + timedelta(seconds=tick * monitor_s + lag_s)
        if is_due(state.next_check_at, now, tolerance):
            polled.append(tick)
            answered = now + timedelta(seconds=2)
            state = update_feed_state(state, PollResult("not_modified"), answered, timedelta(seconds=feed_s))
    return polled


@pytest.mark.parametrize("lag_s", [0.0, 3.0, 40.0])
def test_a_feed_on_the_monitors_interval_is_polled_every_tick(lag_s: float) -> None:
    # a 900 s schedule with polls a few seconds after each tick used to miss every other tick
    assert _simulate(900, 900, 8, lag_s) == list(range(8))


def test_a_feed_with_a_longer_interval_waits_for_the_tick_after_its_time() -> None:
    assert _simulate(900, 1800, 9, 5.0) == [0, 2, 4, 6, 8]
    assert _simulate(900, 3600, 9, 5.0) == [0, 4, 8]


def test_jitter_in_tick_times_does_not_skip_a_tick() -> None:
    state = FeedState(url="u")
    tolerance = poll_tolerance(900)
    lags = [2.0, 30.0, 1.0, 45.0, 0.5, 12.0]
    polled = 0
    for tick, lag in enumerate(lags):
        now = T0 + timedelta(seconds=tick * 900 + lag)
        if is_due(state.next_check_at, now, tolerance):
            polled += 1
            state = update_feed_state(state, PollResult("ok"), now, timedelta(seconds=900))
    assert polled == len(lags)


def test_shards_partition_the_feeds() -> None:
    urls = [f"https://site{i}.example/feed.xml" for i in range(40)]
    for shards in (1, 2, 3):
        groups = [{u for u in urls if shard_of(u, shards) == k} for k in range(shards)]
        assert set().union(*groups) == set(urls)
        assert sum(len(g) for g in groups) == len(urls)
        assert all(groups)  # 40 feeds: no shard is empty
    assert shard_of(urls[0], 3) == shard_of(urls[0], 3)  # stable across calls (not Python's salted hash)
    with pytest.raises(ValueError, match="at least 1"):
        shard_of(urls[0], 0)


def test_a_run_far_behind_its_schedule_is_stale() -> None:
    assert not is_stale(T0, T0 + timedelta(seconds=30), 900)
    assert is_stale(T0, T0 + timedelta(seconds=901), 900)


def test_health_says_when_the_last_cycle_ran_and_whether_it_is_recent() -> None:
    hour = timedelta(hours=1)
    assert judge_health(None, T0, hour) == (False, "no monitor cycle has run yet")
    ok, line = judge_health(CycleRecord(T0, True, "8 feeds"), T0 + timedelta(minutes=10), hour)
    assert ok and "10 min ago" in line and "8 feeds" in line
    ok, line = judge_health(CycleRecord(T0, True, "8 feeds"), T0 + 2 * hour, hour)
    assert not ok and "not running" in line
    ok, line = judge_health(CycleRecord(T0, False, "every feed failed (8)"), T0, hour)
    assert not ok and "every feed failed" in line
