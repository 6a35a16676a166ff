"""The pipeline's steps wired over a Runtime, without Prefect: the flows wrap these in tasks, and the CLI
can run them directly when no orchestration is wanted (e.g. a backfill from a file in an evaluation).

feed → item → article → claims → diff → alert → outbox → delivery
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flows.runtime import Runtime
from watchers.alerts import compose_alert
from watchers.assess import assess_article
from watchers.baseline import build_baseline
from watchers.cadence import is_due, poll_tolerance, shard_of
from watchers.delivery import resolve_route_url, resolve_routes, route_sender
from watchers.diff import diff_to_payload
from watchers.errors import FetchError
from watchers.extract import extract_article
from watchers.feeds import poll_feed, update_feed_state
from watchers.fetch import fetch_page
from watchers.models import Alert, Article, FeedItem, FeedState, KnownState
from watchers.outbox import DrainReport, drain_outbox, enqueue_for_routes
from watchers.refetch import next_refetch
from watchers.urls import canonical_url, resolve_aggregator_link

log = logging.getLogger("claimwatch.steps")


# --------------------------------------------------------------------------- baseline


def ensure_baseline(rt: Runtime, *, rebuild: bool = False) -> KnownState:
    """The known state: loaded from the store, or built from the seed documents the first time."""
    state = None if rebuild else rt.store.load_state()
    if state is None:
        docs = [(p.name, p.read_text(encoding="utf-8")) for p in rt.watch.baseline_paths(_baseline_dir(rt))]
        state = build_baseline(rt.watch, rt.extractor, docs)
        rt.store.save_state(state)
    return state


def _baseline_dir(rt: Runtime) -> Path:
    return rt.settings.watch_file.parent / "baseline"  # the seed documents live beside the watch file


# --------------------------------------------------------------------------- feeds


@dataclass(frozen=True)
class FeedOutcome:
    feed_url: str
    status: str  # ok | not_modified | error | skipped
    new_items: list[FeedItem] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)  # worth an operator's look, not failures


def due_feeds(rt: Runtime, shard: int = 0, shards: int = 1) -> list[FeedState]:
    """Register the watch's feeds and return those of this shard that are due at this tick (their interval
    from watch.yaml, their backoff after errors)."""
    if not 0 <= shard < shards:
        raise ValueError(f"shard must be in 0..{shards - 1}, got {shard}")
    rt.store.upsert_feeds([(f.url, f.name) for f in rt.watch.feeds])
    configured = {f.url for f in rt.watch.feeds if shard_of(f.url, shards) == shard}
    now = rt.now()
    tolerance = poll_tolerance(rt.watch.schedule.interval_seconds)
    return [s for s in rt.store.feed_states() if s.url in configured and is_due(s.next_check_at, now, tolerance)]


def poll_one_feed(rt: Runtime, state: FeedState) -> FeedOutcome:
    now = rt.now()
    result = poll_feed(rt.client, state, rt.settings.http, now)
    interval = timedelta(seconds=rt.watch.feed_interval(state.url))
    rt.store.save_feed_state(update_feed_state(state, result, now, interval))
    if result.status == "error":
        return FeedOutcome(state.url, "error", error=f"{result.error_class}: {result.error}")
    new = rt.store.add_items(result.items)
    notes = [f"parsed with problems: {result.warning}"] if result.warning else []
    if result.permanent_redirect and result.final_url and result.final_url != state.url:
        notes.append(f"moved permanently to {result.final_url}: update watch.yaml")
    return FeedOutcome(state.url, result.status, new_items=new, notes=notes)


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class FetchOutcome:
    articles: list[Article]
    skipped: int  # already known
    errors: list[str]


def article_id_for(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def fetch_items(rt: Runtime, items: Iterable[FeedItem]) -> FetchOutcome:
    """Fetch and extract each new item's page once (the same article from two feeds is fetched once)."""
    articles: list[Article] = []
    errors: list[str] = []
    skipped = 0
    seen: set[str] = set()
    for item in items:
        url = canonical_url(resolve_aggregator_link(item.url, rt.client, rt.settings.http))
        if url in seen or rt.store.has_article(url):
            skipped += 1
            continue
        seen.add(url)
        try:
            page = fetch_page(rt.client, url, rt.settings.http)
        except FetchError as exc:
            errors.append(f"{url}: {type(exc).__name__}: {exc}")
            continue
        extracted = extract_article(page.html, page.final_url)
        if extracted is None:
            errors.append(f"{url}: no article body found")
            continue
        final = canonical_url(page.final_url)
        if final != url and (final in seen or rt.store.has_article(final)):
            skipped += 1  # a redirect led to an article we already have
            continue
        seen.add(final)
        url = final
        article = Article(
            article_id=article_id_for(url),
            url=url,
            text=extracted.text,
            title=extracted.title or item.title,
            published=extracted.published or item.published,
            author=extracted.author,
            site_name=extracted.site_name,
        )
        now = rt.now()
        rt.store.save_article(article, url, content_hash(article), now, next_refetch(now, now, now))
        articles.append(article)
    return FetchOutcome(articles, skipped, errors)


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def stored_id(rt: Runtime, article: Article) -> str:
    """The id the article is stored under, storing it first when it is not (articles from a file)."""
    url = canonical_url(article.url) if article.url else f"urn:claimwatch:{article.article_id}"
    stored = rt.store.find_article(url)
    if stored is not None:
        return stored.article.article_id
    rt.store.save_article(article, url, content_hash(article), rt.now())
    return article.article_id


def refetch_due(rt: Runtime, limit: int = 50) -> FetchOutcome:
    """Fetch recently seen articles again on their decaying schedule; returns those whose text changed,
    so that a figure raised inside the same URL is noticed (assessed as an update)."""
    changed: list[Article] = []
    errors: list[str] = []
    unchanged = 0
    now = rt.now()
    for stored in rt.store.articles_due_refetch(now, limit):
        after = next_refetch(stored.first_seen_at, now, now)
        try:
            page = fetch_page(rt.client, stored.article.url or stored.canonical_url, rt.settings.http)
            extracted = extract_article(page.html, page.final_url)
        except FetchError as exc:
            errors.append(f"{stored.canonical_url}: re-fetch: {type(exc).__name__}: {exc}")
            extracted = None
        if extracted is None:
            rt.store.set_next_refetch(stored.article.article_id, after)
            continue
        article = replace(stored.article, text=extracted.text, title=extracted.title or stored.article.title)
        if rt.store.save_article(article, stored.canonical_url, content_hash(article), now, after):
            changed.append(article)
        else:
            unchanged += 1
    return FetchOutcome(changed, unchanged, errors)


# --------------------------------------------------------------------------- claims → diff → alerts


@dataclass
class AssessOutcome:
    articles: int = 0
    relevant: int = 0
    copies: int = 0
    claims: int = 0
    alerts: list[Alert] = field(default_factory=list)
    enqueued: int = 0

    def add(self, other: AssessOutcome) -> None:
        self.articles += other.articles
        self.relevant += other.relevant
        self.copies += other.copies
        self.claims += other.claims
        self.alerts.extend(other.alerts)
        self.enqueued += other.enqueued


def assess_articles(
    rt: Runtime, articles: Iterable[Article], *, updates: Iterable[Article] = (), enqueue: bool = True
) -> AssessOutcome:
    """Claims, relevance, story and diff for each article in order of publication, then for each updated
    (re-fetched, changed) article; alerts into the outbox."""
    state = ensure_baseline(rt)
    out = AssessOutcome()
    batch = [(a, False) for a in sorted_by_published(articles)] + [(a, True) for a in updates]
    for article, update in batch:
        assessment = assess_article(state, rt.extractor, None, article, rt.watch, rt.watch.baseline_date, update=update)
        rt.store.save_claims(stored_id(rt, article), assessment.claims)
        out.articles += 1
        out.relevant += int(assessment.relevant)
        out.copies += int(assessment.story.is_copy)
        out.claims += len(assessment.claims.claims)
        for diff in assessment.diffs:
            out.alerts.append(compose_alert(diff, rt.watch, diff_to_payload(diff, article.article_id)))
    rt.store.save_state(state)
    if enqueue and out.alerts:
        out.enqueued = enqueue_for_routes(rt.store, out.alerts, rt.watch, rt.now())
    return out


def sorted_by_published(articles: Iterable[Article]) -> Iterator[Article]:
    """Oldest first (a date without a zone counts as UTC); ties and undated articles keep their input order,
    undated ones after the dated ones of the same batch."""

    def key(article: Article) -> tuple[bool, datetime]:
        when = article.published
        if when is None:
            return (True, _EPOCH)
        return (False, when if when.tzinfo else when.replace(tzinfo=UTC))

    return iter(sorted(articles, key=key))


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# --------------------------------------------------------------------------- delivery


def route_url(rt: Runtime, route: str) -> str | None:
    """A route's apprise URL: from the environment first, then from a Prefect Secret block (via secret_lookup)."""
    cfg = next((r for r in rt.watch.alerts.routes if r.name == route), None)
    return resolve_route_url(cfg, rt.settings.alert_urls, rt.secret_lookup) if cfg else None


def route_problems(rt: Runtime) -> list[str]:
    """One line per route that cannot deliver (no URL, or one apprise does not understand); no secrets."""
    return resolve_routes(rt.watch.alerts.routes, rt.settings.alert_urls, rt.secret_lookup)[1]


def deliver_outbox(rt: Runtime, max_batch: int = 200) -> DrainReport:
    """Send what is due; alerts for a route without a URL wait in the outbox (retried, never dropped)."""
    urls, _problems = resolve_routes(rt.watch.alerts.routes, rt.settings.alert_urls, rt.secret_lookup)
    send = route_sender(urls, timeout=rt.settings.http.total_timeout)
    return drain_outbox(rt.store, send, rt.watch, rt.now(), max_batch, clock=rt.now)
