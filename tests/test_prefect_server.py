"""A real `prefect server start` with process workers.

1. prefect.yaml deploys as written, the server's scheduler creates runs that a worker executes, and the CLI
   commands an operator uses answer. A dependency bump that breaks Prefect's server (SQLAlchemy 2.1: no
   scheduled run ever; FastAPI 0.153: 422 on the CLI's requests) fails here.
2. Scale-out on two workers sharing claimwatch's database: a backfill split into parts leaves the known state
   and alerts of a serial run; sharded monitor runs fetch every page once and deliver every alert once.

One server for both (its start and migrations are the slow part): Prefect's database on PostgreSQL in a
database of its own when 127.0.0.1:5432 answers, else SQLite in its PREFECT_HOME.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.settings import Settings
from config.watch import load_watch
from flows.backfill_core import BackfillRequest, run_backfill
from flows.runtime import open_runtime
from tests.support import newswire
from tests.support.http_server import LocalHTTPServer
from tests.support.prefect_server import (
    ROOT,
    PrefectServer,
    group_alive,
    prefect_server,
    scratch_database,
    stop,
    wait_for,
)
from tests.support.watchenv import demo_feed, demo_pages, write_watch
from tests.support.webhook import webhook_server
from watchers.cadence import shard_of

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with scratch_database("cw_prefect") as db:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{db}" if db else None
        with prefect_server(tmp_path_factory.mktemp("prefect-home"), database_url=url) as srv:
            srv.prefect("work-pool", "create", "claimwatch", "--type", "process")
            srv.prefect("deploy", "--all")  # no variable to set: the pull step is this checkout
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


def _deployments(srv: PrefectServer) -> dict[str, dict[str, Any]]:
    rows = srv.api("POST", "/deployments/filter", json={}).json()
    return {row["name"]: row for row in rows}


def _state(srv: PrefectServer, run_id: str) -> str:
    return str(srv.api("GET", f"/flow_runs/{run_id}").json()["state_type"])


def test_deploys_as_written_and_a_scheduled_run_fires(server: PrefectServer, tmp_path: Path) -> None:
    srv = server
    listed = srv.prefect("deployment", "ls").stdout
    for name in ("monitor/monitor", "backfill/backfill", "deliver/deliver"):
        assert name in listed, listed
    deployments = _deployments(srv)
    monitor = deployments["monitor"]
    interval = load_watch().schedule.interval_seconds
    assert [s["schedule"]["interval"] for s in monitor["schedules"]] == [interval]
    assert monitor["concurrency_options"] == {"collision_strategy": "CANCEL_NEW", "grace_period_seconds": None}
    assert monitor["global_concurrency_limit"]["limit"] == 1
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


def _wire_feed(base: str, indices: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Strike {i}</title><link>{base}/a/{i}.html</link><guid>wire-{i}</guid>"
        f"<pubDate>{format_datetime(newswire.published(i), usegmt=True)}</pubDate></item>"
        for i in indices
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode()


def _sharded_yaml(directory: Path, shards: int) -> Path:
    """prefect.yaml's monitor as one deployment per shard (what an operator writes to shard the feeds)."""
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    monitor = next(d for d in config["deployments"] if d["name"] == "monitor")
    config["deployments"] = [
        {**monitor, "name": f"monitor-shard-{k}", "parameters": {"shard": k, "shards": shards}, "schedules": []}
        for k in range(shards)
    ]
    path = directory / "prefect-sharded.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _run(srv: PrefectServer, deployment: str, *params: str) -> str:
    args = [arg for p in params for arg in ("--param", p)]
    return srv.prefect("deployment", "run", deployment, *args).stdout.split("UUID:")[1].split()[0]


def _wait_completed(srv: PrefectServer, run_ids: list[str], timeout: float) -> None:
    final = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
    wait_for(lambda: all(_state(srv, r) in final for r in run_ids), timeout, what=f"runs {run_ids}")
    logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in srv.home.glob("worker-*.log"))
    assert [_state(srv, r) for r in run_ids] == ["COMPLETED"] * len(run_ids), logs


def test_two_workers_split_backfill_and_sharded_monitors(server: PrefectServer, tmp_path: Path) -> None:
    srv = server
    with scratch_database("cw_data") as data_db, LocalHTTPServer() as site, webhook_server() as (hook, port):
        db_url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{data_db}" if data_db else None
        for i in range(40):
            site.route(f"/a/{i}.html", body=newswire.article_html(i).encode(), headers={"Content-Type": "text/html"})
        monitored = list(range(20, 40))  # newer than the backfill's articles: each raises the toll again
        feeds: dict[int, list[str]] = {0: [], 1: []}
        k = 0
        while min(len(f) for f in feeds.values()) < 2:  # at least two feeds in each shard
            url = site.url(f"/feed-{k}.xml")
            if len(feeds[shard_of(url, 2)]) < 2:
                feeds[shard_of(url, 2)].append(url)
            k += 1
        urls = feeds[0] + feeds[1]
        for n, url in enumerate(urls):
            path = url.removeprefix(site.url(""))
            site.route(
                path,
                body=_wire_feed(site.url(""), monitored[n :: len(urls)]),
                headers={"Content-Type": "application/rss+xml"},
            )
        watch_file = write_watch(tmp_path, urls, routes=[{"name": "hook"}])
        env = claimwatch_env(tmp_path, watch_file)
        env["CLAIMWATCH_ALERT_URLS"] = json.dumps({"hook": f"json://127.0.0.1:{port}/hook"})
        if db_url:
            env["CLAIMWATCH_DATABASE_URL"] = db_url
        backfill_file = tmp_path / "backfill.jsonl"
        backfill_file.write_text(
            "".join(
                json.dumps({"id": f"w{i}", "url": site.url(f"/a/{i}.html"), "html": newswire.article_html(i)}) + "\n"
                for i in reversed(range(20))  # out of order: the assessment sorts by publication
            ),
            encoding="utf-8",
        )
        srv.prefect("deploy", "--all", "--prefect-file", str(_sharded_yaml(tmp_path, 2)))

        with srv.worker("claimwatch", env=env), srv.worker("claimwatch", env=env):
            parent = _run(srv, "backfill/backfill", f"jsonl={backfill_file}", "batches=2", "deliver=false")
            _wait_completed(srv, [parent], 300)
            parts = [r for r in srv.flow_runs() if str(r["name"]).startswith("backfill-part-")]
            assert [str(r["state_type"]) for r in parts] == ["COMPLETED", "COMPLETED"]

            serial_dir = tmp_path / "serial"
            serial_dir.mkdir()
            serial = open_runtime(
                Settings(database_url=f"sqlite:///{serial_dir / 'cw.db'}", watch_file=watch_file, data_dir=serial_dir)
            )
            shared = open_runtime(Settings(database_url=env["CLAIMWATCH_DATABASE_URL"], watch_file=watch_file))
            try:
                run_backfill(serial, BackfillRequest(jsonl=backfill_file, deliver=False))
                assert shared.store.load_state() == serial.store.load_state()
                held = sorted((e.alert.key, e.route) for e in shared.store.list_outbox())
                assert held and held == sorted((e.alert.key, e.route) for e in serial.store.list_outbox())

                shards = [_run(srv, f"monitor/monitor-shard-{k}") for k in range(2)]  # at once, one per worker
                _wait_completed(srv, shards, 240)
                for i in monitored:  # every page fetched by exactly one of the two runs
                    assert len(site.requests_to(f"/a/{i}.html")) == 1, i
                assert shared.store.item_counts() == {"fetched": len(monitored)}
                delivered = [e for e in shared.store.list_outbox() if e.status == "delivered"]
                assert delivered
                received = hook.wait_for(len(delivered), timeout=30)
                keys = [r.headers["idempotency-key"] for r in received]
                assert len(keys) == len(set(keys)) == len(delivered)  # no alert sent twice
            finally:
                serial.close()
                shared.close()

        scheduled = [r for r in srv.flow_runs() if r["auto_scheduled"] and r["state_type"] == "COMPLETED"]
        assert scheduled  # the scheduler's own runs fired on this server (deliver, every minute)
