"""Running without Prefect: one cycle in this process, and a test message to each route."""

from __future__ import annotations

from datetime import datetime

from config.watch import WatchConfig
from flows import steps
from flows.cycle import CycleSummary, local_stages, run_cycle
from flows.runtime import Runtime
from watchers.delivery import deliver
from watchers.models import Alert


def run_cycle_locally(rt: Runtime) -> CycleSummary:
    return run_cycle(rt, local_stages(rt))


def compose_test_alert(watch: WatchConfig, now: datetime) -> Alert:
    text = f"Test message from claimwatch ({watch.name}) at {now:%Y-%m-%d %H:%M} UTC: this route works."
    return Alert(
        key=f"test:{now.isoformat()}",
        type="digest",
        severity="low",
        title=f"claimwatch test — {watch.title or watch.name}",
        body_markdown=text,
        body_text=text,
        payload={"type": "test"},
    )


def send_test_alert(rt: Runtime, only_route: str | None = None) -> dict[str, tuple[bool, str | None]]:
    """Send a test alert straight to each route that has a URL; route → (ok, error)."""
    results: dict[str, tuple[bool, str | None]] = {}
    alert = compose_test_alert(rt.watch, rt.now())
    for route in rt.watch.alerts.routes:
        if only_route and route.name != only_route:
            continue
        url = steps.route_url(rt, route.name)
        if not url:
            continue
        result = deliver(alert, url, timeout=rt.settings.http.total_timeout)
        results[route.name] = (result.ok, result.error)
    return results
