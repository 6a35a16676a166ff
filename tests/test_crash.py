"""Crash safety, proven from outside: `claimwatch run --local` is SIGKILLed at 24 points across poll, fetch,
claims, enqueue and delivery (deterministic crash points), against a local feed that grows by one article a
run and a local JSON webhook that dedups by Idempotency-Key; then it is rerun until quiet.

Every alert a run without kills sends must arrive, none may be lost, every copy must carry the key the
receiver drops it by, and the database must be consistent (every item fetched, every article assessed,
every alert delivered once per route, the known toll equal to the last alerted one).
"""

from __future__ import annotations

from pathlib import Path

from tests.support.killtest import run_kill_test

# Each run gets one new article, so every stage has work to die in. `sent`: the receiver has the alert, the
# outbox does not know yet (the resend carries the same key). Points a run does not reach are not kills.
CRASHES: list[str | None] = [
    "poll:1", "fetch:1", "fetched:1", "claims:1", "enqueue:1", "assessed:1", "send:1", "sent:1",
    "poll:1", "fetch:1", "claims:1", "enqueue:1", "sent:1", "send:1", "assessed:1", "fetched:1",
    "claims:1", "enqueue:1", "sent:1", "poll:1", "send:1", "sent:1", "fetch:1", "enqueue:1",
]  # fmt: skip


def test_sigkill_at_24_points_loses_no_alert_and_repeats_only_keyed_copies(tmp_path: Path) -> None:
    report = run_kill_test(tmp_path, articles=len(CRASHES), crashes=CRASHES, grow_every=1)
    print(f"kills {report.kills}, expected {report.expected}, received {report.received}, lost {report.lost}, "
          f"duplicates {report.duplicates}, raw posts {report.raw_posts}, {report.seconds:.0f} s")  # fmt: skip
    assert report.kills >= 20, report.killed_at
    assert {k.split(":")[0] for k in report.killed_at} >= {"poll", "fetch", "claims", "enqueue", "send", "sent"}
    assert report.expected >= 20  # the wire is worth an alert per article (a few read as copies)
    assert (report.lost, report.received, report.unexpected) == (0, report.expected, 0)
    assert report.keyless == 0  # every copy is one the receiver can drop
    assert report.raw_posts == report.received + report.duplicates
    assert report.problems == []
