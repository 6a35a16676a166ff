"""The unattended loop of `claimwatch serve` without a Prefect server: fixed ticks, no bursts, no giving up."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from flows.serve import next_tick, run_every
from storage import Store
from tests.support.prefect_server import BIN, group_alive, prefect_env, spawn, stop, wait_for
from tests.support.smtp import free_port
from tests.support.watchenv import write_watch

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


@pytest.mark.prefect
def test_serve_stops_on_the_first_sigterm_with_its_ephemeral_api(tmp_path: Path) -> None:
    """`claimwatch serve` without a server: one SIGTERM ends it with status 0 and nothing of it left running
    (Prefect's ephemeral API server is its child, in its process group)."""
    dead = f"http://127.0.0.1:{free_port()}/feed.xml"
    watch_file = write_watch(tmp_path, [dead], routes=[])
    env = prefect_env(tmp_path / "prefect")
    env.update(
        CLAIMWATCH_DATA_DIR=str(tmp_path),
        CLAIMWATCH_WATCH_FILE=str(watch_file),
        CLAIMWATCH_HTTP__ALLOW_PRIVATE_HOSTS='["127.0.0.1"]',
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="150",
    )
    proc = spawn([str(BIN / "claimwatch"), "serve"], env, tmp_path / "serve.log")
    store = Store.from_url(f"sqlite:///{tmp_path / 'claimwatch.db'}")
    try:

        def first_cycle_recorded() -> bool:
            try:
                return store.last_cycle() is not None
            except SQLAlchemyError:  # the database is being created
                return False

        wait_for(first_cycle_recorded, 180, interval=0.5, what="serve's first cycle")
        assert stop(proc, timeout=30) == 0, (tmp_path / "serve.log").read_text()[-2000:]
        wait_for(lambda: not group_alive(proc.pid), 10, interval=0.2, what="serve's children to exit")
    finally:
        store.close()
        if group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
