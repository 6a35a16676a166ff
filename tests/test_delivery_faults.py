"""Delivery and database faults with real parts: a hung or failing JSON webhook, an SMTP server that is slow or
rejects (aiosmtpd), and PostgreSQL backends terminated in bursts while cycles run.

What must hold: one hung route neither blocks the others nor gets hammered; a send that timed out is not
retried before the receiver had its timeout plus the margin; every copy carries the same idempotency key;
every failure's reason is logged and kept; database faults cost cycles, never alerts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import random
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
import yaml
from aiosmtpd.controller import Controller

from config.settings import Settings
from config.watch import AlertsConfig, DigestConfig, RouteConfig, WatchConfig, load_watch
from flows.cycle import local_stages, run_cycle
from flows.runtime import open_runtime
from storage import Store
from tests.support.http_server import LocalHTTPServer
from tests.support.killtest import expected_keys
from tests.support.newswire import serve_wire
from tests.support.smtp import SmtpSink, free_port, mailto_url
from tests.support.store import PG_URL, postgres_schema
from tests.support.watchenv import use_environment, write_watch
from tests.support.webhook import Answer, webhook_server
from watchers.delivery import idempotency_key, route_sender
from watchers.models import Alert
from watchers.outbox import drain_outbox, enqueue_for_routes
from watchers.schedule import RetryPolicy

T0 = datetime(2025, 11, 4, 17, 0, tzinfo=UTC)
POLICY = RetryPolicy(base=timedelta(seconds=30), cap=timedelta(minutes=10), jitter=0)
MARGIN = timedelta(seconds=30)


def _watch(*routes: RouteConfig) -> WatchConfig:
    alerts = AlertsConfig(routes=list(routes), digest=DigestConfig(enabled=False))
    return WatchConfig(name="w", baseline_date=dt.date(2025, 10, 31), baseline_documents=[], alerts=alerts)


def _alert(key: str) -> Alert:
    return Alert(key, "figure_changed", "high", f"Alert {key}", f"**{key}**", key, {"key": key}, ("figure_changed",))


def test_a_hung_webhook_costs_one_timeout_and_the_other_route_delivers_everything(store: Store) -> None:
    w = _watch(RouteConfig(name="hung"), RouteConfig(name="fine"))
    enqueue_for_routes(store, [_alert(f"k{i}") for i in range(6)], w, T0)
    with webhook_server(default=Answer(delay=3.0)) as (hung, hung_port), webhook_server() as (fine, fine_port):
        urls = {"hung": f"json://127.0.0.1:{hung_port}/h", "fine": f"json://127.0.0.1:{fine_port}/h"}
        send = route_sender(urls, timeout=1)
        report = drain_outbox(store, send, w, T0, policy=POLICY, rng=random.Random(0), concurrency=1, send_timeout=1)
    assert len(fine.received) == 6 and report.delivered == 6
    assert len(hung.received) == 1  # then the route is left alone for this pass
    (failed,) = store.list_outbox("failed")
    assert failed.route == "hung" and "Timeout" in (failed.last_error or "")
    assert failed.next_attempt_at >= T0 + timedelta(seconds=1) + MARGIN  # the receiver's time, not ours
    assert len(store.list_outbox("pending")) == 5  # waiting for the next pass, not dropped


def test_a_slow_route_within_the_budget_stops_claiming_when_it_is_spent(store: Store) -> None:
    w = _watch(RouteConfig(name="slow"))
    enqueue_for_routes(store, [_alert(f"k{i}") for i in range(5)], w, T0)
    with webhook_server(default=Answer(delay=0.4)) as (slow, port):
        send = route_sender({"slow": f"json://127.0.0.1:{port}/h"}, timeout=5)
        report = drain_outbox(store, send, w, T0, policy=POLICY, budget_seconds=0.5, send_timeout=5)
    assert 1 <= report.delivered < 5 and len(slow.received) == report.delivered
    assert len(store.list_outbox("pending")) == 5 - report.delivered


def test_webhook_500_then_429_then_200_repeats_one_key(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    w = _watch(RouteConfig(name="hook"))
    enqueue_for_routes(store, [_alert("k1")], w, T0)
    answers = [Answer(500), Answer(429, {"Retry-After": "120"})]
    now = T0
    with webhook_server(answers) as (hooks, port), caplog.at_level(logging.WARNING, "claimwatch.outbox"):
        send = route_sender({"hook": f"json://127.0.0.1:{port}/h"}, timeout=5)
        for _ in range(3):
            drain_outbox(store, send, w, now, policy=POLICY, send_timeout=5)
            now = min((e.next_attempt_at for e in store.list_outbox("failed")), default=now)
    key = idempotency_key("k1", "hook")
    assert [(r.headers["idempotency-key"], r.body["idempotency_key"]) for r in hooks.received] == [(key, key)] * 3
    assert [e.status for e in store.list_outbox()] == ["delivered"]
    reasons = [r.getMessage() for r in caplog.records]
    assert any("HTTP 500" in m for m in reasons) and any("HTTP 429" in m for m in reasons)


class _SlowSmtp(SmtpSink):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(3)
        return await super().handle_DATA(server, session, envelope)


class _RejectingSmtp(SmtpSink):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "550 5.1.1 mailbox unavailable"


@pytest.mark.parametrize("sink", [_SlowSmtp, _RejectingSmtp])
def test_smtp_slow_or_rejecting_fails_the_row_with_its_reason_and_a_keyed_footer(
    store: Store, sink: type[SmtpSink], caplog: pytest.LogCaptureFixture
) -> None:
    w = _watch(RouteConfig(name="email"))
    enqueue_for_routes(store, [_alert("k1")], w, T0)
    controller = Controller(sink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with caplog.at_level(logging.WARNING, "claimwatch.outbox"):
            send = route_sender({"email": mailto_url(controller.port)}, timeout=1)
            report = drain_outbox(store, send, w, T0, policy=POLICY, send_timeout=1)
    finally:
        controller.stop()
    (row,) = store.list_outbox("failed")
    assert report.failed == 1 and "failed" in (row.last_error or "")
    assert any("delivery to route email failed" in r.getMessage() for r in caplog.records)
    if sink is _SlowSmtp:  # it may still deliver that message: no retry before its timeout and the margin
        assert row.next_attempt_at >= T0 + timedelta(seconds=1) + MARGIN


def test_the_apprise_body_carries_the_key_in_its_footer() -> None:
    controller = Controller(sink := SmtpSink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        assert route_sender({"email": mailto_url(controller.port)}, timeout=5)(_alert("k9"), "email").ok
    finally:
        controller.stop()
    (message,) = sink.wait_for(1)
    assert idempotency_key("k9", "email") in message.as_string()


@pytest.mark.postgres
def test_postgres_backends_terminated_in_bursts_cost_cycles_not_alerts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = 10
    expected = expected_keys(tmp_path / "reference", articles)
    app_name = f"cw_burst_{uuid.uuid4().hex[:12]}"  # unique: parallel runs never kill each other's backends
    with postgres_schema() as schema, LocalHTTPServer() as site, webhook_server() as (hooks, port):
        serve_wire(site, articles)
        watch_file = write_watch(tmp_path, [site.url("/feed.xml")], routes=[{"name": "hook", "min_severity": "low"}])
        raw = yaml.safe_load(watch_file.read_text(encoding="utf-8"))
        raw["cycle"] = {"max_new_items_per_feed": 5, "delivery_timeout_seconds": 2, "delivery_lease_margin_seconds": 1}
        watch_file.write_text(yaml.safe_dump(raw), encoding="utf-8")
        use_environment(monkeypatch, tmp_path, watch_file, {"hook": f"json://127.0.0.1:{port}/hook"})
        url = f"{PG_URL}?application_name={app_name}&options=-csearch_path%3D{schema}"
        monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", url)
        rt = open_runtime(Settings(), watch=load_watch(watch_file))
        stop, terminated = threading.Event(), [0]

        def bursts() -> None:  # every 50 ms a burst that ends every connection the monitor holds
            with psycopg.connect(PG_URL.replace("+psycopg", ""), autocommit=True) as admin:
                while not stop.wait(0.05):
                    rows = admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                        (app_name,),
                    ).fetchall()
                    terminated[0] += len(rows)

        killer = threading.Thread(target=bursts, daemon=True)
        killer.start()
        failures = 0
        try:
            for _ in range(6):
                try:
                    run_cycle(rt, local_stages(rt))
                except Exception:  # a terminated connection fails the cycle in progress
                    failures += 1
            stop.set()
            killer.join()
            for _ in range(6):  # then the monitor finishes what the failed cycles left
                rt.store.engine.dispose()
                run_cycle(rt, local_stages(rt))
                if {e.status for e in rt.store.list_outbox()} == {"delivered"} and rt.store.article_counts() == {
                    "assessed": articles
                }:
                    break
                time.sleep(1.5)
            sent = {r.headers["idempotency-key"] for r in hooks.received}
            rows = rt.store.list_outbox()
        finally:
            stop.set()
            rt.close()
    assert terminated[0] > 0 and failures > 0  # the bursts did hit the cycles
    assert sent == expected
    assert len(rows) == len(expected) and {e.status for e in rows} == {"delivered"}
    assert json.dumps(sorted(sent)) == json.dumps(sorted(expected))


def test_the_delivery_loop_retries_between_cycles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.deliver import deliver_loop

    with webhook_server([Answer(500)]) as (hooks, port):
        watch_file = write_watch(tmp_path, [], routes=[{"name": "hook", "min_severity": "low"}])
        use_environment(monkeypatch, tmp_path, watch_file, {"hook": f"json://127.0.0.1:{port}/hook"})
        clock = [T0]
        rt = open_runtime(Settings(), watch=load_watch(watch_file), now=lambda: clock[0])
        try:
            enqueue_for_routes(rt.store, [_alert("k1")], rt.watch, T0)

            def a_minute_later(_report: object) -> None:
                clock[0] += timedelta(minutes=1)

            delivered = deliver_loop(rt, max_passes=2, on_pass=a_minute_later)
            statuses = [e.status for e in rt.store.list_outbox()]
        finally:
            rt.close()
    assert delivered == 1 and statuses == ["delivered"]  # failed once, retried by the loop, not by a next cycle
    assert len(hooks.received) == 2
