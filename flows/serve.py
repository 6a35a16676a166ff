"""`claimwatch serve`: run the monitor on a schedule, unattended.

With a Prefect server (PREFECT_API_URL set) the flows are served as deployments: Prefect's scheduler creates
the runs, the UI shows them, and operators trigger backfills there. Prefect's local ephemeral API runs no
scheduler service, so without a server the same monitor flow is run on a fixed interval by this process:
missed ticks are skipped (never replayed in a burst), and a failed cycle is logged and retried next tick.

The first SIGTERM (systemd's stop) stops it like Ctrl-C: the default SIGTERM action would end the process
with status 143 and skip the exit handlers that stop Prefect's ephemeral API server (left orphaned) and a
served deployment's flow-run processes. As a KeyboardInterrupt, Prefect and this module clean up and the
process exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

log = logging.getLogger("claimwatch.serve")


def next_tick(anchor: datetime, interval: timedelta, now: datetime) -> datetime:
    """The first tick of the schedule strictly after `now` (ticks missed while busy or down are skipped)."""
    elapsed = (now - anchor) // interval
    return anchor + (elapsed + 1) * interval


def run_every(
    interval: timedelta,
    cycle: Callable[[], object],
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    sleep: Callable[[float], None] = time.sleep,
    max_cycles: int | None = None,
) -> int:
    """Run `cycle` now and then once per interval until stopped (KeyboardInterrupt) or `max_cycles`."""
    anchor = now()
    done = 0
    while max_cycles is None or done < max_cycles:
        try:
            cycle()
        except Exception:  # one bad cycle must not stop an unattended monitor
            log.exception("monitor cycle failed; next attempt at the next tick")
        done += 1
        if max_cycles is not None and done >= max_cycles:
            break
        wait = (next_tick(anchor, interval, now()) - now()).total_seconds()
        sleep(max(0.0, wait))
    return done


def _stop_like_ctrl_c(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def serve(interval_seconds: int, limit: int) -> None:
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    from prefect import serve as prefect_serve

    from flows.backfill import backfill_flow
    from flows.monitor import monitor_flow

    if os.environ.get("PREFECT_API_URL"):
        from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

        # as in prefect.yaml: one cycle at a time, an overlapping run is cancelled rather than queued
        one = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
        monitor = monitor_flow.to_deployment(name="monitor", interval=interval_seconds, concurrency_limit=one)
        backfill = backfill_flow.to_deployment(name="backfill")
        try:
            prefect_serve(monitor, backfill, limit=limit)  # type: ignore[arg-type]  # explicit limit: None = no cap
        except KeyboardInterrupt:
            log.info("stopped")
        return
    log.warning("no PREFECT_API_URL: running the monitor every %d s in this process (no Prefect scheduler)",
                interval_seconds)  # fmt: skip
    stop = threading.Event()
    delivery = threading.Thread(target=_deliver_until, args=(stop,), name="deliver-loop", daemon=True)
    delivery.start()  # failed alerts are retried as they fall due, not only at the next monitor tick
    try:
        run_every(timedelta(seconds=interval_seconds), monitor_flow)
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        stop.set()
        delivery.join(timeout=60)


def _deliver_until(stop: threading.Event) -> None:
    from config.settings import Settings
    from flows.deliver import deliver_loop
    from flows.runtime import open_runtime
    from flows.secrets import prefect_secret_lookup

    rt = open_runtime(Settings(), secret_lookup=prefect_secret_lookup)
    try:
        deliver_loop(rt, stop)
    finally:
        rt.close()
