"""A real Prefect server (`prefect server start`) and process workers, as subprocesses, for tests and benchmarks.

    with prefect_server(tmp_path) as srv:                  # SQLite in its own PREFECT_HOME
        srv.prefect("work-pool", "create", "claimwatch", "--type", "process")
        with srv.worker("claimwatch", env=extra):          # stopped with one SIGTERM on exit
            ...

`database_url` puts Prefect's own database on PostgreSQL (`postgresql+asyncpg://…`). Every process gets a
new session (so it and its children can be signalled as a group) and a default SIGINT disposition: Prefect's
worker turns SIGTERM into SIGINT, and a SIGINT ignored by an inherited disposition (a shell's `&`) would
leave it running (docs/stack.md §1.2).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

from tests.support.store import PG_URL

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
STARTUP_TIMEOUT = 120.0  # a fresh SQLite database is migrated on first start: 12-20 s on 2 busy cores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(args: list[str], env: Mapping[str, str], log: Path, cwd: Path = ROOT) -> subprocess.Popen[bytes]:
    """A child in its own session with a normal SIGINT, output to `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            args,
            env=dict(env),
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_default_sigint,
        )


def stop(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> int:
    """One SIGTERM to the process; SIGKILL to its whole group if it has not exited in `timeout`."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    return proc.returncode


def group_alive(pgid: int) -> bool:
    """Whether any process of the group `pgid` is still running (children included)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class PrefectServer:
    home: Path
    api_url: str
    env: dict[str, str]
    proc: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def prefect(self, *args: str, timeout: float = 120.0, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
        """Run a `prefect` CLI command against this server; raises with its output when it fails."""
        done = subprocess.run(
            [str(BIN / "prefect"), "--no-prompt", *args],
            env=self.env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"prefect {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def api(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        response = httpx.request(method, self.api_url + path, timeout=30, **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        return response

    @contextmanager
    def worker(self, pool: str, *, limit: int = 2, env: Mapping[str, str] | None = None) -> Iterator[int]:
        """A process worker polling `pool`; yields its pid, stops it with one SIGTERM, checks nothing is left."""
        args = [str(BIN / "prefect"), "worker", "start", "--pool", pool, "--limit", str(limit), "--type", "process"]
        log = self.home / f"worker-{len(self.workers)}.log"
        proc = spawn(args, {**self.env, **(env or {})}, log)
        self.workers.append(proc)
        try:
            yield proc.pid
        finally:
            stop(proc)

    def flow_runs(self, **filters: object) -> list[dict[str, object]]:
        return list(self.api("POST", "/flow_runs/filter", json={"limit": 200, **filters}).json())


def prefect_env(home: Path, api_url: str | None = None, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home),
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",  # the tests need the API only; the UI build costs start-up time
        PREFECT_WORKER_QUERY_SECONDS="2",  # pick up runs quickly (default 10 s)
        PREFECT_WORKER_PREFETCH_SECONDS="5",
        PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW="ignore",
    )
    if api_url:
        env["PREFECT_API_URL"] = api_url
    if database_url:
        env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = database_url
    return env


@contextmanager
def prefect_server(home: Path, database_url: str | None = None) -> Iterator[PrefectServer]:
    """`prefect server start` on a free 127.0.0.1 port with its own PREFECT_HOME; stopped (one SIGTERM) at exit."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = prefect_env(home, api_url, database_url)
    server_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    args = [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = spawn(args, server_env, home / "server.log")
    srv = PrefectServer(home, api_url, env, proc)
    try:
        _wait_healthy(srv)
        yield srv
    finally:
        for w in srv.workers:
            stop(w)
        stop(proc)


def _wait_healthy(srv: PrefectServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if srv.proc.poll() is not None:
            raise AssertionError(f"prefect server exited {srv.proc.returncode}:\n{_tail(srv.home / 'server.log')}")
        try:
            if httpx.get(srv.api_url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"prefect server not healthy after {STARTUP_TIMEOUT} s:\n{_tail(srv.home / 'server.log')}")


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def wait_for(predicate: object, timeout: float, interval: float = 1.0, what: str = "condition") -> None:
    """Poll `predicate()` until true or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@contextmanager
def scratch_database(prefix: str) -> Iterator[str | None]:
    """A new PostgreSQL database (dropped at the end), or None when the server is unreachable."""
    admin_url = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
