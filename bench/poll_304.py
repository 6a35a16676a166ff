"""Polling many local feeds. (1) Whole monitor cycles (`run_cycle` with the in-process stages, SQLite) over 500
feeds: one where most answer 304 and `--changed` of them have one new item (its page fetched, extracted and
assessed), then one where all answer 304; wall time and requests of each. (2) The poll loop alone over the same
feeds, all answering 304 (validators stored) against validators disabled (200 + parse), in one run.

    python -m bench.poll_304 [--feeds 500] [--changed 25] [--items 50] [--rounds 3]

Feeds are 50-item RSS documents (~40 KB) served by the test HTTP server on 127.0.0.1; the client is ours.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from config.settings import HttpLimits, Settings
from flows import steps
from flows.cycle import local_stages, run_cycle
from flows.runtime import open_runtime
from tests.support.http_server import LocalHTTPServer
from tests.support.watchenv import write_watch
from watchers.feeds import poll_feed, update_feed_state
from watchers.http import build_client
from watchers.models import FeedState

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def feed_body(n: int, items: int, first: int = 0, base: str = "https://news.example") -> bytes:
    entries = []
    for i in range(first, first + items):
        when = (NOW - timedelta(minutes=37 * i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        entries.append(
            f"<item><title>Feed {n} story {i}: officials comment on naval deployment</title>"
            f"<link>{base}/news{n}/story-{i}.html?utm_source=rss</link>"
            f"<guid isPermaLink='false'>feed-{n}-item-{i}</guid><pubDate>{when}</pubDate>"
            f"<description>&lt;p&gt;{'A paragraph of summary text about the situation. ' * 12}&lt;/p&gt;</description>"
            "</item>"
        )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Feed {n}</title>"
        f"<link>https://news{n}.example/</link>{''.join(entries)}</channel></rss>"
    ).encode()


def cycle(states: list[FeedState], limits: HttpLimits) -> tuple[float, list[str]]:
    statuses: list[str] = []
    with build_client(limits) as client:
        started = time.perf_counter()
        for state in states:
            statuses.append(poll_feed(client, state, limits, NOW).status)
        return time.perf_counter() - started, statuses


PAGE = (
    "<!DOCTYPE html><html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
    + "<p>Officials in the capital said on Tuesday that the new budget would fund road repairs and schools.</p>" * 6
    + "</article></body></html>"
)


def _kinds(requests: list[str]) -> str:
    counts = Counter("feed" if path.endswith(".xml") else "page" for path in requests)
    return f"{sum(counts.values())} ({counts['feed']} feeds, {counts['page']} pages)"  # pages: new and re-fetched


def whole_cycles(server: LocalHTTPServer, feeds: int, items: int, changed: int) -> None:
    """Monitor cycles over `feeds` local feeds: most 304, `changed` with one new item, then all 304."""
    base = server.url("")
    for n in range(feeds):
        body = feed_body(n, items, base=base)
        server.route(f"/cycle-{n}.xml", body=body, headers={"Content-Type": "application/rss+xml"}, etag=f'"c{n}"')
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        watch_file = write_watch(directory, [server.url(f"/cycle-{n}.xml") for n in range(feeds)], routes=[])
        limits = HttpLimits(allow_private_hosts=["127.0.0.1"])
        settings = Settings(data_dir=directory, database_url=f"sqlite:///{directory}/poll.db", watch_file=watch_file,
                            http=limits)  # fmt: skip
        clock = [NOW]
        rt = open_runtime(settings, now=lambda: clock[0])
        try:
            steps.ensure_baseline(rt)
            for state in steps.due_feeds(rt):  # first poll: validators and the 50 items stored, pages not fetched
                steps.poll_one_feed(rt, state)
            with rt.store.transaction():  # …and taken as handled: the cycles measured fetch only the new items
                for pending in rt.store.pending_items(rt.now()):
                    rt.store.mark_item_fetched(pending.id, None)
            for n in range(changed):  # one new item each, a new ETag, its page served
                server.route(f"/cycle-{n}.xml", body=feed_body(n, items, first=1, base=base),
                             headers={"Content-Type": "application/rss+xml"}, etag=f'"c{n}-2"')  # fmt: skip
                server.route(f"/news{n}/story-{items}.html", body=PAGE.format(n=n).encode(),
                             headers={"Content-Type": "text/html; charset=utf-8"})  # fmt: skip
            print(f"\nwhole monitor cycles over {feeds} feeds (run_cycle, in-process stages, SQLite):")
            print(f"{'cycle':34} {'wall s':>7} {'requests':>28} {'not modified':>13} {'new articles':>13}")
            for name in (f"{feeds - changed} answer 304, {changed} changed", f"all {feeds} answer 304"):
                clock[0] += timedelta(days=1)  # every feed due again
                server.clear_requests()
                started = time.perf_counter()
                summary = run_cycle(rt, local_stages(rt))
                elapsed = time.perf_counter() - started
                kinds = _kinds([r.path for r in server.requests])
                print(f"{name:34} {elapsed:7.2f} {kinds:>28} {summary.feeds_not_modified:13d} "
                      f"{summary.new_articles:13d}")  # fmt: skip
        finally:
            rt.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--changed", type=int, default=25, help="feeds with a new item in the first whole cycle")
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    limits = HttpLimits(allow_private_hosts=["127.0.0.1"], max_connections=10)
    with LocalHTTPServer() as server:
        whole_cycles(server, args.feeds, args.items, min(args.changed, args.feeds))
        size = 0
        for n in range(args.feeds):
            body = feed_body(n, args.items)
            size += len(body)
            server.route(f"/feed-{n}.xml", body=body, headers={"Content-Type": "application/rss+xml"}, etag=f'"v{n}"')
        fresh = [FeedState(url=server.url(f"/feed-{n}.xml")) for n in range(args.feeds)]
        with build_client(limits) as client:  # first poll stores the validators
            stored = [update_feed_state(s, poll_feed(client, s, limits, NOW), NOW) for s in fresh]
        assert all(s.etag for s in stored)
        print(f"\nthe poll loop alone: {args.feeds} feeds, {args.items} items each, "
              f"{size / args.feeds / 1024:.0f} KB per feed on average")  # fmt: skip
        timings: dict[str, list[float]] = {"validators (304)": [], "no validators (200 + parse)": []}
        requests: dict[str, int] = {}
        for _ in range(args.rounds):  # interleaved, so both modes see the same machine state
            for name, states, expect in (
                ("validators (304)", stored, "not_modified"),
                ("no validators (200 + parse)", fresh, "ok"),
            ):
                server.clear_requests()
                elapsed, statuses = cycle(states, limits)
                assert statuses == [expect] * args.feeds, set(statuses)
                timings[name].append(elapsed)
                requests[name] = len(server.requests)
    print(f"\n{'cycle':30} {'requests':>8} {'wall s (median of ' + str(args.rounds) + ')':>22} {'ms/feed':>8}")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name:30} {requests[name]:8d} {median:22.3f} {median / args.feeds * 1000:8.2f}")
    full, cached = (statistics.median(timings[k]) for k in ("no validators (200 + parse)", "validators (304)"))
    print(f"\n304 cycle is {full / cached:.1f}x faster than the full cycle ({cached:.3f} s vs {full:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
