"""An alert built from a hostile article: every field an outlet controls tries to break a channel."""

from __future__ import annotations

import datetime as dt

from config.watch import TrackConfig, WatchConfig
from watchers.alerts import compose_alert
from watchers.diff import diff_to_payload
from watchers.models import Alert, ClaimDiff, Evidence, FigureClaim, Source

SENTENCE = (
    "At least 70 <!channel> <!here|here> were killed & <https://evil.test/x|click here> <@U024BE7LH> "
    "[bold red]boom[/] [link=https://evil.test]x[/link] <script>alert(1)</script> **bold** `code`"
)
OUTLET = "Evil <!everyone> News [red]x[/red] <b>"
URL = 'https://news.test/a?b=<i>&c=|x"y'
TITLE = "</title><script>alert(2)</script>"
# What must never reach a reader live: Slack mentions and links from article text, HTML, rich markup.
LIVE = ("<!channel>", "<!here", "<!everyone>", "<https://evil.test", "<@U024BE7LH>", "<script>", "<b>", "<i>")

WATCH = WatchConfig(
    name="w",
    title="Hostile test",
    baseline_date=dt.date(2025, 10, 31),
    baseline_documents=[],
    tracks=[TrackConfig(name="deaths", kind="killed", description="deaths")],
)


def hostile_diff() -> ClaimDiff:
    claim = FigureClaim("killed", 70, "cumulative", "people", Evidence(SENTENCE, 0, len(SENTENCE)), "deaths")
    source = Source("h1", URL, OUTLET, dt.datetime(2025, 11, 4, 12, 30, tzinfo=dt.UTC), "h1", TITLE)
    return ClaimDiff("figure_changed", claim, source, old=61, new=70, track="deaths")


def hostile_alert() -> Alert:
    diff = hostile_diff()
    return compose_alert(diff, WATCH, diff_to_payload(diff, "h1"))
