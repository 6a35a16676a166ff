"""No secret in any output: a real monitor cycle with failing deliveries (locally and as a Prefect flow run),
`alerts test`, `alerts list`, `feeds`, and commands against an unreachable PostgreSQL, each run as a real
`claimwatch` process with planted secrets (apprise header and parameter tokens, webhook userinfo, an SMTP
password, a database password). Everything they leave is collected — stdout, stderr, every file under the data
directory (our log, Prefect's home and database) and every column of every table — and searched for each
secret."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.http_server import LocalHTTPServer
from tests.support.smtp import free_port, smtp_server
from tests.support.watchenv import demo_feed, demo_pages, write_watch
from tests.support.webhook import Answer, webhook_server

ROOT = Path(__file__).resolve().parent.parent
HEADER_TOKEN = "HdrTok3nPlanted0001"
SIG_PARAM = "SigPlanted0002xyz"
SMTP_PASSWORD = "SmtpPassPlanted0003"
HOOK_PASSWORD = "HookPassPlanted0004"
DB_PASSWORD = "PgPassPlanted0005"
QUERY_TOKEN = "QueryTokPlanted0006"
SECRETS = (HEADER_TOKEN, SIG_PARAM, SMTP_PASSWORD, HOOK_PASSWORD, DB_PASSWORD, QUERY_TOKEN)
ROUTES = [{"name": name, "min_severity": "low"} for name in ("slack", "email", "ops")]


@pytest.fixture
def news_site() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as srv:
        srv.route("/feed.xml", body=demo_feed(srv.url("")), headers={"Content-Type": "application/rss+xml"})
        for path, body in demo_pages().items():
            srv.route(path, body=body, headers={"Content-Type": "text/html; charset=utf-8"})
        yield srv


def _claimwatch(env: dict[str, str], *args: str) -> str:
    """Run the CLI as its own process; returns stdout and stderr together, with the exit status."""
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return f"$ claimwatch {' '.join(args)} → {done.returncode}\n{done.stdout}\n{done.stderr}"


def _database_text(path: Path) -> str:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(str(row) for t in tables for row in db.execute(f'SELECT * FROM "{t}"'))


def _files_text(directory: Path) -> str:
    """Every file under the data directory as text: logs, Prefect's home and its database (run logs, states)."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in directory.rglob("*") if p.is_file())


def test_no_secret_in_any_output(news_site: LocalHTTPServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    watch_file = write_watch(tmp_path, [news_site.url("/feed.xml")], routes=ROUTES)
    answers = [Answer(500)] * 200  # every webhook delivery fails, so errors are stored and printed
    with webhook_server(answers) as (_hook, hook_port), smtp_server() as (_mail, smtp_port):
        urls = {
            "slack": f"json://127.0.0.1:{hook_port}/hook?+X-Api-Token={HEADER_TOKEN}&-sig={SIG_PARAM}"
            f"&-access_token={QUERY_TOKEN}",
            # aiosmtpd offers no AUTH: the login with this password fails on every send
            "email": f"mailto://smtpuser:{SMTP_PASSWORD}@127.0.0.1:{smtp_port}?from=cw@example.org&to=ops@example.org",
            "ops": f"json://hookuser:{HOOK_PASSWORD}@127.0.0.1:{free_port()}/down",
        }
        env = {
            **os.environ,
            "CLAIMWATCH_DATA_DIR": str(data),
            "CLAIMWATCH_WATCH_FILE": str(watch_file),
            "CLAIMWATCH_HTTP__ALLOW_PRIVATE_HOSTS": '["127.0.0.1"]',
            "CLAIMWATCH_HTTP__TOTAL_TIMEOUT": "10",
            "CLAIMWATCH_ALERT_URLS": __import__("json").dumps(urls),
        }
        outputs = [
            _claimwatch(env, "run", "--local"),
            _claimwatch(env, "run"),  # the Prefect path: its flow-run logs land in Prefect's database and our log file
            _claimwatch(env, "alerts", "test"),
            _claimwatch(env, "alerts", "list", "--limit", "500"),
            _claimwatch(env, "feeds"),
        ]
    bad_db = {**env, "CLAIMWATCH_DATABASE_URL": f"postgresql+psycopg://cw:{DB_PASSWORD}@127.0.0.1:{free_port()}/cw"}
    outputs += [_claimwatch(bad_db, *args) for args in (["run", "--local"], ["run"], ["alerts", "test"])]
    everything = "\n".join([*outputs, _files_text(data), _database_text(data / "claimwatch.db")])

    leaked = [s for s in SECRETS if s in everything]
    assert leaked == [], f"secrets in the output: {leaked}"
    # the run did what it should, so the scan covers real outputs: alerts raised, deliveries failed with reasons
    assert "alerts raised" in outputs[0] and "alerts raised" in outputs[1]
    assert "failed slack" in outputs[2] and "failed email" in outputs[2] and "failed ops" in outputs[2]
    assert "HTTP 500" in everything and "failed" in _database_text(data / "claimwatch.db")
    assert (data / "prefect").is_dir() and (data / "logs" / "claimwatch.log").is_file()
    assert "cannot open the database postgresql+psycopg://cw:***@127.0.0.1" in "\n".join(outputs[5:])
