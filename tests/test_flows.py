"""End to end with real parts: a local HTTP server serves a feed and its pages, aiosmtpd takes email, a local
webhook takes the Slack-style JSON, SQLite stores it all, and the monitor runs as a Prefect flow."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from storage import Store
from tests.support.http_server import LocalHTTPServer
from tests.support.smtp import smtp_server
from tests.support.watchenv import demo_articles_jsonl, demo_feed, demo_pages, use_environment, write_watch
from tests.support.webhook import webhook_server

ROUTES = [
    {"name": "slack", "min_severity": "medium"},
    {"name": "email", "min_severity": "low"},
]


@pytest.fixture(scope="module")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def news_site() -> Iterator[LocalHTTPServer]:
    """The demo wire: a feed (with an ETag, so a second poll gets 304) and its five pages."""
    with LocalHTTPServer() as srv:
        srv.route(
            "/feed.xml", body=demo_feed(srv.url("")), headers={"Content-Type": "application/rss+xml"}, etag='"v1"'
        )
        for path, body in demo_pages().items():
            srv.route(path, body=body, headers={"Content-Type": "text/html; charset=utf-8"})
        yield srv


def _outbox(db_url: str) -> list[tuple[str, str, str]]:
    store = Store.from_url(db_url)
    try:
        return sorted((e.route, e.status, e.alert.type) for e in store.list_outbox())
    finally:
        store.close()


def _artifact(key: str) -> str:
    """The newest version of a keyed artifact, read over the API as the UI does (this prefect client sends
    nulls the 3.8 server refuses)."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    query = {"artifacts": {"key": {"any_": [key]}}, "limit": 1, "offset": 0, "sort": "UPDATED_DESC"}
    found = httpx.post(f"{PREFECT_API_URL.value()}/artifacts/filter", json=query, timeout=30).json()
    assert found, f"no artifact {key!r}"
    return str(found[0]["data"])


def _make_feeds_due(db_url: str) -> None:
    store = Store.from_url(db_url)
    try:
        for state in store.feed_states():
            state.next_check_at = None
            store.save_feed_state(state)
    finally:
        store.close()


@pytest.mark.prefect
def test_monitor_flow_alerts_by_email_and_webhook_once(
    prefect_harness: None, news_site: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.monitor import monitor_flow

    with smtp_server() as (mail, smtp_port), webhook_server() as (hook, hook_port):
        watch_file = write_watch(tmp_path, [news_site.url("/feed.xml")], routes=ROUTES)
        db_url = use_environment(
            monkeypatch,
            tmp_path,
            watch_file,
            {
                "slack": f"json://127.0.0.1:{hook_port}/slack",
                "email": f"mailto://127.0.0.1:{smtp_port}?from=claimwatch@example.org&to=ops@example.org",
            },
        )
        first = monitor_flow()
        assert first.feeds_polled == 1 and first.feed_errors == []
        assert first.new_articles == 5
        assert first.copies >= 1  # the syndicated copy is recognised
        assert first.alerts > 0
        outbox = _outbox(db_url)
        assert outbox and all(status == "delivered" for _, status, _ in outbox)
        emails = mail.wait_for(sum(1 for route, _, _ in outbox if route == "email"))
        hooks = hook.wait_for(sum(1 for route, _, _ in outbox if route == "slack"))
        assert any("70" in m.get("Subject", "") or "70" in m.get_body().get_content() for m in emails)  # type: ignore[union-attr]
        assert all(h.path == "/slack" for h in hooks)
        board = _artifact("situation-board")  # the board after the run, in the Prefect UI
        assert "| Boat strike deaths | 61 (an unnamed US outlet, 2025-10-31) | **70** |" in board
        delivered_mail, delivered_hooks = len(mail.messages), len(hook.received)

        _make_feeds_due(db_url)  # as if the poll interval had passed
        second = monitor_flow()
        assert second.feeds_not_modified == 1  # conditional GET: 304, nothing parsed
        assert second.new_articles == 0 and second.alerts == 0
        assert (len(mail.messages), len(hook.received)) == (delivered_mail, delivered_hooks)


def test_backfill_from_jsonl_is_idempotent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watch_file = write_watch(tmp_path, [], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    articles = tmp_path / "articles.jsonl"
    articles.write_text(demo_articles_jsonl(), encoding="utf-8")
    runner = CliRunner()
    out1, out2 = tmp_path / "alerts1.jsonl", tmp_path / "alerts2.jsonl"
    args = ["backfill", "--from-jsonl", str(articles), "--no-deliver", "--alerts-jsonl"]
    first = runner.invoke(app, [*args, str(out1)])
    assert first.exit_code == 0, first.output
    alerts = [json.loads(line) for line in out1.read_text(encoding="utf-8").splitlines()]
    types = {a["type"] for a in alerts}
    assert "figure_changed" in types
    assert any(a["type"] == "figure_changed" and a["track"] == "boat_strike_deaths" and a["new"] == 70 for a in alerts)
    second = runner.invoke(
        app, ["backfill", "--from-jsonl", str(articles), "--alerts-jsonl", str(out2), "--no-deliver"]
    )
    assert second.exit_code == 0, second.output
    assert out2.read_text(encoding="utf-8") == ""  # nothing is alerted twice


def test_run_local_reports_an_unreachable_feed_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.smtp import free_port

    dead = f"http://127.0.0.1:{free_port()}/feed.xml"
    watch_file = write_watch(tmp_path, [dead], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    result = CliRunner().invoke(app, ["run", "--local"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if dead in line]
    assert len(lines) == 1, result.output


def test_demo_shows_delivered_alerts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["demo"], terminal_width=200)
    assert result.exit_code == 0, result.output
    delivered = int(result.output.rsplit(" alerts delivered", 1)[0].split()[-1])
    assert delivered >= 2
    assert "Boat strike deaths: 61 → 70" in result.output  # each delivered alert shown, its markdown rendered:
    assert "**" not in result.output and "- Link:" not in result.output and "\\_" not in result.output


@pytest.mark.postgres
def test_backfill_and_delivery_on_postgres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same pipeline on the real PostgreSQL server: alerts raised once, delivered once to a webhook."""
    from tests.support.store import PG_URL, postgres_schema

    with postgres_schema() as schema, webhook_server() as (hook, hook_port):
        watch_file = write_watch(tmp_path, [], routes=[{"name": "slack", "min_severity": "low"}])
        use_environment(monkeypatch, tmp_path, watch_file, {"slack": f"json://127.0.0.1:{hook_port}/slack"})
        db_url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", db_url)
        articles = tmp_path / "articles.jsonl"
        articles.write_text(demo_articles_jsonl(), encoding="utf-8")
        runner = CliRunner()
        first = runner.invoke(app, ["backfill", "--from-jsonl", str(articles)])
        assert first.exit_code == 0, first.output
        outbox = _outbox(db_url)
        assert outbox and all(status == "delivered" for _, status, _ in outbox)
        assert len(hook.wait_for(len(outbox))) == len(outbox)
        second = runner.invoke(app, ["backfill", "--from-jsonl", str(articles)])
        assert second.exit_code == 0, second.output
        assert _outbox(db_url) == outbox and len(hook.received) == len(outbox)  # nothing new, nothing re-sent
        resend = runner.invoke(app, ["backfill", "--from-jsonl", str(articles), "--resend"])
        assert resend.exit_code == 0, resend.output
        assert len(hook.wait_for(2 * len(outbox))) == 2 * len(outbox)  # --resend forces delivery again


@pytest.mark.prefect
def test_backfill_flow_writes_the_alert_stream(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.backfill import backfill_flow

    watch_file = write_watch(tmp_path, [], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    articles, alerts = tmp_path / "articles.jsonl", tmp_path / "alerts.jsonl"
    articles.write_text(demo_articles_jsonl(), encoding="utf-8")
    counts = backfill_flow(jsonl=str(articles), alerts_jsonl=str(alerts), deliver=False)
    assert counts["articles"] == 5 and counts["relevant"] == 4 and counts["errors"] == 0
    lines = alerts.read_text(encoding="utf-8").splitlines()
    assert len(lines) == counts["alerts"] > 0
    assert counts["enqueued"] == 0  # --no-deliver: nothing goes to the outbox


def test_run_local_names_a_feed_that_moved(
    news_site: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news_site.route("/old-feed.xml", status=301, redirect_to=news_site.url("/feed.xml"))
    watch_file = write_watch(tmp_path, [news_site.url("/old-feed.xml")], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    result = CliRunner().invoke(app, ["run", "--local"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"moved permanently to {news_site.url('/feed.xml')}" in result.output
    assert "new articles" in result.output


def test_articles_are_assessed_oldest_first_across_time_zones() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from flows.steps import sorted_by_published
    from watchers.models import Article

    def art(i: str, when: datetime | None) -> Article:
        return Article(article_id=i, url="", text="", published=when)

    caracas = timezone(timedelta(hours=-4))
    order = sorted_by_published(
        [
            art("undated", None),
            art("late-utc", datetime(2025, 11, 5, 12, 0, tzinfo=UTC)),
            art("early-caracas", datetime(2025, 11, 5, 9, 0, tzinfo=caracas)),  # 13:00 UTC: after late-utc
            art("date-only", datetime(2025, 11, 4)),
            art("tie-first", datetime(2025, 11, 6)),
            art("tie-second", datetime(2025, 11, 6)),
        ]
    )
    assert [a.article_id for a in order] == [
        "date-only", "late-utc", "early-caracas", "tie-first", "tie-second", "undated"
    ]  # fmt: skip


@pytest.mark.prefect
def test_a_monitor_run_with_every_feed_failing_fails_and_health_says_so(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.monitor import EveryFeedFailed, monitor_flow
    from tests.support.smtp import free_port

    dead = f"http://127.0.0.1:{free_port()}/feed.xml"
    use_environment(monkeypatch, tmp_path, write_watch(tmp_path, [dead], routes=[]))
    state = monitor_flow(return_state=True)
    assert state.is_failed()
    with pytest.raises(EveryFeedFailed, match="every feed failed"):
        state.result()
    health = CliRunner().invoke(app, ["health"], terminal_width=200)
    assert health.exit_code == 1 and "every feed failed (1)" in " ".join(health.output.split()), health.output
