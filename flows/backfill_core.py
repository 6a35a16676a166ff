"""Backfill without orchestration: process the articles an operator names — a JSONL file, a list of URLs,
or stored items in a date range — through the same steps as the monitor. Idempotent: the known state and
the outbox's unique keys mean a re-run alerts and sends nothing twice; `resend` puts the alerts of these
articles back in the outbox. Without delivery the alerts are kept `held` in the outbox (the known state has
moved on, so only they can still tell anyone): `claimwatch alerts release` sends them. A dry run writes the
alerts JSONL and changes nothing in the database.

Two passes, so that memory stays flat however long the input: (1) the input is streamed through extraction,
claims and relevance (`watchers.backfill.process`, in a process pool when there is enough of it), results
taken in input order and stored a batch per transaction; only the on-topic articles are remembered, without
their text or claims. (2) Those are assessed oldest first against the known state, their claims read back a
batch at a time, and marked assessed with the known state and their alerts in one transaction per batch.
Off-topic articles get no claims and take no part in the assessment (they raise nothing): they are marked
assessed as they are stored. A bad line is reported and skipped. On-topic articles stored but not assessed when
a run stops are `fetched` work: the next monitor cycle (or the re-run) assesses them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from config.watch import FigureLimits
from flows import steps
from flows.runtime import Runtime
from watchers.alerts import compose_alert
from watchers.assess import assess_article
from watchers.backfill import Job, Processed, init_worker, process, process_in_worker
from watchers.baseline import build_baseline
from watchers.claims import ClaimExtractor
from watchers.diff import diff_to_payload
from watchers.errors import FetchError
from watchers.jsonl import ArticleFileError, read_articles, read_lines
from watchers.models import Alert, Article, ArticleClaims, Claim, FeedItem
from watchers.outbox import enqueue_for_routes
from watchers.stories import Fingerprint, match_story

ProgressHook = Callable[[int, int], None]

MIN_ARTICLES_PER_WORKER = 100  # below this a worker process costs more to start than it saves
WINDOW_PER_WORKER = 8  # inputs in flight per worker: keeps workers busy, memory bounded
WRITE_BATCH = 100  # articles stored per transaction
ASSESS_BATCH = 500  # on-topic articles assessed between two saves of the known state


@dataclass(frozen=True)
class BackfillRequest:
    jsonl: Path | None = None
    urls: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    alerts_jsonl: Path | None = None
    deliver: bool = True
    resend: bool = False
    dry_run: bool = False
    workers: int | None = None  # processes for extraction and claims; None: one per CPU for a large input

    def describe(self) -> str:
        if self.jsonl:
            return f"file {self.jsonl}"
        if self.urls:
            return f"{len(self.urls)} URLs"
        return f"stored items {self.since or '…'} → {self.until or '…'}"


@dataclass
class BackfillReport:
    assessed: steps.AssessOutcome = field(default_factory=steps.AssessOutcome)
    requeued: int = 0
    delivered: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def alerts(self) -> list[Alert]:
        return self.assessed.alerts


@dataclass
class _OnTopic:
    """An on-topic article waiting for assessment: its text and claims are in the database (`claims` is
    kept here only when a later copy of the same URL replaced them there)."""

    processed: Processed
    stored_id: str
    claims: tuple[Claim, ...] | None = None


class _Given:
    """The claims already extracted for the one article being assessed."""

    def __init__(self, claims: ArticleClaims) -> None:
        self.claims = claims

    def extract(self, article: Article) -> ArticleClaims:
        return self.claims


def collect_jobs(rt: Runtime, req: BackfillRequest) -> tuple[Iterable[Job], int, list[str]]:
    """The inputs a request names, their number and fetch errors. A file is streamed (counted first);
    URLs and stored items are fetched here (known pages are not fetched again)."""
    if req.jsonl:
        path = req.jsonl
        with path.open("rb") as fh:
            total = sum(1 for line in fh if line.strip())
        return (Job(line=line, where=f"{path}:{n}") for n, line in read_lines(path)), total, []
    if req.urls:
        items = [FeedItem(feed_url="backfill", guid=u, url=u) for u in req.urls]
    else:
        start = datetime.combine(req.since or date(1970, 1, 1), time.min, tzinfo=UTC)
        end = datetime.combine(req.until or rt.now().date(), time.max, tzinfo=UTC)
        items = rt.store.items_between(start, end)
    fetched = steps.fetch_items(rt, items)
    return [Job(article=a) for a in fetched.articles], len(fetched.articles), fetched.errors


def default_workers(total: int) -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, total // MIN_ARTICLES_PER_WORKER))


def _start_method() -> str:
    """fork when this process runs no other thread: workers start at once with everything imported and built.
    Otherwise (under Prefect, say) forkserver: a fork would copy locks other threads hold; the server imports
    the worker's modules once and forks the workers from there (still a few seconds to start)."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "forkserver"


def processed_in_order(
    extractor: ClaimExtractor, limits: FigureLimits, jobs: Iterable[Job], workers: int, errors: list[str]
) -> Iterator[Processed]:
    """Each job's result in input order: here, or in `workers` processes with a bounded window in flight. A bad
    line is reported in `errors` and skipped."""
    for done in _in_order(extractor, limits, jobs, workers):
        try:
            yield done.result()
        except ArticleFileError as exc:
            errors.append(str(exc))


def _in_order(
    extractor: ClaimExtractor, limits: FigureLimits, jobs: Iterable[Job], workers: int
) -> Iterator[Future[Processed]]:
    if workers <= 1:
        for job in jobs:
            here: Future[Processed] = Future()
            try:
                here.set_result(process(extractor, limits, job))
            except ArticleFileError as exc:
                here.set_exception(exc)
            yield here
        return
    context = multiprocessing.get_context(_start_method())
    context.set_forkserver_preload(["watchers.backfill"])  # used by forkserver only
    pending: deque[Future[Processed]] = deque()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=init_worker, initargs=(extractor, limits)
    ) as pool:
        try:
            for job in jobs:
                pending.append(pool.submit(process_in_worker, job))
                if len(pending) >= workers * WINDOW_PER_WORKER:
                    yield _settled(pending.popleft())
            while pending:
                yield _settled(pending.popleft())
        finally:
            for future in pending:  # after an error: do not wait for work nobody will read
                future.cancel()


def _settled(future: Future[Processed]) -> Future[Processed]:
    future.exception()  # wait for it
    return future


def run_backfill(rt: Runtime, req: BackfillRequest, progress: ProgressHook | None = None) -> BackfillReport:
    if req.dry_run:
        return dry_run_backfill(rt, req)
    report = BackfillReport()
    jobs, total, report.errors = collect_jobs(rt, req)
    workers = req.workers or default_workers(total)
    results = processed_in_order(rt.extractor, rt.watch.figure_limits, jobs, workers, report.errors)
    on_topic = extract_and_store(rt, results, report, total, progress)
    assess_on_topic(rt, on_topic, report, hold=not req.deliver)
    if req.resend and req.deliver:
        ids = {t.processed.article.article_id for t in on_topic}
        keys = [e.alert.key for e in rt.store.list_outbox() if e.alert.payload.get("article_id") in ids]
        report.requeued = rt.store.requeue(sorted(set(keys)), rt.now())
    if req.alerts_jsonl:
        write_alerts_jsonl(req.alerts_jsonl, report.alerts)
    if req.deliver:
        report.delivered = steps.deliver_outbox(rt).delivered
    return report


def extract_and_store(
    rt: Runtime, results: Iterable[Processed], report: BackfillReport, total: int, progress: ProgressHook | None
) -> list[_OnTopic]:
    """Pass 1: store every result, a batch per transaction; returns the on-topic ones, slimmed."""
    on_topic: list[_OnTopic] = []
    by_url: dict[str, _OnTopic] = {}  # on-topic articles stored so far, by the URL they are stored under

    def flush(batch: list[Processed]) -> None:
        in_batch = Counter(p.canonical_url for p in batch)
        # an on-topic article stored before whose URL comes again: its claims are about to be replaced there
        earlier = [by_url[u] for u in in_batch if u in by_url and by_url[u].claims is None]
        for entry, claims in zip(
            earlier, rt.store.load_claims_of([e.stored_id for e in earlier]).values(), strict=True
        ):
            entry.claims = claims
        with rt.store.transaction():
            ids = rt.store.save_extracted(
                [(p.article, p.canonical_url, p.content_hash, p.claims) for p in batch], rt.now()
            )
            rt.store.mark_assessed([i for p, i in zip(batch, ids, strict=True) if not p.claims.relevant])
        for p, stored_id in zip(batch, ids, strict=True):
            if p.claims.relevant:
                kept = p.claims.claims if in_batch[p.canonical_url] > 1 else None
                on_topic.append(entry := _OnTopic(p.slim(), stored_id, kept))
                by_url[p.canonical_url] = entry
        report.assessed.articles += len(batch)
        report.assessed.relevant += sum(p.claims.relevant for p in batch)
        if progress:
            progress(report.assessed.articles, total)

    batch: list[Processed] = []
    for processed in results:
        batch.append(processed)
        if len(batch) >= WRITE_BATCH:
            flush(batch)
            batch = []
    flush(batch)
    return on_topic


def assess_on_topic(rt: Runtime, on_topic: list[_OnTopic], report: BackfillReport, *, hold: bool) -> None:
    """Pass 2: the on-topic articles oldest first against the known state; their alerts into the outbox (`hold`:
    kept until released), the state saved and the articles marked assessed in one transaction per batch."""
    state = steps.ensure_baseline(rt)
    by_article = {id(t.processed.article): t for t in on_topic}
    ordered = [by_article[id(a)] for a in steps.sorted_by_published(t.processed.article for t in on_topic)]
    for i in range(0, len(ordered), ASSESS_BATCH):
        part = ordered[i : i + ASSESS_BATCH]
        stored = rt.store.load_claims_of([t.stored_id for t in part if t.claims is None])
        out = steps.AssessOutcome()
        for t in part:
            article = t.processed.article
            claims = replace(t.processed.claims, claims=t.claims if t.claims is not None else stored[t.stored_id])
            matcher = partial(match_story, mine=Fingerprint.decode(t.processed.fingerprint))
            assessment = assess_article(state, _Given(claims), matcher, article, rt.watch, rt.watch.baseline_date)
            out.copies += int(assessment.story.is_copy)
            out.claims += len(claims.claims)
            for diff in [*assessment.diffs, *assessment.corroborations]:
                out.alerts.append(compose_alert(diff, rt.watch, diff_to_payload(diff, article.article_id)))
        with rt.store.transaction():
            rt.store.save_state(state)
            if out.alerts:
                out.enqueued = enqueue_for_routes(rt.store, out.alerts, rt.watch, rt.now(), held=hold)
            rt.store.mark_assessed([t.stored_id for t in part])
        report.assessed.add(out)
    if not ordered:
        rt.store.save_state(state)


def dry_run_backfill(rt: Runtime, req: BackfillRequest) -> BackfillReport:
    """The alerts the request would raise, against a copy of the known state (or the baseline, before the
    first run); pages are fetched but not stored. Only the alerts JSONL is written."""
    report = BackfillReport()
    try:
        state = rt.store.load_state() if not rt.store.pending_migrations() else None
    except SQLAlchemyError:  # no database yet: judge against the baseline alone
        state = None
    if state is None:
        docs = [(p.name, p.read_text(encoding="utf-8")) for p in rt.watch.baseline_paths(steps.baseline_dir(rt))]
        state = build_baseline(rt.watch, rt.extractor, docs)
    if req.jsonl:
        articles = list(read_articles(req.jsonl))
    else:
        urls = list(req.urls)
        if not urls:
            start = datetime.combine(req.since or date(1970, 1, 1), time.min, tzinfo=UTC)
            end = datetime.combine(req.until or rt.now().date(), time.max, tzinfo=UTC)
            urls = [i.url for i in rt.store.items_between(start, end) if i.url]
        articles = []
        for url in urls:
            try:
                articles.append(steps.fetch_article(rt, url))
            except FetchError as exc:
                report.errors.append(f"{url}: {type(exc).__name__}: {exc}")
    batch = [(a, False) for a in steps.sorted_by_published(articles)]
    report.assessed, _claims = steps.assess_in_memory(rt, state, batch)
    if req.alerts_jsonl:
        write_alerts_jsonl(req.alerts_jsonl, report.alerts)
    return report


def write_alerts_jsonl(path: Path, alerts: list[Alert]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for alert in alerts:
            fh.write(json.dumps(alert.payload, ensure_ascii=False, default=str, allow_nan=False) + "\n")
