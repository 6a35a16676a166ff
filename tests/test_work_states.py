"""Work states with real parts (a local HTTP server, SQLite): what a cycle commits together, what it leaves
for the next one, the per-feed bound, per-item errors, a busy database, and backfill's held alerts and dry
run. The crash test (tests/test_crash.py) proves the same from outside with SIGKILLs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

import storage.db
from config.settings import Settings
from config.watch import load_watch
from flows.cli import app
from flows.cycle import local_stages, run_cycle
from flows.runtime import Runtime, open_runtime
from storage import Store
from tests.support.http_server import LocalHTTPServer, RecordedRequest
from tests.support.newswire import article_html, feed_xml, serve_wire
from tests.support.watchenv import demo_articles_jsonl, use_environment, write_watch
from tests.support.webhook import webhook_server
from watchers.delivery import idempotency_key


def _runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, feed_url: str, **cycle: int) -> Runtime:
    watch_file = write_watch(tmp_path, [feed_url], routes=[{"name": "hook"}])
    if cycle:
        raw = yaml.safe_load(watch_file.read_text(encoding="utf-8"))
        raw["cycle"] = cycle
        watch_file.write_text(yaml.safe_dump(raw), encoding="utf-8")
    use_environment(monkeypatch, tmp_path, watch_file)
    return open_runtime(Settings(), watch=load_watch(watch_file))


@pytest.fixture
def wire() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as srv:
        serve_wire(srv, 12)
        yield srv


def _counts(rt: Runtime) -> tuple[dict[str, int], dict[str, int]]:
    return rt.store.item_counts(), rt.store.article_counts()


def test_at_most_n_items_per_feed_per_cycle_the_rest_next_cycle(
    wire: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = _runtime(tmp_path, monkeypatch, wire.url("/feed.xml"), max_new_items_per_feed=5)
    try:
        fetched = [run_cycle(rt, local_stages(rt)).new_articles for _ in range(4)]
        items, articles = _counts(rt)
        alerts = {e.alert.key for e in rt.store.list_outbox()}
    finally:
        rt.close()
    assert fetched == [5, 5, 2, 0]  # the feed was polled once (then 304 / not due): the rest came from the store
    assert (items, articles) == ({"fetched": 12}, {"assessed": 12})
    assert len(alerts) >= 10
    pages = [r.path for r in wire.requests if r.path.startswith("/a/")]
    assert sorted(pages) == sorted(f"/a/{i}.html" for i in range(12))  # each page fetched once


def test_a_non_http_link_is_a_clear_per_item_error(
    server: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = feed_xml(server.url(""), 1)
    bad = (
        "<item><title>Script</title><link>javascript:alert(1)</link><guid>js-1</guid></item>"
        "<item><title>FTP</title><link>ftp://files.example/a.txt</link><guid>ftp-1</guid></item>"
    )
    server.route(
        "/feed.xml", body=good.replace("<item>", bad + "<item>", 1).encode(), headers={"Content-Type": "text/xml"}
    )
    server.route("/a/0.html", body=article_html(0).encode(), headers={"Content-Type": "text/html"})
    rt = _runtime(tmp_path, monkeypatch, server.url("/feed.xml"))
    try:
        summary = run_cycle(rt, local_stages(rt))
        with rt.store.engine.connect() as conn:
            rows = conn.execute(text("SELECT title, state, attempts, last_error FROM items")).all()
    finally:
        rt.close()
    assert summary.new_articles == 1 and len(summary.fetch_errors) == 2
    by_title = {r.title: r for r in rows}
    for title in ("FTP", "Script"):
        assert by_title[title].state == "gave_up" and by_title[title].attempts == 1
        assert "no http(s) link" in by_title[title].last_error
    assert by_title["Strike 0"].state == "fetched"


def test_assessment_and_its_alerts_commit_together_or_not_at_all(
    wire: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = _runtime(tmp_path, monkeypatch, wire.url("/feed.xml"), max_new_items_per_feed=50)
    try:
        real = rt.store.mark_assessed

        def fail(_ids: list[str]) -> None:  # the last write of the transaction fails
            raise OperationalError("UPDATE articles", {}, Exception("disk I/O error"))

        monkeypatch.setattr(rt.store, "mark_assessed", fail)
        with pytest.raises(OperationalError):
            run_cycle(rt, local_stages(rt))
        state = rt.store.load_state()
        assert state is not None and state.tracks["boat_strike_deaths"] == 61  # the known state did not move
        assert rt.store.list_outbox() == []  # no alert without its assessment
        assert _counts(rt) == ({"fetched": 12}, {"fetched": 12})  # fetched, awaiting assessment

        monkeypatch.setattr(rt.store, "mark_assessed", real)
        again = run_cycle(rt, local_stages(rt))  # the feed answers 304 now: the store alone says what is left
        keys = [e.alert.key for e in rt.store.list_outbox()]
        state = rt.store.load_state()
    finally:
        rt.close()
    assert again.feeds_polled == 0 and again.alerts == len(keys) >= 10
    assert len(set(keys)) == len(keys)
    assert state is not None and state.tracks["boat_strike_deaths"] == 95


def test_feed_validators_commit_with_their_items(
    wire: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = _runtime(tmp_path, monkeypatch, wire.url("/feed.xml"))
    try:
        monkeypatch.setattr(rt.store, "add_items", lambda _items: (_ for _ in ()).throw(RuntimeError("boom")))
        with pytest.raises(RuntimeError):
            run_cycle(rt, local_stages(rt))
        (state,) = rt.store.feed_states()
        assert (state.etag, state.next_check_at) == (None, None)  # so the next poll is not a 304 that hides them
        monkeypatch.undo()
        use_environment(monkeypatch, tmp_path, tmp_path / "watch.yaml")
        assert run_cycle(rt, local_stages(rt)).new_items == 12
    finally:
        rt.close()


def test_sqlite_busy_during_fetch_costs_a_cycle_not_an_alert(
    server: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    serve_wire(server, 6)
    locker: list[sqlite3.Connection] = []

    def lock_then_serve(req: RecordedRequest) -> tuple[int, dict[str, str], bytes]:
        if not locker:  # another process takes the write lock while the first page is fetched
            conn = sqlite3.connect(tmp_path / "claimwatch.db", isolation_level=None, check_same_thread=False)
            conn.execute("BEGIN EXCLUSIVE")
            locker.append(conn)
        return 200, {"Content-Type": "text/html"}, article_html(int(req.path[3:-5])).encode()

    for i in range(6):
        server.route(f"/a/{i}.html", handler=lock_then_serve)
    rt = _runtime(tmp_path, monkeypatch, server.url("/feed.xml"), max_new_items_per_feed=50, fetch_workers=1)
    try:
        with pytest.raises(OperationalError, match="locked"):
            run_cycle(rt, local_stages(rt))
        locker[0].rollback()
        locker[0].close()
        run_cycle(rt, local_stages(rt))
        counts = _counts(rt)
        toll = (rt.store.load_state() or pytest.fail("no state")).tracks["boat_strike_deaths"]
    finally:
        rt.close()
    assert counts == ({"fetched": 6}, {"assessed": 6})
    assert toll == 77  # the sixth article's toll: nothing was skipped


def _table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_backfill_no_deliver_holds_alerts_until_released_and_dry_run_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(demo_articles_jsonl(), encoding="utf-8")
    runner = CliRunner()
    with webhook_server() as (hooks, port):
        watch_file = write_watch(tmp_path, [], routes=[{"name": "hook", "min_severity": "low"}])
        use_environment(monkeypatch, tmp_path, watch_file, {"hook": f"json://127.0.0.1:{port}/hook"})
        db = tmp_path / "claimwatch.db"

        dry = runner.invoke(app, ["backfill", "--from-jsonl", str(articles), "--dry-run", "--alerts-jsonl",
                                  str(tmp_path / "dry.jsonl")])  # fmt: skip
        assert dry.exit_code == 0, dry.output
        assert "nothing was stored or sent" in dry.output
        assert not db.exists() or sum(_table_counts(db).values()) == 0

        held = runner.invoke(app, ["backfill", "--from-jsonl", str(articles), "--no-deliver", "--alerts-jsonl",
                                   str(tmp_path / "held.jsonl")])  # fmt: skip
        assert held.exit_code == 0, held.output
        assert (tmp_path / "dry.jsonl").read_text() == (tmp_path / "held.jsonl").read_text() != ""
        store = Store.from_url(f"sqlite:///{db}")
        try:
            rows = store.list_outbox()
            assert rows and {(e.status, e.hold_reason) for e in rows} == {("held", "manual")}
            before = _table_counts(db)
            again = runner.invoke(app, ["backfill", "--from-jsonl", str(articles), "--dry-run"])
            assert again.exit_code == 0 and _table_counts(db) == before  # a dry run on a used database too
            assert runner.invoke(app, ["deliver"]).exit_code == 0
            assert hooks.received == []  # held: not sent, not digested

            first = rows[0].alert.key
            released = runner.invoke(app, ["alerts", "release", "--key", first])
            assert "released 1" in released.output
            assert runner.invoke(app, ["deliver"]).exit_code == 0
            assert [r.headers["idempotency-key"] for r in hooks.received] == [idempotency_key(first, "hook")]
            assert runner.invoke(app, ["alerts", "release", "--all"]).exit_code == 0
            assert runner.invoke(app, ["deliver"]).exit_code == 0
            sent = [r.body["idempotency_key"] for r in hooks.received]
            assert sorted(sent) == sorted(idempotency_key(e.alert.key, "hook") for e in rows)
            assert {e.status for e in store.list_outbox()} == {"delivered"}
        finally:
            store.close()
    lines = [json.loads(line) for line in (tmp_path / "held.jsonl").read_text().splitlines()]
    assert len(lines) == len(rows)


def test_an_article_that_breaks_the_extractor_is_failed_and_the_rest_go_on(
    wire: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = _runtime(tmp_path, monkeypatch, wire.url("/feed.xml"), max_new_items_per_feed=50)
    real = rt.extractor.extract

    def brittle(article: Any) -> Any:
        if "Strike number 3 " in article.text:
            raise ValueError("extractor bug")
        return real(article)

    monkeypatch.setattr(rt.extractor, "extract", brittle)
    try:
        first = run_cycle(rt, local_stages(rt))
        second = run_cycle(rt, local_stages(rt))  # it is not retried into every later cycle
        with rt.store.engine.connect() as conn:
            failed = conn.execute(text("SELECT last_error FROM articles WHERE state = 'failed'")).scalars().all()
        counts = _counts(rt)
    finally:
        rt.close()
    assert len(first.assess_errors) == 1 and "extractor bug" in first.assess_errors[0]
    assert second.assess_errors == [] and first.alerts >= 10
    assert failed == ["ValueError: extractor bug"]
    assert counts == ({"fetched": 12}, {"assessed": 11, "failed": 1})
