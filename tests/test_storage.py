"""The Store on real SQLite and the real PostgreSQL (each test runs on both)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import NoResultFound

from storage import Store
from storage.tables import Base
from tests.support.store import PG_URL, postgres_schema, sqlite_store
from watchers.models import (
    ActorClaim,
    Alert,
    Article,
    ArticleClaims,
    DeploymentClaim,
    Evidence,
    FeedItem,
    FeedState,
    FigureClaim,
    KnownEntity,
    KnownState,
    Source,
    StatementClaim,
    TrackPoint,
)

T0 = datetime(2025, 11, 2, 14, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- migrations


def _check_migrations(store: Store) -> None:
    pending = store.pending_migrations()  # every revision, oldest first (later ones come from other branches)
    assert pending[0] == "0001: Initial schema: feeds, items, articles, claims, known state, outbox."
    assert any(p.startswith("rel_cycle_0002: Work states") for p in pending)
    store.migrate()
    store.migrate()  # idempotent
    assert store.pending_migrations() == []
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []  # migrations == models


def test_migrations_on_sqlite(tmp_path: Path) -> None:
    store = Store.from_url(f"sqlite:///{tmp_path / 'fresh.db'}")
    _check_migrations(store)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql://", "postgresql+psycopg://"])
def test_migrations_on_postgres(scheme: str) -> None:
    with postgres_schema() as schema:
        store = Store.from_url(PG_URL.replace("postgresql+psycopg://", scheme), schema=schema)
        _check_migrations(store)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT current_schema()")).scalar() == schema
        store.close()


# --------------------------------------------------------------------------- feeds and items


def test_feeds_upsert_and_state(store: Store) -> None:
    store.upsert_feeds([("http://a.test/rss", "A"), ("http://b.test/rss", "B")])
    state = FeedState(
        url="http://a.test/rss",
        name="A",
        etag='"v1"',
        consecutive_errors=2,
        last_error_class="FetchTimeout",
        last_error="read timed out",
        last_checked_at=T0,
        next_check_at=T0 + timedelta(minutes=20),
        typical_interval_seconds=1800.5,
    )
    store.save_feed_state(state)
    store.upsert_feeds([("http://a.test/rss", "A renamed")])
    states = {s.url: s for s in store.feed_states()}
    assert states["http://a.test/rss"] == replace(state, name="A renamed")  # rename keeps the state
    assert states["http://b.test/rss"] == FeedState(url="http://b.test/rss", name="B")
    assert [s.url for s in store.feed_states(["http://b.test/rss"])] == ["http://b.test/rss"]


def test_add_items_returns_only_new_ones(store: Store) -> None:
    first = [
        FeedItem("http://a.test/rss", "g1", "http://a.test/1", "one", published=T0),
        FeedItem("http://a.test/rss", "g1", "http://a.test/1-dup", "dup in batch", published=T0),
        FeedItem("http://b.test/rss", "g1", "http://b.test/1", "same guid, other feed", published=T0),
    ]
    assert store.add_items(first) == [first[0], first[2]]
    later = FeedItem("http://a.test/rss", "g2", "http://a.test/2", published=T0 + timedelta(hours=2))
    assert store.add_items([*first, later]) == [later]
    assert store.add_items([]) == []
    assert store.items_between(T0 + timedelta(hours=1), T0 + timedelta(hours=3)) == [later]
    assert len(store.items_between(T0, T0 + timedelta(days=1))) == 3


def test_add_items_in_bulk(store: Store) -> None:
    items = [FeedItem("http://a.test/rss", f"g{i}", f"http://a.test/{i}") for i in range(1200)]
    assert len(store.add_items(items)) == 1200
    assert store.add_items(items[-5:]) == []


# --------------------------------------------------------------------------- articles and claims


def _article(article_id: str = "a1", text_: str = "Sixty-five people were killed.") -> Article:
    return Article(article_id, "http://news.test/x?utm=1", text_, "Title", T0, "Jane Doe", "News Test")


def test_save_article_tells_new_changed_and_same(store: Store) -> None:
    canonical = "http://news.test/x"
    assert not store.has_article(canonical)
    assert store.save_article(_article(), canonical, "h1", T0) is True
    assert store.save_article(_article("other-id"), canonical, "h1", T0 + timedelta(hours=1)) is False
    changed = _article("other-id", "Sixty-seven people were killed.")
    assert store.save_article(changed, canonical, "h2", T0 + timedelta(hours=2)) is True
    assert store.has_article(canonical)
    assert store.get_article("a1") == replace(changed, article_id="a1")  # the first id stays
    assert store.get_article("other-id") is None
    stored = store.find_article(canonical)
    assert stored is not None
    assert (stored.content_hash, stored.changed_at) == ("h2", T0 + timedelta(hours=2))


def test_articles_due_refetch(store: Store) -> None:
    store.save_article(_article("a1"), "http://n.test/1", "h", T0, next_refetch_at=T0 + timedelta(hours=2))
    store.save_article(_article("a2"), "http://n.test/2", "h", T0, next_refetch_at=T0 + timedelta(hours=1))
    store.save_article(_article("a3"), "http://n.test/3", "h", T0)  # never re-fetched
    assert store.articles_due_refetch(T0) == []
    due = store.articles_due_refetch(T0 + timedelta(hours=3))
    assert [d.article.article_id for d in due] == ["a2", "a1"]
    store.set_next_refetch("a2", None)
    assert [d.canonical_url for d in store.articles_due_refetch(T0 + timedelta(hours=3), limit=5)] == [
        "http://n.test/1"
    ]


CLAIMS = (
    FigureClaim(
        "killed", 65.0, "cumulative", "people", Evidence("65 killed.", 0, 10), "boat_strike_deaths", "at least", 60.0
    ),
    FigureClaim("money", 1.5e9, "event", "aid", Evidence("$1.5bn", 11, 17), unit="USD"),
    DeploymentClaim("USS Gerald R. Ford", "ship", Evidence("The Ford arrived.", 18, 35), side="US"),
    StatementClaim("Nicolás Maduro", "We will resist.", Evidence("Maduro: “We will resist.”", 36, 60)),
    ActorClaim("Tren de Aragua", "group", Evidence("Tren de Aragua members", 61, 83), aliases=("TdA",)),
)


def test_save_claims_replaces_and_round_trips(store: Store) -> None:
    store.save_article(_article(), "http://news.test/x", "h1", T0)
    assert store.load_claims("a1") is None
    store.save_claims("a1", ArticleClaims("a1", CLAIMS[:1], relevant=False, relevance=0.1))
    claims = ArticleClaims("a1", CLAIMS, relevant=True, relevance=0.875)
    store.save_claims("a1", claims)
    assert store.load_claims("a1") == claims


def test_save_claims_needs_the_article(store: Store) -> None:
    with pytest.raises(NoResultFound):
        store.save_claims("missing", ArticleClaims("missing", CLAIMS, relevant=True))


# --------------------------------------------------------------------------- known state


def _state() -> KnownState:
    plus2 = timezone(timedelta(hours=2))
    src = Source("a042", "http://n.test/a042", "Reuters", datetime(2025, 11, 1, 9, 30, tzinfo=plus2), "story-7")
    return KnownState(
        tracks={"boat_strike_deaths": 65.0, "troops": 10000.0, "money": 0.1 + 0.2},
        history={
            "boat_strike_deaths": [
                TrackPoint(61.0, "At least 61 killed.", Source("baseline", "", published=None), True),
                TrackPoint(65.0, "65 people were killed.", src, True),
                TrackPoint(64.0, "64 killed, officials said.", replace(src, article_id="a043"), False),
            ],
            "troops": [TrackPoint(10000.0, "10,000 troops.", src, True)],
        },
        assets=[KnownEntity("USS Gerald R. Ford", "ship", ["Ford", "CVN-78"], ["s1"], None, True)],
        actors=[KnownEntity("Nicolás Maduro", "person", ["Maduro"], [], None, True)],
        candidate_actors=[KnownEntity("Diosdado Cabello", "person", [], ["story-7"], src, False)],
        quotes=[KnownEntity("We will not surrender.", "Nicolás Maduro", [], ["story-7"], src)],
        stories={"story-7": "fp:abc123", "s1": "fp:def"},
    )


def test_state_round_trips_exactly(store: Store) -> None:
    assert store.load_state() is None  # never saved: the baseline has to be built
    state = _state()
    store.save_state(state, now=T0)
    loaded = store.load_state()
    assert loaded == state
    assert loaded is not None and loaded.history["boat_strike_deaths"][1].source.published == datetime(
        2025, 11, 1, 7, 30, tzinfo=UTC
    )
    smaller = KnownState(tracks={"boat_strike_deaths": 70.0})
    store.save_state(smaller)
    assert store.load_state() == smaller
    store.save_state(KnownState())
    assert store.load_state() == KnownState()  # saved empty is not "never saved"


# --------------------------------------------------------------------------- outbox


def _alert(key: str, severity: str = "high") -> Alert:
    return Alert(key, "figure_changed", severity, f"t {key}", "**md**", "text", {"n": 1, "at": T0}, ("x", "y"))  # type: ignore[arg-type]


def test_enqueue_is_idempotent_and_requeue_resends(store: Store) -> None:
    alerts = [_alert("k1"), _alert("k2")]
    assert store.enqueue_alerts(alerts, ["slack", "email"], T0) == 4
    assert store.enqueue_alerts(alerts, ["slack", "email"], T0 + timedelta(hours=1)) == 0
    assert store.enqueue_alerts([], ["slack"], T0) == 0
    entries = store.list_outbox("pending")
    assert len(entries) == 4
    assert entries[0].alert == replace(alerts[0], payload={"n": 1, "at": str(T0)})  # JSON keeps the rest exactly
    for entry in store.claim_due(T0, 10, timedelta(minutes=5)):
        store.mark_delivered(entry.id, T0)
    assert store.outbox_counts() == {"delivered": 4}
    assert store.requeue(["k1"], T0 + timedelta(hours=2)) == 2
    assert {(e.alert.key, e.attempts) for e in store.list_outbox("pending")} == {("k1", 0)}


def test_claims_are_exclusive_and_leases_expire(store: Store) -> None:
    store.enqueue_alerts([_alert(f"k{i}") for i in range(5)], ["slack"], T0)
    lease = timedelta(minutes=5)
    first = store.claim_due(T0, 3, lease)
    second = store.claim_due(T0, 10, lease)
    assert len(first) == 3 and len(second) == 2
    assert {e.id for e in first}.isdisjoint(e.id for e in second)
    assert all(e.status == "sending" and e.lease_until == T0 + lease for e in first)
    assert store.claim_due(T0 + lease - timedelta(seconds=1), 10, lease) == []
    store.mark_delivered(first[0].id, T0)
    reclaimed = store.claim_due(T0 + lease, 10, lease)  # the drain that claimed them died
    assert sorted(e.id for e in reclaimed) == sorted(e.id for e in [*first[1:], *second])


def test_mark_failed_schedules_a_retry_and_never_undoes_delivery(store: Store) -> None:
    store.enqueue_alerts([_alert("k1"), _alert("k2")], ["email"], T0)
    one, two = store.claim_due(T0, 10, timedelta(minutes=5))
    store.mark_failed(one.id, "SMTP down", T0 + timedelta(minutes=1))
    store.mark_delivered(two.id, T0)
    store.mark_failed(two.id, "late report from a stale drain", T0 + timedelta(minutes=1))
    failed = store.list_outbox("failed")
    assert [(e.id, e.attempts, e.last_error, e.next_attempt_at) for e in failed] == [
        (one.id, 1, "SMTP down", T0 + timedelta(minutes=1))
    ]
    assert [e.delivered_at for e in store.list_outbox("delivered")] == [T0]
    assert store.due_deliveries(T0) == []
    assert [e.id for e in store.due_deliveries(T0 + timedelta(minutes=1))] == [one.id]


def test_digest_takes_held_rows_once(store: Store) -> None:
    store.enqueue_alerts([_alert("k1", "low"), _alert("k2", "low")], ["email"], T0)
    for entry in store.claim_due(T0, 10, timedelta(minutes=5)):
        store.hold(entry.id, "digest")
    held = store.list_outbox("held")
    digest = _alert("d1", "low")
    digest_id = store.enqueue_digest(digest, "email", [e.id for e in held], T0)
    assert digest_id is not None
    assert store.enqueue_digest(_alert("d2", "low"), "email", [e.id for e in held], T0) is None  # lost the race
    assert {e.digest_id for e in store.list_outbox("digested")} == {digest_id}
    assert [e.alert.key for e in store.list_outbox("pending")] == ["d1"]


def test_concurrent_drains_never_claim_the_same_row(store: Store, tmp_path: Path) -> None:
    store.enqueue_alerts([_alert(f"k{i}") for i in range(60)], ["slack"], T0)
    others = [Store(store.engine) for _ in range(3)] if store.engine.dialect.name == "postgresql" else []
    others = others or [sqlite_store(tmp_path) for _ in range(3)]  # separate engines, same file
    claimed: list[list[int]] = []
    start = threading.Barrier(len(others))

    def drain(s: Store) -> None:
        start.wait()
        got: list[int] = []
        while batch := s.claim_due(T0, 7, timedelta(minutes=5)):
            got += [e.id for e in batch]
        claimed.append(got)

    threads = [threading.Thread(target=drain, args=(s,)) for s in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    every = [i for got in claimed for i in got]
    assert sorted(every) == sorted(set(every)) and len(every) == 60
