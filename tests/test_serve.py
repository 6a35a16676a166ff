"""The unattended loop of `claimwatch serve` without a Prefect server: fixed ticks, no bursts, no giving up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from flows.serve import next_tick, run_every

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (T0, T0 + MINUTE),
        (T0 + timedelta(seconds=59), T0 + MINUTE),
        (T0 + MINUTE, T0 + 2 * MINUTE),
        (T0 + timedelta(minutes=7, seconds=30), T0 + 8 * MINUTE),  # down for 7 minutes: one run, not seven
    ],
)
def test_next_tick_skips_missed_ticks(now: datetime, expected: datetime) -> None:
    assert next_tick(T0, MINUTE, now) == expected


class FakeClock:
    def __init__(self) -> None:
        self.t = T0
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += timedelta(seconds=seconds)


def test_cycles_run_on_the_interval_and_a_failure_does_not_stop_them() -> None:
    clock = FakeClock()
    calls: list[datetime] = []

    def cycle() -> None:
        calls.append(clock.t)
        clock.t += timedelta(seconds=20)  # a cycle takes 20 s
        if len(calls) == 2:
            raise RuntimeError("feed server exploded")

    assert run_every(MINUTE, cycle, now=clock.now, sleep=clock.sleep, max_cycles=4) == 4
    assert calls == [T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE]
    assert clock.slept == [40.0, 40.0, 40.0]


def test_a_cycle_longer_than_the_interval_skips_to_the_next_tick() -> None:
    clock = FakeClock()
    calls: list[datetime] = []

    def slow_cycle() -> None:
        calls.append(clock.t)
        clock.t += timedelta(seconds=150)

    run_every(MINUTE, slow_cycle, now=clock.now, sleep=clock.sleep, max_cycles=2)
    assert calls == [T0, T0 + 3 * MINUTE]
