"""The load run: generated articles spread over many local feeds, through whole monitor cycles (poll, fetch,
claims, assessment, outbox, delivery to a local JSON webhook), until nothing is left. Not in CI at full size.

    python scripts/load_run.py [--articles 10000] [--feeds 500] [--database-url URL]

Reports cycles, items, articles, alerts enqueued and delivered, failures of any kind, and the time taken.
Every page and feed is on 127.0.0.1, so the per-host limit (2 at a time by default) bounds the fetches.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from config.settings import Settings  # noqa: E402
from config.watch import load_watch  # noqa: E402
from flows.cycle import local_stages, run_cycle  # noqa: E402
from flows.runtime import open_runtime  # noqa: E402
from tests.support.http_server import LocalHTTPServer  # noqa: E402
from tests.support.newswire import article_html, published  # noqa: E402
from tests.support.watchenv import write_watch  # noqa: E402
from tests.support.webhook import webhook_server  # noqa: E402


def feed_xml(base: str, feed: int, feeds: int, articles: int) -> bytes:
    items = "".join(
        f"<item><title>Strike {i}</title><link>{base}/a/{i}.html</link><guid>wire-{i}</guid>"
        f"<pubDate>{format_datetime(published(i), usegmt=True)}</pubDate></item>"
        for i in range(feed, articles, feeds)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'.encode()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--max-cycles", type=int, default=200)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="claimwatch-load-"))
    started = time.monotonic()
    with LocalHTTPServer() as site, webhook_server() as (hooks, port):
        html = {"Content-Type": "text/html; charset=utf-8"}
        for i in range(args.articles):
            site.route(f"/a/{i}.html", body=article_html(i).encode(), headers=html)
        for f in range(args.feeds):
            body = feed_xml(site.url(""), f, args.feeds, args.articles)
            site.route(f"/feed/{f}.xml", body=body, headers={"Content-Type": "application/rss+xml"}, etag='"v1"')
        watch_file = write_watch(work, [site.url(f"/feed/{f}.xml") for f in range(args.feeds)],
                                 routes=[{"name": "hook", "min_severity": "low"}])  # fmt: skip
        raw = yaml.safe_load(watch_file.read_text(encoding="utf-8"))
        raw["cycle"] = {"delivery_budget_seconds": 120, "route_concurrency": 4}
        watch_file.write_text(yaml.safe_dump(raw), encoding="utf-8")
        settings = Settings(
            data_dir=work,
            database_url=args.database_url or f"sqlite:///{work / 'claimwatch.db'}",
            watch_file=watch_file,
            alert_urls={"hook": f"json://127.0.0.1:{port}/hook"},  # type: ignore[dict-item]
        )
        settings.http.allow_private_hosts = ["127.0.0.1"]
        rt = open_runtime(settings, watch=load_watch(watch_file))
        rows: list[dict[str, object]] = []
        try:
            for cycle in range(args.max_cycles):
                t = time.monotonic()
                s = run_cycle(rt, local_stages(rt))
                rows.append({"cycle": cycle + 1, "seconds": round(time.monotonic() - t, 1), "feeds": s.feeds_polled,
                             "feed_errors": len(s.feed_errors), "new_items": s.new_items, "articles": s.new_articles,
                             "fetch_errors": len(s.fetch_errors), "alerts": s.alerts, "delivered": s.delivered,
                             "delivery_failures": s.delivery_failures})  # fmt: skip
                print(json.dumps(rows[-1]), flush=True)
                outbox = rt.store.outbox_counts()
                idle = s.new_items == 0 and s.new_articles == 0 and s.alerts == 0
                if idle and set(outbox) <= {"delivered"}:
                    break
            items, articles, outbox = rt.store.item_counts(), rt.store.article_counts(), rt.store.outbox_counts()
        finally:
            rt.close()
        keys = [r.headers.get("idempotency-key") for r in hooks.received]
    total = {
        "articles": args.articles, "feeds": args.feeds, "cycles": len(rows),
        "seconds": round(time.monotonic() - started, 1), "items": items, "article_states": articles,
        "outbox": outbox, "webhook_posts": len(keys), "distinct_keys": len(set(keys)),
        "feed_errors": sum(int(r["feed_errors"]) for r in rows),  # type: ignore[call-overload]
        "fetch_errors": sum(int(r["fetch_errors"]) for r in rows),  # type: ignore[call-overload]
        "delivery_failures": sum(int(r["delivery_failures"]) for r in rows),  # type: ignore[call-overload]
    }  # fmt: skip
    print(json.dumps(total))
    failed = total["feed_errors"] or total["fetch_errors"] or total["delivery_failures"]
    return 1 if failed or set(outbox) - {"delivered"} or set(items) - {"fetched"} else 0


if __name__ == "__main__":
    sys.exit(main())
