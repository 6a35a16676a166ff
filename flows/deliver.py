"""The delivery loop: retry due alerts between monitor cycles, not only at the next tick.

`claimwatch serve` runs it beside the monitor, `claimwatch deliver --loop` alone; a Prefect `deliver`
deployment calls the same `deliver_loop`. Each pass is bounded by the watch's delivery budget; between passes
it sleeps until the next row is due (at most `cycle.deliver_loop_seconds`), so a retry scheduled in 30 s goes
out in about 30 s.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flows import steps
from flows.runtime import Runtime
from watchers.outbox import DrainReport

log = logging.getLogger("claimwatch.deliver")
MIN_SLEEP = 1.0  # never spin on a row due "now" that a concurrent drain holds


def seconds_until_next(rt: Runtime) -> float:
    """How long the loop may sleep: until the next row is due, at most the watch's loop interval."""
    longest = rt.watch.cycle.deliver_loop_seconds
    due = rt.store.next_due_at()
    if due is None:
        return longest
    return min(longest, max(MIN_SLEEP, (due - rt.now()).total_seconds()))


def deliver_loop(
    rt: Runtime,
    stop: threading.Event | None = None,
    *,
    max_passes: int | None = None,
    on_pass: Callable[[DrainReport], None] | None = None,
) -> int:
    """Drain the outbox pass after pass until `stop` is set (or `max_passes`); returns alerts delivered.

    A pass that fails (the database away for a moment) is logged and retried at the next wake-up."""
    stop = stop or threading.Event()
    delivered = passes = 0
    while not stop.is_set() and (max_passes is None or passes < max_passes):
        passes += 1
        try:
            report = steps.deliver_outbox(rt)
        except Exception:  # an unattended loop must outlive a database blip; the next pass retries
            log.exception("delivery pass failed; retrying in %.0f s", rt.watch.cycle.deliver_loop_seconds)
            stop.wait(rt.watch.cycle.deliver_loop_seconds)
            continue
        delivered += report.delivered
        if on_pass:
            on_pass(report)
        if max_passes is not None and passes >= max_passes:
            break
        stop.wait(seconds_until_next(rt))
    return delivered
