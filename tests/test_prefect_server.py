"""A real `prefect server start` with a process worker: prefect.yaml deploys as written, the server's scheduler
creates runs that a worker executes, and the CLI commands an operator uses answer. A dependency bump that
breaks Prefect's server (SQLAlchemy 2.1: no scheduled run ever; FastAPI 0.153: 422 on the CLI's requests)
fails here. Prefect's own database is SQLite in its PREFECT_HOME, as on a one-machine install."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.watch import load_watch
from tests.support.http_server import LocalHTTPServer
from tests.support.prefect_server import ROOT, PrefectServer, group_alive, prefect_server, stop, wait_for
from tests.support.watchenv import demo_feed, demo_pages, write_watch

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with prefect_server(tmp_path_factory.mktemp("prefect-home")) as srv:
        yield srv


def claimwatch_env(directory: Path, watch_file: Path) -> dict[str, str]:
    """What a worker's flow runs need: settings pointing at `directory`, feeds on 127.0.0.1 allowed."""
    return {
        "CLAIMWATCH_DATA_DIR": str(directory),
        "CLAIMWATCH_DATABASE_URL": f"sqlite:///{directory / 'claimwatch.db'}",
        "CLAIMWATCH_WATCH_FILE": str(watch_file),
        "CLAIMWATCH_HTTP__ALLOW_PRIVATE_HOSTS": json.dumps(["127.0.0.1"]),
        "CLAIMWATCH_ALERT_URLS": "{}",
    }


def _deployments(srv: PrefectServer) -> dict[str, dict[str, object]]:
    rows = srv.api("POST", "/deployments/filter", json={}).json()
    return {row["name"]: row for row in rows}


def _state(srv: PrefectServer, run_id: str) -> str:
    return str(srv.api("GET", f"/flow_runs/{run_id}").json()["state_type"])


def test_deploys_as_written_and_a_scheduled_run_fires(sqlite_server: PrefectServer, tmp_path: Path) -> None:
    srv = sqlite_server
    srv.prefect("work-pool", "create", "claimwatch", "--type", "process")
    deployed = srv.prefect("deploy", "--all")  # no variable to set: the pull step is this checkout
    assert deployed.stdout.count("Deployment '") >= 3, deployed.stdout

    listed = srv.prefect("deployment", "ls").stdout
    for name in ("monitor/monitor", "backfill/backfill", "deliver/deliver"):
        assert name in listed, listed
    deployments = _deployments(srv)
    monitor = deployments["monitor"]
    interval = load_watch().schedule.interval_seconds
    assert [s["schedule"]["interval"] for s in monitor["schedules"]] == [interval]  # type: ignore[index]
    assert monitor["concurrency_options"] == {"collision_strategy": "CANCEL_NEW", "grace_period_seconds": None}
    assert monitor["global_concurrency_limit"]["limit"] == 1  # type: ignore[index]
    assert monitor["pull_steps"] == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
    assert deployments["backfill"]["schedules"] == []

    with LocalHTTPServer() as site:
        site.route("/feed.xml", body=demo_feed(site.url("")), headers={"Content-Type": "application/rss+xml"})
        for path, body in demo_pages().items():
            site.route(path, body=body, headers={"Content-Type": "text/html; charset=utf-8"})
        env = claimwatch_env(tmp_path, write_watch(tmp_path, [site.url("/feed.xml")], routes=[]))
        with srv.worker("claimwatch", env=env) as worker_pid:
            # the scheduler's own run: `deliver` every 60 s (its first run is due within a minute of deploy)
            def scheduled_run_completed() -> bool:
                runs = srv.flow_runs(deployments={"id": {"any_": [deployments["deliver"]["id"]]}})
                return any(r["auto_scheduled"] and r["state_type"] == "COMPLETED" for r in runs)

            # a manual monitor run over the local feed: runs the real flow code from the worker
            started = srv.prefect("deployment", "run", "monitor/monitor").stdout
            run_id = started.split("UUID:")[1].split()[0]
            wait_for(lambda: _state(srv, run_id) in {"COMPLETED", "FAILED", "CRASHED"}, 150, what="the monitor run")
            assert _state(srv, run_id) == "COMPLETED", (srv.home / "worker-0.log").read_text()[-3000:]
            wait_for(scheduled_run_completed, 120, what="a scheduled deliver run to complete")

            completed = json.loads(srv.prefect("flow-run", "ls", "--state-type", "COMPLETED", "-o", "json").stdout)
            assert run_id in {r["id"] for r in completed}
            artifacts = json.loads(srv.prefect("artifact", "ls", "-o", "json").stdout)
            assert "monitor-summary" in {a["key"] for a in artifacts}
            logs = srv.api("POST", "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}}).json()
            assert any("polling 1 feeds" in row["message"] for row in logs)  # our logger reaches the run's logs

            proc = srv.workers[-1]
            assert stop(proc, timeout=30) == 0  # one SIGTERM: a clean stop, exit 0
            assert not group_alive(worker_pid)
