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

ProgressHook = Callable[[int, int], None]

READ_CHUNK = 500  # ids per look-up in phase 2 (SQLite takes at most 32,766 bound values in one statement)
PREPARE_BATCH = 100  # articles stored per transaction in phase 1: one commit each, savepoints inside
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
    batch: list[Processed] = []
    for done in processed_in_order(rt.extractor, rt.watch.figure_limits, jobs, workers, errors):
        batch.append(done)
        if len(batch) >= PREPARE_BATCH:
            ids.extend(_store_batch(rt, batch, from_file=bool(req.jsonl), errors=errors))
            batch = []
    ids.extend(_store_batch(rt, batch, from_file=bool(req.jsonl), errors=errors))
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


def _store_batch(rt: Runtime, batch: list[Processed], *, from_file: bool, errors: list[str]) -> list[str]:
    """Store a batch's articles (a file's new ones `prepared`: the monitor leaves them alone) and their claims
    in one transaction, each article in its own savepoint; the ids they are stored under, in order. An article
    that cannot be stored (its id taken by another URL) is reported in `errors` and the batch goes on."""
    if not batch:
        return []
    ids: list[str] = []
    with rt.store.transaction():
        known = rt.store.ids_by_url([done.canonical_url for done in batch]) if from_file else {}
        inserted = _insert_new(rt, batch, known) if from_file else set()
        for done in batch:
            if id(done) in inserted:
                ids.append(done.article.article_id)
                continue
            try:
                ids.append(_store_one(rt, done, known) if from_file else _store_claims(rt, done))
            except IntegrityError as exc:
                errors.append(f"{done.article.url or done.article.article_id}: not stored: {exc.orig}")
    return ids


def _insert_new(rt: Runtime, batch: list[Processed], known: dict[str, str]) -> set[int]:
    """The fast way: the batch's new pages (each URL's first) inserted at once in one savepoint; which ones
    (by `id()`), none when one of them clashes (an id taken by another URL, a page another part just stored):
    then each is stored on its own."""
    first: dict[str, Processed] = {}
    for done in batch:
        if done.canonical_url not in known:
            first.setdefault(done.canonical_url, done)
    new = list(first.values())
    try:
        with rt.store.savepoint():
            rt.store.insert_prepared([(d.article, d.canonical_url, d.content_hash, d.claims) for d in new], rt.now())
    except IntegrityError:
        return set()
    known.update({d.canonical_url: d.article.article_id for d in new})
    return {id(d) for d in new}


def _store_one(rt: Runtime, done: Processed, known: dict[str, str]) -> str:
    """The id a file's article is stored under (a known URL keeps its first id), with its claims."""
    url, article_id = done.canonical_url, known.get(done.canonical_url)
    try:
        with rt.store.savepoint():
            if article_id is None:
                article_id = done.article.article_id
                rt.store.save_article(done.article, url, done.content_hash, rt.now(), state="prepared")
            rt.store.save_claims(article_id, done.claims)
    except IntegrityError:  # another part stored the same page since the look-up: its id it is
        article_id = rt.store.ids_by_url([url]).get(url)
        if article_id is None:
            raise
        with rt.store.savepoint():
            rt.store.save_claims(article_id, done.claims)
    known[url] = article_id  # the same URL again in this batch
    return article_id


def _store_claims(rt: Runtime, done: Processed) -> str:
    """A fetched article (stored by the fetch) gets its claims."""
    with rt.store.savepoint():
        rt.store.save_claims(done.article.article_id, done.claims)
    return done.article.article_id


class StoredClaims:
    """The claims a backfill part stored (read for a chunk at once); extracted (and stored) now only for an
    article that has none."""

    def __init__(self, rt: Runtime, articles: list[Article]) -> None:
        self.rt = rt
        self.stored = rt.store.load_claims_of([a.article_id for a in articles])

    def extract(self, article: Article) -> ArticleClaims:
        stored = self.stored.get(article.article_id)
        if stored is None:
            stored = self.rt.extractor.extract(article)
            self.rt.store.save_claims(article.article_id, stored)
        return stored


def finish_backfill(
    rt: Runtime, req: BackfillRequest, backfill_id: str, parts: int = 1, progress: ProgressHook | None = None
) -> BackfillReport:
    """Phase 2, once every part is recorded: assess the parts' articles in order of publication, as one serial
    run would (the known state comes out the same however the parts were spread), then resend, write the
    alerts JSONL and deliver as asked. An article another run assessed meanwhile is not assessed twice.

    The off-topic articles (by the relevance their part stored) change no known state and raise nothing: they
    are only marked assessed, without reading their texts; the others are assessed with their stored claims."""
    recorded = rt.store.backfill_parts(backfill_id)
    missing = [p for p in range(parts) if p not in recorded]
    if missing:
        raise RuntimeError(f"backfill {backfill_id}: parts {missing} of {parts} have not finished")
    report = BackfillReport()
    ids: dict[str, None] = {}
    for p in range(parts):
        ids.update(dict.fromkeys(recorded[p][0]))
        report.errors.extend(recorded[p][1])
    chunk = steps.ASSESS_CHUNK
    heads: dict[str, tuple[Article, bool | None]] = {}
    for ids_part in _chunks(list(ids), READ_CHUNK):
        heads.update(rt.store.article_heads(ids_part))
    in_order = [heads[i] for i in ids if i in heads]  # request order: what breaks ties in publication order
    off_topic = [a.article_id for a, relevant in in_order if relevant is False]
    to_assess = list(steps.sorted_by_published(a for a, relevant in in_order if relevant is not False))
    total = len(off_topic) + len(to_assess)
    for ids_part in _chunks(off_topic, READ_CHUNK):
        report.assessed.articles += rt.store.mark_assessed(ids_part, only_pending=not req.jsonl)
    if progress and off_topic:
        progress(len(off_topic), total)
    if off_topic and not to_assess:  # the known state exists after a backfill, as if these had been assessed
        with rt.store.transaction():
            rt.store.lock_state()
            steps.ensure_baseline(rt)
    for i in range(0, len(to_assess), chunk):
        texts = rt.store.get_articles([a.article_id for a in to_assess[i : i + chunk]])
        part = [texts[a.article_id] for a in to_assess[i : i + chunk] if a.article_id in texts]
        claims = StoredClaims(rt, part)
        report.assessed.add(
            steps.assess_articles(
                rt, part, hold=not req.deliver, only_pending=not req.jsonl, claims=claims, stored=True
            )
        )
        if progress:
            progress(len(off_topic) + min(i + chunk, len(to_assess)), total)
    if req.resend and req.deliver:
        keys = [e.alert.key for e in rt.store.list_outbox() if e.alert.payload.get("article_id") in ids]
        report.requeued = rt.store.requeue(sorted(set(keys)), rt.now())
    if req.alerts_jsonl:
        write_alerts_jsonl(req.alerts_jsonl, report.alerts)
    if req.deliver:
        report.delivered = steps.deliver_outbox(rt).delivered
    return report


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


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
