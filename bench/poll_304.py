"""One poll cycle over 200 local feeds that all answer 304 (validators stored) against the same cycle with
validators disabled (full 200 responses, parsed), measured in one run.

    python -m bench.poll_304 [--feeds 200] [--items 50] [--rounds 3]

Feeds are 50-item RSS documents (~40 KB) served by the test HTTP server on 127.0.0.1; the client is ours.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from config.settings import HttpLimits
from tests.support.http_server import LocalHTTPServer
from watchers.feeds import poll_feed, update_feed_state
from watchers.http import build_client
from watchers.models import FeedState

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def feed_body(n: int, items: int) -> bytes:
    entries = []
    for i in range(items):
        when = (NOW - timedelta(minutes=37 * i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        entries.append(
            f"<item><title>Feed {n} story {i}: officials comment on naval deployment</title>"
            f"<link>https://news{n}.example/world/2026/11/story-{i}.html?utm_source=rss</link>"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    limits = HttpLimits(allow_private_hosts=["127.0.0.1"], max_connections=10)
    with LocalHTTPServer() as server:
        size = 0
        for n in range(args.feeds):
            body = feed_body(n, args.items)
            size += len(body)
            server.route(f"/feed-{n}.xml", body=body, headers={"Content-Type": "application/rss+xml"}, etag=f'"v{n}"')
        fresh = [FeedState(url=server.url(f"/feed-{n}.xml")) for n in range(args.feeds)]
        with build_client(limits) as client:  # first poll stores the validators
            stored = [update_feed_state(s, poll_feed(client, s, limits, NOW), NOW) for s in fresh]
        assert all(s.etag for s in stored)
        print(f"{args.feeds} feeds, {args.items} items each, {size / args.feeds / 1024:.0f} KB per feed on average")
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
