"""A test-support seam: `CLAIMWATCH_TEST_CRASH_AT=<stage>:<n>` kills this process (SIGKILL, no clean-up) the n-th
time the pipeline reaches `stage`, so the crash test can stop a real `claimwatch run` at exact points.

Unset (always, outside tests) it costs one dictionary lookup. Stages: poll, fetch, fetched, claims, enqueue,
assessed, send, sent.
"""

from __future__ import annotations

import os
import signal
import threading

_lock = threading.Lock()
_hits: dict[str, int] = {}


def crash_point(stage: str) -> None:
    spec = os.environ.get("CLAIMWATCH_TEST_CRASH_AT")
    if not spec:
        return
    target, _, nth = spec.partition(":")
    if target != stage:
        return
    with _lock:
        _hits[stage] = _hits.get(stage, 0) + 1
        if _hits[stage] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)
