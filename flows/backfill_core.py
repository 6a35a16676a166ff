"""Backfill without orchestration: process the articles an operator names — a JSONL file, a list of URLs,
or stored items in a date range — through the same steps as the monitor. Idempotent: the known state and
the outbox's unique keys mean a re-run alerts and sends nothing twice; `resend` puts the alerts of these
articles back in the outbox. Without delivery the alerts are kept `held` in the outbox (the known state has
moved on, so only they can still tell anyone): `claimwatch alerts release` sends them. A dry run writes the
alerts JSONL and changes nothing in the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from flows import steps
from flows.runtime import Runtime
from watchers.baseline import build_baseline
from watchers.errors import FetchError
from watchers.jsonl import read_articles
from watchers.models import Alert, Article, FeedItem

ProgressHook = Callable[[int, int], None]


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


def collect_articles(rt: Runtime, req: BackfillRequest) -> tuple[list[Article], list[str]]:
    """The articles a request names, fetched where needed (known pages are not fetched again)."""
    if req.jsonl:
        return list(read_articles(req.jsonl)), []
    if req.urls:
        items = [FeedItem(feed_url="backfill", guid=u, url=u) for u in req.urls]
    else:
        start = datetime.combine(req.since or date(1970, 1, 1), time.min, tzinfo=UTC)
        end = datetime.combine(req.until or rt.now().date(), time.max, tzinfo=UTC)
        items = rt.store.items_between(start, end)
    fetched = steps.fetch_items(rt, items)
    return fetched.articles, fetched.errors


def run_backfill(rt: Runtime, req: BackfillRequest, progress: ProgressHook | None = None) -> BackfillReport:
    if req.dry_run:
        return dry_run_backfill(rt, req)
    report = BackfillReport()
    articles, report.errors = collect_articles(rt, req)
    articles = list(steps.sorted_by_published(articles))
    chunk = 25
    for i in range(0, len(articles), chunk):
        part = articles[i : i + chunk]
        report.assessed.add(steps.assess_articles(rt, part, hold=not req.deliver))
        if progress:
            progress(min(i + chunk, len(articles)), len(articles))
    if req.resend and req.deliver:
        ids = {a.article_id for a in articles}
        keys = [e.alert.key for e in rt.store.list_outbox() if e.alert.payload.get("article_id") in ids]
        report.requeued = rt.store.requeue(sorted(set(keys)), rt.now())
    if req.alerts_jsonl:
        write_alerts_jsonl(req.alerts_jsonl, report.alerts)
    if req.deliver:
        report.delivered = steps.deliver_outbox(rt).delivered
    return report


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
            fh.write(json.dumps(alert.payload, ensure_ascii=False, default=str) + "\n")
