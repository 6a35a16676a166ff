"""The kill test: SIGKILL a real `claimwatch run --local` subprocess at chosen points (or at random moments),
rerun it until it is quiet, and count what a JSON webhook received against what a run without kills alerts.

Used by tests/test_crash.py (small, deterministic, in CI) and bench/kill_test.py (bigger, not in CI).
The receiver counts raw posts and dedups by the `Idempotency-Key` header, as a careful receiver would.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from sqlalchemy import text

from config.settings import Settings
from flows.cycle import local_stages, run_cycle
from flows.runtime import open_runtime
from storage import Store
from tests.support.http_server import LocalHTTPServer
from tests.support.newswire import serve_wire
from tests.support.watchenv import write_watch
from tests.support.webhook import WebhookLog, webhook_server
from watchers.delivery import idempotency_key

ROOT = Path(__file__).resolve().parents[2]
ROUTE = "hook"


@dataclass
class KillReport:
    runs: int = 0
    kills: int = 0
    expected: int = 0
    received: int = 0  # distinct expected alerts that arrived
    raw_posts: int = 0
    lost: int = 0
    duplicates: int = 0  # posts repeating a key the receiver had (dropped by its dedup)
    keyless: int = 0  # posts without a key: a receiver could not drop their copies
    unexpected: int = 0  # keys no run without kills would send
    problems: list[str] = field(default_factory=list)  # database inconsistencies
    killed_at: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def row(self) -> str:
        return (
            f"| {self.kills} | {self.expected} | {self.received} | {self.lost} | {self.duplicates} "
            f"| {self.keyless} | {self.raw_posts} |"
        )


def _watch_file(directory: Path, feed_url: str) -> Path:
    path = write_watch(directory, [feed_url], routes=[{"name": ROUTE, "min_severity": "low"}])
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    # short leases so that a row a killed run was sending is due again within seconds
    raw["cycle"] = {"delivery_timeout_seconds": 2, "delivery_lease_margin_seconds": 1, "max_new_items_per_feed": 5}
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def _env(directory: Path, watch_file: Path, hook_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    env.update(
        CLAIMWATCH_DATA_DIR=str(directory),
        CLAIMWATCH_DATABASE_URL=f"sqlite:///{directory / 'claimwatch.db'}",
        CLAIMWATCH_WATCH_FILE=str(watch_file),
        CLAIMWATCH_HTTP__ALLOW_PRIVATE_HOSTS=json.dumps(["127.0.0.1"]),
        CLAIMWATCH_HTTP__TOTAL_TIMEOUT="10",
        CLAIMWATCH_ALERT_URLS=json.dumps({ROUTE: f"json://127.0.0.1:{hook_port}/hook"}),
        PYTHONPATH=str(ROOT),
    )
    return env


def expected_keys(directory: Path, articles: int) -> set[str]:
    """The idempotency keys a run without kills sends: one clean cycle over the whole wire, in this process."""
    directory.mkdir(parents=True, exist_ok=True)
    with LocalHTTPServer() as site:
        serve_wire(site, articles)
        watch_file = _watch_file(directory, site.url("/feed.xml"))
        settings = Settings(data_dir=directory, database_url=f"sqlite:///{directory / 'ref.db'}", watch_file=watch_file)
        settings.http.allow_private_hosts = ["127.0.0.1"]
        rt = open_runtime(settings)
        try:
            for _ in range(articles // 5 + 2):  # at most 5 items per feed and cycle
                run_cycle(rt, local_stages(rt))
            return {idempotency_key(e.alert.key, ROUTE) for e in rt.store.list_outbox()}
        finally:
            rt.close()


def _make_feeds_due(db_url: str) -> None:
    store = Store.from_url(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE feeds SET next_check_at = NULL"))
    except Exception:  # no database yet (the first run was killed before migrating)
        pass
    finally:
        store.close()


def _quiet(db_url: str) -> tuple[bool, float]:
    """(nothing left to do, seconds until the next outbox row is due)."""
    store = Store.from_url(db_url)
    try:
        items, articles, outbox = store.item_counts(), store.article_counts(), store.outbox_counts()
        due = store.next_due_at()
    finally:
        store.close()
    busy = items.get("new", 0) + items.get("failed", 0) + articles.get("fetched", 0) + articles.get("updated", 0)
    busy += sum(n for status, n in outbox.items() if status != "delivered")
    wait = 0.0 if due is None else max(0.0, (due - datetime.now(UTC)).total_seconds())
    return busy == 0, wait


def consistency_problems(db_url: str) -> list[str]:
    store = Store.from_url(db_url)
    problems: list[str] = []
    try:
        with store.engine.connect() as conn:
            q = conn.execute
            for what, sql in (
                ("items not fetched", "SELECT count(*) FROM items WHERE state != 'fetched'"),
                ("fetched items without their article",
                 "SELECT count(*) FROM items i LEFT JOIN articles a ON a.id = i.article_id WHERE a.id IS NULL"),
                ("articles not assessed", "SELECT count(*) FROM articles WHERE state != 'assessed'"),
                ("assessed articles without claims judgement", "SELECT count(*) FROM articles WHERE relevant IS NULL"),
                ("outbox rows not delivered", "SELECT count(*) FROM outbox WHERE status != 'delivered'"),
                ("alerts enqueued twice for a route",
                 "SELECT count(*) FROM (SELECT alert_key FROM outbox GROUP BY alert_key, route HAVING count(*) > 1) d"),
            ):  # fmt: skip
                n = q(text(sql)).scalar()
                if n:
                    problems.append(f"{what}: {n}")
        state = store.load_state()
        tolls = [e.alert.payload for e in store.list_outbox() if e.alert.payload.get("track") == "boat_strike_deaths"]
        top = max((p["new"] for p in tolls), default=None)
        if state is None:
            problems.append("no known state")
        elif top and state.tracks.get("boat_strike_deaths") != top:
            problems.append(f"known toll {state.tracks.get('boat_strike_deaths')} != last alerted {top}")
    finally:
        store.close()
    return problems


class Runner:
    """Runs `claimwatch run --local` as a child process: forked from a warm tests.support.forkrunner (fast), or
    as a fresh `python -m flows.cli` subprocess (`fresh=True`, what an operator's shell does)."""

    def __init__(self, fresh: bool = False) -> None:
        self.fresh = fresh
        self.zygote: subprocess.Popen[str] | None = None
        if not fresh:
            self.zygote = subprocess.Popen(
                [sys.executable, "-m", "tests.support.forkrunner"],
                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip

    def run(self, env: dict[str, str], crash: str | None, rng: random.Random, timeout: float) -> int | None:
        """The child's signal number when killed, else None."""
        env = dict(env)
        kill_after = None
        if crash and crash.startswith("random:"):
            kill_after = rng.uniform(0.0, float(crash.split(":", 1)[1]))
        elif crash:
            env["CLAIMWATCH_TEST_CRASH_AT"] = crash
        if self.zygote is not None:
            assert self.zygote.stdin and self.zygote.stdout
            request = {"env": env, "argv": ["run", "--local"], "kill_after": kill_after, "timeout": timeout}
            self.zygote.stdin.write(json.dumps(request) + "\n")
            self.zygote.stdin.flush()
            answer = json.loads(self.zygote.stdout.readline())
            return answer["signal"]
        cmd = [sys.executable, "-m", "flows.cli", "run", "--local"]
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        except TypeError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return -proc.returncode if proc.returncode < 0 else None

    def close(self) -> None:
        if self.zygote is not None:
            assert self.zygote.stdin
            self.zygote.stdin.close()
            self.zygote.wait(30)


def run_kill_test(
    directory: Path, articles: int, crashes: list[str | None], *, grow_every: int = 2, seed: int = 0,
    run_timeout: float = 120.0, max_quiet_runs: int = 12, fresh: bool = False,
) -> KillReport:  # fmt: skip
    """Grow the wire by one article every `grow_every` runs; run once per entry of `crashes` (a crash point
    `stage:n`, `random:<max seconds>`, or None), then without kills until quiet; compare and check."""
    started = time.monotonic()
    rng = random.Random(seed)
    report = KillReport()
    expected = expected_keys(directory / "reference", articles)
    work = directory / "killed"
    work.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{work / 'claimwatch.db'}"
    runner = Runner(fresh)
    with LocalHTTPServer() as site, webhook_server() as (hooks, port):
        watch_file = _watch_file(work, site.url("/feed.xml"))
        env = _env(work, watch_file, port)
        shown = 0
        for i, crash in enumerate(crashes):
            if i % grow_every == 0 and shown < articles:
                shown = min(articles, shown + max(1, articles * grow_every // max(len(crashes), 1)))
                serve_wire(site, shown)
            _make_feeds_due(db_url)
            killed = runner.run(env, crash, rng, run_timeout)
            report.runs += 1
            if killed == signal.SIGKILL:
                report.kills += 1
                report.killed_at.append(crash or "?")
        serve_wire(site, articles)
        for _ in range(max_quiet_runs):
            _make_feeds_due(db_url)
            runner.run(env, None, rng, run_timeout)
            report.runs += 1
            quiet, wait = _quiet(db_url)
            if quiet:
                break
            time.sleep(min(wait, 10.0))
        _score(report, hooks, expected)
    runner.close()
    report.problems = consistency_problems(db_url)
    report.seconds = time.monotonic() - started
    return report


def _score(report: KillReport, hooks: WebhookLog, expected: set[str]) -> None:
    keys = [r.headers.get("idempotency-key") for r in hooks.received]
    report.raw_posts = len(keys)
    report.keyless = sum(k is None for k in keys)
    counts = Counter(k for k in keys if k is not None)
    report.duplicates = sum(n - 1 for n in counts.values())
    report.expected = len(expected)
    report.received = len(expected & set(counts))
    report.lost = len(expected - set(counts))
    report.unexpected = len(set(counts) - expected)
