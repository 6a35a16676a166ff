"""One monitor cycle, written once: poll → fetch pending → assess pending → outbox → deliver.

The stages are passed in, so the Prefect flow runs them as tasks and `claimwatch run --local` runs them
directly; both share this order, the batching and the summary.

Nothing is carried from one stage to the next in memory only: polled items are stored `new`, fetched
articles `fetched`, and the fetch and assess stages take what is pending in the database. So a cycle that
died anywhere is finished by the next one (at most N items per feed per cycle: the rest wait their turn).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flows import steps
from flows.runtime import Runtime
from storage.items import PendingItem
from storage.meta import CycleRecord
from watchers.models import FeedItem, FeedState
from watchers.outbox import DrainReport

log = logging.getLogger("claimwatch.cycle")


@dataclass(frozen=True)
class Stages:
    poll: Callable[[list[FeedState]], list[steps.FeedOutcome]]
    fetch: Callable[[list[list[PendingItem]]], list[steps.FetchOutcome]]
    refetch: Callable[[], steps.FetchOutcome]
    assess: Callable[[], steps.AssessOutcome]
    deliver: Callable[[], DrainReport]


def local_stages(rt: Runtime, workers: int = 4) -> Stages:
    """The stages run in this process: feeds polled and pages fetched on thread pools (the HTTP client holds
    a few slots per host), assessment in order."""

    def poll(feeds: list[FeedState]) -> list[steps.FeedOutcome]:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda s: steps.poll_one_feed(rt, s), feeds))

    def fetch(batches: list[list[PendingItem]]) -> list[steps.FetchOutcome]:
        with ThreadPoolExecutor(max_workers=rt.watch.cycle.fetch_workers) as pool:
            return list(pool.map(lambda b: steps.fetch_items(rt, b), batches))

    return Stages(
        poll=poll,
        fetch=fetch,
        refetch=lambda: steps.refetch_due(rt),
        assess=lambda: steps.assess_pending(rt),
        deliver=lambda: steps.deliver_outbox(rt),
    )


@dataclass
class CycleSummary:
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    feed_errors: list[str] = field(default_factory=list)
    feed_notes: list[str] = field(default_factory=list)
    new_items: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    fetch_errors: list[str] = field(default_factory=list)
    assess_errors: list[str] = field(default_factory=list)
    relevant: int = 0
    copies: int = 0
    claims: int = 0
    alerts: int = 0
    delivered: int = 0
    delivery_failures: int = 0
    route_problems: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, int]]:
        return [
            ("feeds polled", self.feeds_polled),
            ("feeds unchanged (304)", self.feeds_not_modified),
            ("feed errors", len(self.feed_errors)),
            ("new items", self.new_items),
            ("new articles", self.new_articles),
            ("articles updated since last fetch", self.updated_articles),
            ("fetch errors", len(self.fetch_errors)),
            ("articles that failed assessment", len(self.assess_errors)),
            ("relevant articles", self.relevant),
            ("copies of known stories", self.copies),
            ("claims", self.claims),
            ("alerts raised", self.alerts),
            ("alerts delivered", self.delivered),
            ("delivery failures", self.delivery_failures),
        ]

    @property
    def every_feed_failed(self) -> bool:
        return self.feeds_polled > 0 and len(self.feed_errors) == self.feeds_polled

    def as_markdown(self) -> str:
        table = "\n".join(f"| {k} | {v} |" for k, v in self.rows())
        errors = "\n".join(f"- {e}" for e in [*self.feed_errors, *self.fetch_errors, *self.assess_errors][:50])
        return f"| step | count |\n|---|---|\n{table}\n" + (f"\n**Errors**\n\n{errors}\n" if errors else "")


def record_cycle(rt: Runtime, summary: CycleSummary | None, error: str | None = None) -> None:
    """Keep when this cycle ended and whether it did its job, for `claimwatch health`."""
    if summary is not None and summary.every_feed_failed:
        error = error or f"every feed failed ({summary.feeds_polled})"
    note = error or (
        f"{summary.feeds_polled} feeds, {summary.new_articles} new articles, {summary.alerts} alerts" if summary else ""
    )
    rt.store.record_cycle(CycleRecord(rt.now(), error is None, note))


def judge_health(last: CycleRecord | None, now: datetime, max_age: timedelta) -> tuple[bool, str]:
    """(healthy, one line) for monitoring: the last cycle ended well and not longer than `max_age` ago."""
    if last is None:
        return False, "no monitor cycle has run yet"
    age = now - last.finished_at
    when = f"last cycle finished {last.finished_at:%Y-%m-%d %H:%M:%S} UTC ({int(age.total_seconds() // 60)} min ago)"
    if not last.ok:
        return False, f"{when} and failed: {last.note}"
    if age > max_age:
        return False, f"{when}: older than {int(max_age.total_seconds() // 60)} min, the monitor is not running"
    return True, f"{when}: ok, {last.note}"


def run_cycle(rt: Runtime, stages: Stages, shard: int = 0, shards: int = 1) -> CycleSummary:
    """One cycle over the due feeds of shard `shard` of `shards` (re-fetching updated articles is shard 0's)."""
    summary = CycleSummary()
    steps.ensure_baseline(rt)
    feeds = steps.due_feeds(rt, shard, shards)
    log.info("polling %d feeds (shard %d of %d)", len(feeds), shard, shards)
    items: list[FeedItem] = []
    for outcome in stages.poll(feeds):
        summary.feeds_polled += 1
        summary.feeds_not_modified += int(outcome.status == "not_modified")
        if outcome.error:
            summary.feed_errors.append(f"{outcome.feed_url}: {outcome.error}")
            log.warning("feed failed: %s — %s", outcome.feed_url, outcome.error)
        for note in outcome.notes:
            summary.feed_notes.append(f"{outcome.feed_url}: {note}")
            log.warning("feed %s: %s", outcome.feed_url, note)
        items.extend(outcome.new_items)
    summary.new_items = len(items)
    # this poll's items and any a previous cycle left, N per feed, of this shard's feeds
    batches = steps.pending_batches(rt, shard=shard, shards=shards)
    for fetched in stages.fetch(batches) if batches else []:
        summary.new_articles += len(fetched.articles)
        summary.fetch_errors.extend(fetched.errors)
    refetched = stages.refetch() if shard == 0 else steps.FetchOutcome([], 0, [])
    summary.updated_articles = len(refetched.articles)
    summary.fetch_errors.extend(refetched.errors)
    assessed = stages.assess()
    summary.relevant, summary.copies, summary.claims = assessed.relevant, assessed.copies, assessed.claims
    summary.assess_errors = assessed.errors
    summary.alerts = len(assessed.alerts)
    summary.route_problems = steps.route_problems(rt)
    for problem in summary.route_problems:
        log.warning("%s", problem)
    report = stages.deliver()
    summary.delivered, summary.delivery_failures = report.delivered, report.failed
    return summary
