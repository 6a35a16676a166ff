"""`claimwatch demo`: the bundled sample feed, served from 127.0.0.1, through the whole pipeline, offline.

A local webhook stands in for Slack so the delivered alerts can be shown as they arrived.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from rich.console import Console

from config import CONFIG_DIR
from config.settings import Settings
from config.watch import FeedConfig, RouteConfig, load_watch
from flows import render
from flows.cycle import local_stages, run_cycle
from flows.runtime import open_runtime

DEMO_DIR = CONFIG_DIR / "demo"


class _DemoHandler(BaseHTTPRequestHandler):
    server: _DemoServer

    def do_GET(self) -> None:
        name = self.path.split("?")[0].lstrip("/") or "feed.xml"
        path = DEMO_DIR / name
        if "/" in name or not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        if name == "feed.xml":
            body = body.replace(b"{base}", self.server.base.encode())
        kind = "application/rss+xml" if name.endswith(".xml") else "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # the stand-in for Slack
        length = int(self.headers.get("Content-Length") or 0)
        self.server.received.append(json.loads(self.rfile.read(length) or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _DemoServer(ThreadingHTTPServer):
    base = ""
    received: list[dict[str, Any]]


@contextmanager
def demo_server() -> Iterator[_DemoServer]:
    server = _DemoServer(("127.0.0.1", 0), _DemoHandler)
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def run_demo(settings: Settings, out: Console, console: Console) -> None:
    data_dir = settings.data_dir / "demo"
    shutil.rmtree(data_dir, ignore_errors=True)  # every demo starts from the baseline
    with demo_server() as server:
        demo_settings = settings.model_copy(
            update={
                "data_dir": data_dir,
                "database_url": f"sqlite:///{(data_dir / 'demo.db').resolve()}",
                "alert_urls": {"slack": SecretStr(f"json://127.0.0.1:{server.server_address[1]}/slack")},
                "http": settings.http.model_copy(update={"allow_private_hosts": ["127.0.0.1"]}),
            }
        )
        watch = load_watch(settings.watch_file)
        alerts = watch.alerts.model_copy(
            update={
                "routes": [RouteConfig(name="slack", min_severity="low")],
                "digest": watch.alerts.digest.model_copy(update={"enabled": False}),
                "quiet_hours": watch.alerts.quiet_hours.model_copy(update={"enabled": False}),
            }
        )
        watch = watch.model_copy(
            update={"feeds": [FeedConfig(url=f"{server.base}/feed.xml", name="claimwatch demo wire")], "alerts": alerts}
        )
        console.print(f"[dim]serving the sample feed at {server.base}/feed.xml; database {data_dir}/demo.db[/dim]")
        rt = open_runtime(demo_settings, watch=watch)
        try:
            summary = run_cycle(rt, local_stages(rt))
            entries = rt.store.list_outbox(None)
        finally:
            rt.close()
        render.cycle_summary(out, summary)
        for entry in entries:
            if entry.status == "delivered":
                render.alert(out, entry.alert)
        render.outbox(out, entries)
        out.print(f"{len(server.received)} alerts delivered to the local stand-in for Slack.")


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.html"))
