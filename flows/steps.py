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

import httpx
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from flows.crashpoints import crash_point
from flows.runtime import Runtime
from storage.items import PendingItem
from watchers.alerts import compose_alert
from watchers.assess import ClaimSource, assess_article
from watchers.baseline import build_baseline
from watchers.cadence import is_due, poll_tolerance, shard_of
from watchers.delivery import DeliveryResult, resolve_route_url, resolve_routes, route_sender
from watchers.diff import diff_to_payload
from watchers.errors import ConnectError, DNSError, FetchError, FetchTimeout, HTTPStatusError, ProtocolError
from watchers.extract import extract_article
from watchers.feeds import poll_feed, update_feed_state
from watchers.fetch import fetch_page
from watchers.models import Alert, Article, ArticleClaims, FeedItem, FeedState, KnownState
from watchers.outbox import DrainReport, drain_outbox, enqueue_for_routes
from watchers.refetch import next_refetch
from watchers.urls import canonical_url, resolve_aggregator_link

log = logging.getLogger("claimwatch.steps")


# --------------------------------------------------------------------------- baseline


def ensure_baseline(rt: Runtime, *, rebuild: bool = False) -> KnownState:
    """The known state: loaded from the store, or built from the seed documents the first time."""
    state = None if rebuild else rt.store.load_state()
    if state is None:
        docs = [(p.name, p.read_text(encoding="utf-8")) for p in rt.watch.baseline_paths(baseline_dir(rt))]
        state = build_baseline(rt.watch, rt.extractor, docs)
        rt.store.save_state(state)
    return state


def baseline_dir(rt: Runtime) -> Path:
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
    """Poll one feed and store its new items (state `new`) together with its validators and next check: a crash
    before the commit leaves neither, so the next poll sees the same items again (no 304 hides them)."""
    now = rt.now()
    result = poll_feed(rt.client, state, rt.settings.http, now)
    crash_point("poll")
    interval = timedelta(seconds=rt.watch.feed_interval(state.url))
    with rt.store.transaction():
        rt.store.save_feed_state(update_feed_state(state, result, now, interval))
        new = rt.store.add_items(result.items) if result.status != "error" else []
    if result.status == "error":
        return FeedOutcome(state.url, "error", error=f"{result.error_class}: {result.error}")
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


# Errors worth another try later (the server or the network may recover); the rest are given up at once.
_TRANSIENT = (DNSError, ConnectError, FetchTimeout, ProtocolError)


def _is_transient(exc: FetchError) -> bool:
    if isinstance(exc, HTTPStatusError):
        return exc.status >= 500 or exc.status in (408, 425, 429)
    return isinstance(exc, _TRANSIENT)


def article_id_for(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def pending_batches(rt: Runtime, size: int = 10, shard: int = 0, shards: int = 1) -> list[list[PendingItem]]:
    """The items to fetch this cycle (left over from earlier cycles first, at most N per feed), in batches;
    items with the same link share a batch, so parallel batches never fetch one page twice. Only the items of
    this shard's feeds: sharded monitor runs never fetch one item twice."""
    pending = rt.store.pending_items(rt.now(), rt.watch.cycle.max_new_items_per_feed)
    if shards > 1:
        pending = [p for p in pending if shard_of(p.item.feed_url, shards) == shard]
    groups: dict[str, list[PendingItem]] = {}
    for p in pending:
        groups.setdefault(canonical_url(p.item.url) if p.item.url else f"item:{p.id}", []).append(p)
    batches: list[list[PendingItem]] = [[]]
    for group in groups.values():
        if len(batches[-1]) >= size:
            batches.append([])
        batches[-1].extend(group)
    return [b for b in batches if b]


def fetch_items(rt: Runtime, items: Iterable[PendingItem | FeedItem]) -> FetchOutcome:
    """Fetch and extract each item's page once (the same article from two feeds is fetched once); each stored
    item ends `fetched`, `failed` (retried next cycles) or `gave_up`, with the reason. Plain FeedItems (a
    backfill's URLs) are fetched the same way without an item row."""
    articles: list[Article] = []
    errors: list[str] = []
    skipped = 0
    seen: dict[str, str] = {}  # canonical URL → article id, within this batch
    for entry in items:
        pending = entry if isinstance(entry, PendingItem) else None
        item = entry.item if isinstance(entry, PendingItem) else entry
        try:
            article, article_id = _fetch_one(rt, item, seen)
        except SQLAlchemyError:
            raise  # the database, not the item: the cycle fails and the next one resumes
        except Exception as exc:  # a FetchError, or an extractor bug on this page: this item only
            error = f"{item.url or item.guid}: {type(exc).__name__}: {exc}"
            errors.append(error)
            if pending is not None:
                permanent = isinstance(exc, FetchError) and not _is_transient(exc)
                state = rt.store.mark_item_failed(pending.id, error, rt.now(), permanent=permanent)
                log.warning("item %s (%s)", error, "retried later" if state == "failed" else "given up")
            continue
        if pending is not None:
            rt.store.mark_item_fetched(pending.id, article_id)
        if article is None:
            skipped += 1
        else:
            articles.append(article)
        crash_point("fetched")
    return FetchOutcome(articles, skipped, errors)


class NoArticle(FetchError):
    """The item has no http(s) link, or its page has no article body."""


def _fetch_one(rt: Runtime, item: FeedItem, seen: dict[str, str]) -> tuple[Article | None, str]:
    """(the new article, its id), or (None, id of the article we already had)."""
    if not item.url:
        raise NoArticle("the feed entry has no http(s) link (only http and https pages are fetched)")
    url = canonical_url(resolve_aggregator_link(item.url, rt.client, rt.settings.http))
    known = seen.get(url) or _stored_id(rt, url)
    if known:
        return None, known
    page = fetch_page(rt.client, url, rt.settings.http)
    crash_point("fetch")
    extracted = extract_article(page.html, page.final_url)
    if extracted is None:
        raise NoArticle("no article body found")
    final = canonical_url(page.final_url)
    if final != url:
        known = seen.get(final) or _stored_id(rt, final)
        if known:  # a redirect led to an article we already have
            seen[url] = known
            return None, known
    article = Article(
        article_id=article_id_for(final),
        url=final,
        text=extracted.text,
        title=extracted.title or item.title,
        published=extracted.published or item.published,
        author=extracted.author,
        site_name=extracted.site_name,
    )
    now = rt.now()
    try:
        rt.store.save_article(article, final, content_hash(article), now, next_refetch(now, now, now))
    except IntegrityError:  # a parallel batch stored the same page (reached by another link) first
        known = _stored_id(rt, final)
        if known is None:
            raise
        return None, known
    seen[url] = seen[final] = article.article_id
    return article, article.article_id


def fetch_article(rt: Runtime, url: str) -> Article:
    """One page as an article, not stored (a dry run). Raises FetchError (NoArticle without a body)."""
    page = fetch_page(rt.client, canonical_url(url), rt.settings.http)
    extracted = extract_article(page.html, page.final_url)
    if extracted is None:
        raise NoArticle("no article body found")
    final = canonical_url(page.final_url)
    return Article(article_id_for(final), final, extracted.text, extracted.title, extracted.published,
                   extracted.author, extracted.site_name)  # fmt: skip


def _stored_id(rt: Runtime, url: str) -> str | None:
    stored = rt.store.find_article(url)
    return stored.article.article_id if stored else None


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
    """Fetch recently seen articles again on their decaying schedule; one whose text changed is stored as
    `updated` (assessed again as an update), so that a figure raised inside the same URL is noticed."""
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
    errors: list[str] = field(default_factory=list)  # articles whose assessment failed (state `failed`)

    def add(self, other: AssessOutcome) -> None:
        self.articles += other.articles
        self.relevant += other.relevant
        self.copies += other.copies
        self.claims += other.claims
        self.alerts.extend(other.alerts)
        self.enqueued += other.enqueued
        self.errors.extend(other.errors)


# Articles per transaction: the writes only (the assessment runs before it), so SQLite's write lock stays short;
# each commit saves the whole known state, so fewer, larger chunks go faster on a big backlog, and a crash
# repeats at most one chunk's assessment.
ASSESS_CHUNK = 100


def assess_pending(rt: Runtime) -> AssessOutcome:
    """Assess every stored article still awaiting it: what this cycle fetched, and what a crashed one left.
    Another run assessing at the same time takes the lock in turn; what it assessed first is skipped here."""
    articles, updates = rt.store.pending_articles()
    return assess_articles(rt, articles, updates=updates, only_pending=True)


class _Extracted:
    """Claims extracted before the state lock was taken (they do not depend on the known state). An article
    whose extraction raised raises again when assessed, where its failure is recorded like any other."""

    def __init__(self, source: ClaimSource, articles: Iterable[Article]) -> None:
        self.by_id: dict[str, ArticleClaims | Exception] = {}
        for article in articles:
            try:
                self.by_id[article.article_id] = source.extract(article)
            except Exception as exc:  # kept for assess_in_memory, which marks the article failed
                self.by_id[article.article_id] = exc

    def extract(self, article: Article) -> ArticleClaims:
        found = self.by_id[article.article_id]
        if isinstance(found, Exception):
            raise found
        return found


def assess_articles(
    rt: Runtime,
    articles: Iterable[Article],
    *,
    updates: Iterable[Article] = (),
    enqueue: bool = True,
    hold: bool = False,
    only_pending: bool = False,
    claims: ClaimSource | None = None,
    stored: bool = False,
) -> AssessOutcome:
    """Claims, relevance, story and diff for each article in order of publication, then for each updated
    (re-fetched, changed) article; alerts into the outbox (`hold`: kept `held` until released).

    Each chunk commits in ONE transaction: the articles' claims, the advanced known state, their alerts in the
    outbox and their `assessed` mark. A crash before the commit leaves them all pending, and the next cycle
    assesses them again from the same known state: the same alerts, none lost, none doubled.

    Several runs may assess at once (sharded monitors, backfill parts): claims are extracted first, in
    parallel, then each chunk takes the state's writer lock, loads the state as the previous writer left it,
    and (`only_pending`) drops the articles another run assessed meanwhile. `claims`: where claims come from
    (default: extracted now; a split backfill passes the ones its parts stored). `stored`: the articles are
    stored under their ids, with the claims `claims` gives (a backfill's): neither is written again.
    """
    out = AssessOutcome()
    source = claims or rt.extractor
    batch = [(a, False) for a in sorted_by_published(articles)] + [(a, True) for a in updates]
    for i in range(0, len(batch), ASSESS_CHUNK):
        chunk = batch[i : i + ASSESS_CHUNK]
        extracted = _Extracted(source, (a for a, _ in chunk))
        with rt.store.transaction():
            rt.store.lock_state()
            state = ensure_baseline(rt)
            if only_pending:
                waiting = rt.store.still_pending([a.article_id for a, _ in chunk])
                chunk = [(a, update) for a, update in chunk if a.article_id in waiting]
            part, assessed = assess_in_memory(rt, state, chunk, extracted)
            ids = []
            for article, article_claims in assessed:
                article_id = article.article_id if stored else stored_id(rt, article)
                if isinstance(article_claims, str):
                    rt.store.mark_article_failed(article_id, article_claims)
                    continue
                ids.append(article_id)
                if not stored:
                    rt.store.save_claims(article_id, article_claims)
            rt.store.save_state(state)
            if enqueue and part.alerts:
                part.enqueued = enqueue_for_routes(rt.store, part.alerts, rt.watch, rt.now(), held=hold)
            rt.store.mark_assessed(ids)
            crash_point("enqueue")
        crash_point("assessed")
        out.add(part)
    return out


def assess_in_memory(
    rt: Runtime, state: KnownState, batch: list[tuple[Article, bool]], claims: ClaimSource | None = None
) -> tuple[AssessOutcome, list[tuple[Article, ArticleClaims | str]]]:
    """Assess (article, is_update) pairs against `state`, which advances in place; nothing is stored. Each
    article comes back with its claims, or with the error that stopped its assessment (then it has none)."""
    out = AssessOutcome()
    assessed: list[tuple[Article, ArticleClaims | str]] = []
    source = claims or rt.extractor
    for article, update in batch:
        try:
            assessment = assess_article(state, source, None, article, rt.watch, rt.watch.baseline_date, update=update)
        except Exception as exc:  # one article that breaks an extractor must not stop every later one, forever
            error = f"{type(exc).__name__}: {exc}"[:2000]
            log.exception("assessing article %s failed; it is marked failed and skipped", article.url)
            out.errors.append(f"{article.url or article.article_id}: {error}")
            assessed.append((article, error))
            continue
        assessed.append((article, assessment.claims))
        out.articles += 1
        out.relevant += int(assessment.relevant)
        out.copies += int(assessment.story.is_copy)
        out.claims += len(assessment.claims.claims)
        for diff in [*assessment.diffs, *assessment.corroborations]:
            out.alerts.append(compose_alert(diff, rt.watch, diff_to_payload(diff, article.article_id)))
        crash_point("claims")
    return out, assessed


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
    """Send what is due, within the watch's delivery budget and per-route concurrency; alerts for a route without
    a URL wait in the outbox (retried, never dropped)."""
    urls, _problems = resolve_routes(rt.watch.alerts.routes, rt.settings.alert_urls, rt.secret_lookup)
    cycle = rt.watch.cycle
    with httpx.Client(timeout=cycle.delivery_timeout_seconds) as client:  # one pool of connections per pass
        inner = route_sender(urls, timeout=cycle.delivery_timeout_seconds, client=client)

        def send(alert: Alert, route: str) -> DeliveryResult:
            crash_point("send")
            result = inner(alert, route)
            crash_point("sent")  # the receiver has it, the outbox does not know yet: the key makes a resend harmless
            return result

        return drain_outbox(
            rt.store,
            send,
            rt.watch,
            rt.now(),
            max_batch,
            clock=rt.now,
            concurrency=cycle.route_concurrency,
            budget_seconds=cycle.delivery_budget_seconds,
            send_timeout=cycle.delivery_timeout_seconds,
            margin=timedelta(seconds=cycle.delivery_lease_margin_seconds),
        )
