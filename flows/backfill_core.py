"""Backfill without orchestration: process the articles an operator names — a JSONL file, a list of URLs,
or stored items in a date range — through the same steps as the monitor. Idempotent: the known state and
the outbox's unique keys mean a re-run alerts and sends nothing twice; `resend` puts the alerts of these
articles back in the outbox. Without delivery the alerts are kept `held` in the outbox (the known state has
moved on, so only they can still tell anyone): `claimwatch alerts release` sends them. A dry run writes the
alerts JSONL and changes nothing in the database.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from config.watch import FigureLimits
from flows import steps
from flows.runtime import Runtime
from watchers.backfill import Job, Processed, init_worker, process, process_in_worker
from watchers.baseline import build_baseline
from watchers.claims import ClaimExtractor
from watchers.errors import FetchError
from watchers.jsonl import ArticleFileError, count_articles, read_articles, read_lines
from watchers.models import Alert, Article, ArticleClaims, FeedItem
from watchers.urls import canonical_url

ProgressHook = Callable[[int, int], None]

MIN_ARTICLES_PER_WORKER = 100  # below this a worker process costs more to start than it saves
WINDOW_PER_WORKER = 8  # inputs in flight per worker: keeps workers busy, memory bounded


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


def part_range(total: int, part: int, parts: int) -> range:
    """The contiguous positions of part `part` of `parts` (parts differ in size by one at most)."""
    if not 0 <= part < parts:
        raise ValueError(f"part must be in 0..{parts - 1}, got {part}")
    return range(total * part // parts, total * (part + 1) // parts)


def _items(rt: Runtime, req: BackfillRequest) -> list[FeedItem]:
    if req.urls:
        return [FeedItem(feed_url="backfill", guid=u, url=u) for u in req.urls]
    start = datetime.combine(req.since or date(1970, 1, 1), time.min, tzinfo=UTC)
    end = datetime.combine(req.until or rt.now().date(), time.max, tzinfo=UTC)
    return rt.store.items_between(start, end)


def prepare_part(rt: Runtime, req: BackfillRequest, backfill_id: str, part: int = 0, parts: int = 1) -> int:
    """Phase 1 of a backfill, for one contiguous part of the request: fetch and extract its pages (known pages
    are not fetched again; a file's lines are parsed and extracted in `req.workers` processes), store the new
    articles with their claims, and record their ids in request order. Parts share nothing but the database,
    so they run on any worker in any order; a part already recorded is not done twice. Returns the number of
    articles recorded."""
    if part in rt.store.backfill_parts(backfill_id):
        return 0
    errors: list[str] = []
    jobs: Iterable[Job]
    if req.jsonl:
        path = req.jsonl
        span = part_range(count_articles(path), part, parts)
        lines = (line for index, line in enumerate(read_lines(path)) if index in span)
        jobs, total = (Job(line=line, where=f"{path}:{n}") for n, line in lines), len(span)
    else:
        items = _items(rt, req)
        span = part_range(len(items), part, parts)
        fetched = steps.fetch_items(rt, items[span.start : span.stop])
        jobs, total, errors = [Job(article=a) for a in fetched.articles], len(fetched.articles), fetched.errors
    ids: list[str] = []
    workers = req.workers or default_workers(total)
    for done in processed_in_order(rt.extractor, rt.watch.figure_limits, jobs, workers, errors):
        article_id = _store_prepared(rt, done.article) if req.jsonl else done.article.article_id
        rt.store.save_claims(article_id, done.claims)
        ids.append(article_id)
    rt.store.record_backfill_part(backfill_id, part, ids, errors)
    return len(ids)


def default_workers(total: int) -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, total // MIN_ARTICLES_PER_WORKER))


def _start_method() -> str:
    """fork when this process runs no other thread: workers start at once with everything imported and built.
    Otherwise (under Prefect, say) forkserver: a fork would copy locks other threads hold."""
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


def _store_prepared(rt: Runtime, article: Article) -> str:
    """The id a file's article is stored under; a new one is stored `prepared` (the monitor leaves it alone)."""
    url = canonical_url(article.url) if article.url else f"urn:claimwatch:{article.article_id}"
    stored = rt.store.find_article(url)
    if stored is not None:
        return stored.article.article_id
    try:
        rt.store.save_article(article, url, steps.content_hash(article), rt.now(), state="prepared")
    except IntegrityError:  # another part stored the same page first
        stored = rt.store.find_article(url)
        if stored is None:
            raise
        return stored.article.article_id
    return article.article_id


class StoredClaims:
    """The claims a backfill part stored; extracted now only for an article that has none."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def extract(self, article: Article) -> ArticleClaims:
        return self.rt.store.load_claims(article.article_id) or self.rt.extractor.extract(article)


def finish_backfill(
    rt: Runtime, req: BackfillRequest, backfill_id: str, parts: int = 1, progress: ProgressHook | None = None
) -> BackfillReport:
    """Phase 2, once every part is recorded: assess the parts' articles in order of publication, as one serial
    run would (the known state comes out the same however the parts were spread), then resend, write the
    alerts JSONL and deliver as asked. An article another run assessed meanwhile is not assessed twice."""
    recorded = rt.store.backfill_parts(backfill_id)
    missing = [p for p in range(parts) if p not in recorded]
    if missing:
        raise RuntimeError(f"backfill {backfill_id}: parts {missing} of {parts} have not finished")
    report = BackfillReport()
    ids: dict[str, None] = {}
    for p in range(parts):
        ids.update(dict.fromkeys(recorded[p][0]))
        report.errors.extend(recorded[p][1])
    found = [rt.store.get_article(i) for i in ids]
    articles = list(steps.sorted_by_published(a for a in found if a is not None))
    claims = StoredClaims(rt)
    chunk = steps.ASSESS_CHUNK
    for i in range(0, len(articles), chunk):
        part = articles[i : i + chunk]
        report.assessed.add(
            steps.assess_articles(rt, part, hold=not req.deliver, only_pending=not req.jsonl, claims=claims)
        )
        if progress:
            progress(min(i + chunk, len(articles)), len(articles))
    if req.resend and req.deliver:
        keys = [e.alert.key for e in rt.store.list_outbox() if e.alert.payload.get("article_id") in ids]
        report.requeued = rt.store.requeue(sorted(set(keys)), rt.now())
    if req.alerts_jsonl:
        write_alerts_jsonl(req.alerts_jsonl, report.alerts)
    if req.deliver:
        report.delivered = steps.deliver_outbox(rt).delivered
    return report


def run_backfill(rt: Runtime, req: BackfillRequest, progress: ProgressHook | None = None) -> BackfillReport:
    """A backfill in this process: its one part, then the assessment (a split backfill runs the same two
    phases with its parts on several workers: flows/backfill.py)."""
    if req.dry_run:
        return dry_run_backfill(rt, req)
    backfill_id = uuid.uuid4().hex
    prepare_part(rt, req, backfill_id)
    return finish_backfill(rt, req, backfill_id, progress=progress)


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
