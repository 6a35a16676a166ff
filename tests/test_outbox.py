"""Draining the outbox with real parts: aiosmtpd, a local webhook, SQLite and PostgreSQL, a fixed clock."""

from __future__ import annotations

import datetime as dt
import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from config.watch import AlertsConfig, DigestConfig, QuietHoursConfig, RouteConfig, WatchConfig
from storage import Store
from tests.support.smtp import free_port, mailto_url, smtp_server
from tests.support.webhook import Answer, webhook_server
from watchers.delivery import DeliveryResult, route_sender
from watchers.models import Alert
from watchers.outbox import DrainReport, drain_outbox, enqueue_for_routes, routes_for
from watchers.schedule import RetryPolicy

T0 = datetime(2025, 11, 4, 17, 0, tzinfo=UTC)  # noon in New York
POLICY = RetryPolicy(base=timedelta(seconds=30), cap=timedelta(minutes=10), jitter=0, failing_after=3)
NO_DIGEST = DigestConfig(enabled=False)


def watch(*routes: RouteConfig, digest: DigestConfig = NO_DIGEST, quiet: QuietHoursConfig | None = None) -> WatchConfig:
    alerts = AlertsConfig(routes=list(routes), digest=digest, quiet_hours=quiet or QuietHoursConfig())
    return WatchConfig(
        name="w", title="Test watch", baseline_date=dt.date(2025, 10, 31), baseline_documents=[], alerts=alerts
    )


def alert(key: str, severity: str = "high", type_: str = "figure_changed") -> Alert:
    return Alert(
        key, type_, severity, f"Alert {key}", f"**Alert {key}** body", f"Alert {key} body", {"key": key}, (type_,)
    )  # type: ignore[arg-type]


def drain(store: Store, send: object, w: WatchConfig, now: datetime) -> DrainReport:
    return drain_outbox(store, send, w, now, max_batch=50, policy=POLICY, rng=random.Random(0))  # type: ignore[arg-type]


def test_smtp_down_then_up_delivers_every_alert_exactly_once(store: Store) -> None:
    port = free_port()
    send = route_sender({"email": mailto_url(port)}, timeout=2)
    w = watch(RouteConfig(name="email"))
    alerts = [alert(f"k{i}") for i in range(3)]
    assert enqueue_for_routes(store, alerts, w, T0) == 3

    down = drain(store, send, w, T0)
    assert (down.delivered, down.failed) == (0, 3)
    assert all("Connection error" in e for e in down.errors)
    assert drain(store, send, w, T0 + timedelta(seconds=29)).failed == 0  # backoff: not due yet

    with smtp_server(port) as (sink, _):
        up = drain(store, send, w, T0 + timedelta(seconds=30))
        again = drain(store, send, w, T0 + timedelta(hours=1))
        messages = sink.wait_for(3)
    assert (up.delivered, again.delivered, again.failed) == (3, 0, 0)
    assert sorted(m["Subject"] for m in messages) == ["Alert k0", "Alert k1", "Alert k2"]
    assert [(e.attempts, e.last_error) for e in store.list_outbox("delivered")] == [(2, None)] * 3


def test_webhook_429_then_500_then_200_respects_retry_after(store: Store) -> None:
    w = watch(RouteConfig(name="slack"))
    with webhook_server([Answer(429, {"Retry-After": "600"}), Answer(500)]) as (log, port):
        send = route_sender({"slack": f"json://127.0.0.1:{port}/hook"}, timeout=5)
        enqueue_for_routes(store, [alert("k1")], w, T0)
        assert drain(store, send, w, T0).failed == 1
        (entry,) = store.list_outbox("failed")
        assert entry.next_attempt_at == T0 + timedelta(seconds=600)  # Retry-After beat the 30 s backoff
        assert drain(store, send, w, T0 + timedelta(seconds=599)).failed == 0
        assert len(log.received) == 1

        at_500 = T0 + timedelta(seconds=600)
        assert drain(store, send, w, at_500).failed == 1
        (entry,) = store.list_outbox("failed")
        assert (entry.attempts, entry.next_attempt_at) == (2, at_500 + timedelta(seconds=60))
        assert entry.last_error and entry.last_error.startswith("HTTP 500")

        assert drain(store, send, w, entry.next_attempt_at).delivered == 1
        assert drain(store, send, w, entry.next_attempt_at + timedelta(hours=1)).delivered == 0
        assert len(log.wait_for(3)) == 3
    assert [r.body["title"] for r in log.received] == ["Alert k1"] * 3
    assert [e.alert.key for e in store.list_outbox("delivered")] == ["k1"]


def test_crash_between_enqueue_and_delivery_delivers_once_after_the_lease(store: Store) -> None:
    w = watch(RouteConfig(name="slack"))
    with webhook_server() as (log, port):
        send = route_sender({"slack": f"json://127.0.0.1:{port}/hook"}, timeout=5)
        enqueue_for_routes(store, [alert("k1"), alert("k2")], w, T0)
        abandoned = store.claim_due(T0, 10, POLICY.lease)  # a drain claimed them, then its process died
        assert {e.status for e in abandoned} == {"sending"}

        assert drain(store, send, w, T0 + POLICY.lease - timedelta(seconds=1)).delivered == 0
        assert drain(store, send, w, T0 + POLICY.lease).delivered == 2
        assert drain(store, send, w, T0 + 2 * POLICY.lease).delivered == 0
        received = log.wait_for(2)
    assert sorted(r.body["title"] for r in received) == ["Alert k1", "Alert k2"]
    assert store.outbox_counts() == {"delivered": 2}


def test_re_running_enqueue_adds_nothing(store: Store) -> None:
    w = watch(RouteConfig(name="slack"), RouteConfig(name="email"))
    alerts = [alert("k1"), alert("k2")]
    assert enqueue_for_routes(store, alerts, w, T0) == 4
    assert enqueue_for_routes(store, alerts, w, T0 + timedelta(hours=1)) == 0
    sent: list[tuple[str, str]] = []

    def record(a: Alert, route: str) -> DeliveryResult:
        sent.append((a.key, route))
        return DeliveryResult(True)

    drain(store, record, w, T0)
    assert enqueue_for_routes(store, alerts, w, T0 + timedelta(hours=2)) == 0
    drain(store, record, w, T0 + timedelta(hours=2))
    assert sorted(sent) == [("k1", "email"), ("k1", "slack"), ("k2", "email"), ("k2", "slack")]


NY = ZoneInfo("America/New_York")
QUIET = QuietHoursConfig(enabled=True, timezone="America/New_York", start=dt.time(22, 0), end=dt.time(7, 0))


def test_quiet_hours_hold_all_but_critical_then_send_a_catch_up_digest(store: Store) -> None:
    w = watch(RouteConfig(name="slack"), quiet=QUIET)
    night = datetime(2025, 11, 4, 23, 0, tzinfo=NY)
    with webhook_server() as (log, port):
        send = route_sender({"slack": f"json://127.0.0.1:{port}/hook"}, timeout=5)
        enqueue_for_routes(store, [alert("crit", "critical"), alert("hi"), alert("lo", "low")], w, night)
        at_night = drain(store, send, w, night)
        assert (at_night.delivered, at_night.held) == (1, 2)
        assert drain(store, send, w, datetime(2025, 11, 5, 6, 59, tzinfo=NY)).delivered == 0

        morning = drain(store, send, w, datetime(2025, 11, 5, 7, 0, tzinfo=NY))
        assert (morning.digests, morning.delivered) == (1, 1)
        first, digest = log.wait_for(2)
    assert first.body["title"] == "Alert crit"
    assert digest.body["title"] == "Test watch: 2 updates (digest)"
    assert "**Alert hi** body" in digest.body["message"] and "**Alert lo** body" in digest.body["message"]
    assert {e.alert.key for e in store.list_outbox("digested")} == {"hi", "lo"}
    assert store.outbox_counts() == {"delivered": 2, "digested": 2}


def test_low_alerts_wait_for_one_digest_per_interval(store: Store) -> None:
    w = watch(RouteConfig(name="email"), digest=DigestConfig(max_severity="low", interval_minutes=60))
    sent: list[Alert] = []

    def record(a: Alert, route: str) -> DeliveryResult:
        sent.append(a)
        return DeliveryResult(True)

    enqueue_for_routes(store, [alert("lo1", "low", "new_actor")], w, T0)
    assert drain(store, record, w, T0).held == 1
    half = T0 + timedelta(minutes=30)
    enqueue_for_routes(store, [alert("lo2", "low", "new_actor"), alert("hi", "high")], w, half)
    assert drain(store, record, w, half).delivered == 1  # high goes out at once
    assert drain(store, record, w, T0 + timedelta(minutes=59)).digests == 0
    hour = drain(store, record, w, T0 + timedelta(minutes=60))
    assert (hour.digests, hour.delivered) == (1, 1)
    assert [a.title for a in sent] == ["Alert hi", "Test watch: 2 updates (digest)"]
    assert [p["key"] for p in sent[1].payload["alerts"]] == ["lo1", "lo2"]


def test_routes_filter_by_severity_and_tags_and_skip_removed_routes(store: Store) -> None:
    slack = RouteConfig(name="slack", min_severity="medium", tags=["figure_changed", "boat_strike_deaths"])
    w = watch(slack, RouteConfig(name="email"))
    figure, actor, deployment = alert("f"), alert("a", "low", "new_actor"), alert("d", "medium", "new_deployment")
    assert [routes_for(a, w) for a in (figure, actor, deployment)] == [["slack", "email"], ["email"], ["email"]]
    assert enqueue_for_routes(store, [figure, actor, deployment], w, T0) == 4

    without_slack = watch(RouteConfig(name="email"))
    report = drain(store, lambda a, r: DeliveryResult(True), without_slack, T0)
    assert (report.delivered, report.skipped) == (3, 1)
    (skipped,) = store.list_outbox("skipped")
    assert skipped.route == "slack" and "not configured" in (skipped.last_error or "")


def test_failing_rows_keep_retrying_at_the_cap_and_are_counted(store: Store) -> None:
    w = watch(RouteConfig(name="email"))
    enqueue_for_routes(store, [alert("k1")], w, T0)
    now, failing = T0, []
    for _ in range(7):
        report = drain(store, lambda a, r: DeliveryResult(False, "550 mailbox unavailable"), w, now)
        failing.append(report.failing)
        (entry,) = store.list_outbox("failed")
        assert entry.next_attempt_at - now <= POLICY.cap
        now = entry.next_attempt_at
    assert failing == [0, 0, 1, 1, 1, 1, 1]
    assert (entry.status, entry.attempts, entry.last_error) == ("failed", 7, "550 mailbox unavailable")
    assert now - T0 > timedelta(minutes=20)  # the waits grew, to the 10-minute cap


def test_a_sender_that_raises_fails_only_its_row(store: Store) -> None:
    w = watch(RouteConfig(name="email"))
    enqueue_for_routes(store, [alert("boom"), alert("fine")], w, T0)

    def flaky(a: Alert, route: str) -> DeliveryResult:
        if a.key == "boom":
            raise RuntimeError("plugin bug")
        return DeliveryResult(True)

    report = drain(store, flaky, w, T0)
    assert (report.delivered, report.failed, report.errors) == (1, 1, ["email: RuntimeError: plugin bug"])


def test_a_slow_drain_keeps_its_leases_fresh(store: Store) -> None:
    """Each row is claimed when its turn comes, with a lease timed by the drain's clock."""
    w = watch(RouteConfig(name="email"))
    enqueue_for_routes(store, [alert("k1"), alert("k2"), alert("k3")], w, T0)
    clock_now = [T0]
    stolen: list[list[str]] = []

    def slow(a: Alert, route: str) -> DeliveryResult:
        clock_now[0] += timedelta(minutes=4)  # within the 5-minute lease, but two sends are not
        if a.key == "k2":  # another drain starts meanwhile: it may take k3, never the k2 being sent
            stolen.append([e.alert.key for e in store.claim_due(clock_now[0], 10, POLICY.lease)])
        return DeliveryResult(True)

    report = drain_outbox(store, slow, w, T0, policy=POLICY, rng=random.Random(0), clock=lambda: clock_now[0])
    assert stolen == [["k3"]]
    assert report.delivered == 2
    assert [(e.alert.key, e.delivered_at) for e in store.list_outbox("delivered")] == [
        ("k1", T0 + timedelta(minutes=4)),
        ("k2", T0 + timedelta(minutes=8)),
    ]
