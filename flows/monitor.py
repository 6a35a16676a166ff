"""The `monitor` flow: one cycle of poll → fetch new → extract → claims → diff → outbox → deliver.

Tasks are coarse (one per feed, one per batch of articles) because a task run costs ~5 ms in the client
and ~44 ms of server CPU; the work inside them is plain functions from `flows.steps` and `watchers`.
Tasks take the Runtime (clients, store), which cannot be hashed, so they opt out of caching.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from config.settings import Settings
from flows import steps
from flows.cycle import CycleSummary, Stages, record_cycle, run_cycle
from flows.prefect_logs import route_project_logs
from flows.report import board_markdown
from flows.runtime import Runtime, open_runtime
from flows.secrets import prefect_secret_lookup
from flows.views import load_board
from storage.items import PendingItem
from watchers.models import FeedState
from watchers.outbox import DrainReport


class EveryFeedFailed(RuntimeError):
    """Raised after the cycle's summary is saved, so the run ends Failed instead of Completed."""


@task(name="poll-feed", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def poll_feed_task(state: FeedState, rt: Runtime) -> steps.FeedOutcome:
    return steps.poll_one_feed(rt, state)


@task(name="fetch-articles", cache_policy=NO_CACHE)
def fetch_batch_task(items: list[PendingItem], rt: Runtime) -> steps.FetchOutcome:
    return steps.fetch_items(rt, items)


@task(name="refetch-articles", cache_policy=NO_CACHE)
def refetch_task(rt: Runtime) -> steps.FetchOutcome:
    return steps.refetch_due(rt)


@task(name="assess-articles", cache_policy=NO_CACHE)
def assess_task(rt: Runtime) -> steps.AssessOutcome:
    return steps.assess_pending(rt)


@task(name="deliver-alerts", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30])
def deliver_task(rt: Runtime) -> DrainReport:
    return steps.deliver_outbox(rt)


def prefect_stages(rt: Runtime) -> Stages:
    return Stages(
        poll=lambda feeds: list(poll_feed_task.map(feeds, rt=unmapped(rt)).result()) if feeds else [],
        fetch=lambda batches: list(fetch_batch_task.map(batches, rt=unmapped(rt)).result()),
        refetch=lambda: refetch_task(rt),
        assess=lambda: assess_task(rt),
        deliver=lambda: deliver_task(rt),
    )


def is_stale(scheduled: datetime, now: datetime, limit_seconds: int) -> bool:
    """A run that starts more than `limit_seconds` after its scheduled time was missed (worker down)."""
    return now - scheduled > timedelta(seconds=limit_seconds)


@flow(name="monitor", task_runner=ThreadPoolTaskRunner(max_workers=4))  # type: ignore[arg-type]
def monitor_flow(shard: int = 0, shards: int = 1) -> CycleSummary | None:
    """Poll the due feeds of shard `shard` of `shards` once and alert on what changed.

    A run that starts long after its scheduled time (a worker back from downtime running its Late runs) is
    skipped: the next on-time run polls everything that is due, so nothing is lost.
    """
    route_project_logs()
    logger = get_run_logger()
    settings = Settings()
    rt = open_runtime(settings, secret_lookup=prefect_secret_lookup)
    try:
        scheduled = flow_run.scheduled_start_time
        limit = rt.watch.schedule.lateness_limit
        if is_stale(scheduled, datetime.now(UTC), limit):
            logger.warning("skipped: scheduled for %s, more than %d s ago (a missed run)", scheduled, limit)
            return None
        try:
            summary = run_cycle(rt, prefect_stages(rt), shard, shards)
        except Exception as exc:
            record_cycle(rt, None, f"{type(exc).__name__}: {exc}")
            raise
        record_cycle(rt, summary)
        state = rt.store.load_state()
        board = load_board(rt.store, rt.watch, state) if state is not None else None
    finally:
        rt.close()
    create_markdown_artifact(summary.as_markdown(), key="monitor-summary", description="claimwatch monitor cycle")
    if board is not None:  # the situation after this cycle, in the Prefect UI (Artifacts)
        create_markdown_artifact(board_markdown(board), key="situation-board", description="claimwatch board")
    if summary.every_feed_failed:
        raise EveryFeedFailed(f"every feed failed ({summary.feeds_polled}): " + "; ".join(summary.feed_errors[:5]))
    return summary
