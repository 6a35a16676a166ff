"""A figure raised inside the same URL is noticed: the page is fetched again on its decaying schedule and the
changed article is assessed as an update (a fixed clock drives the schedule; real HTTP, real SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from config.settings import Settings
from config.watch import load_watch
from flows.cycle import local_stages, run_cycle
from flows.runtime import open_runtime
from tests.support.http_server import LocalHTTPServer
from tests.support.watchenv import use_environment, write_watch

PAGE = """<html><head><title>Boat strike toll rises | Coast Ledger</title>
<meta property="og:site_name" content="Coast Ledger">
<meta property="article:published_time" content="2025-11-20T10:00:00Z"></head>
<body><article><h1>Boat strike toll rises</h1>
<p>WASHINGTON — A U.S. strike on a suspected drug boat in the Caribbean killed three people on Wednesday,
Defense Secretary Pete Hegseth said, as tensions with Venezuela and Nicolás Maduro grew.</p>
<p>The strike brings the death toll of the campaign against alleged drug boats to {toll} since September,
according to a tally of official announcements.</p>
<p>Venezuelan officials condemned the attack and said the Caribbean was being turned into a war zone.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Ledger</title><link>{base}/</link>
<description>news</description><item><title>Boat strike toll rises</title><link>{base}/toll.html</link>
<guid>toll-1</guid><pubDate>Thu, 20 Nov 2025 10:00:00 GMT</pubDate></item></channel></rss>"""


class Clock:
    def __init__(self, start: datetime) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t


def test_a_death_toll_raised_in_the_same_article_alerts_as_an_update(
    server: LocalHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = {"Content-Type": "text/html; charset=utf-8"}
    server.route("/feed.xml", body=FEED.format(base=server.url("")).encode(), headers={"Content-Type": "text/xml"})
    server.route("/toll.html", body=PAGE.format(toll=70).encode(), headers=html)
    watch_file = write_watch(tmp_path, [server.url("/feed.xml")], routes=[])
    use_environment(monkeypatch, tmp_path, watch_file)
    clock = Clock(datetime(2025, 11, 20, 12, 0, tzinfo=UTC))
    rt = open_runtime(Settings(), watch=load_watch(watch_file), now=clock)
    try:
        first = run_cycle(rt, local_stages(rt))
        assert first.new_articles == 1
        clock.t += timedelta(minutes=30)  # not yet due: nothing fetched again
        assert run_cycle(rt, local_stages(rt)).updated_articles == 0

        server.route("/toll.html", body=PAGE.format(toll=76).encode(), headers=html)  # the site updates the story
        clock.t += timedelta(minutes=40)  # past first seen + 1 h
        second = run_cycle(rt, local_stages(rt))
        assert second.new_articles == 0 and second.updated_articles == 1
        assert second.alerts == 1
        clock.t += timedelta(hours=6)  # the +6 h re-fetch finds the same text: no update, no alert
        third = run_cycle(rt, local_stages(rt))
        assert third.updated_articles == 0 and third.alerts == 0
        state = rt.store.load_state()
    finally:
        rt.close()
    assert state is not None
    assert state.tracks["boat_strike_deaths"] == 76
    readings = [p.value for p in state.history["boat_strike_deaths"] if p.accepted]
    assert readings == [61, 70, 76]
