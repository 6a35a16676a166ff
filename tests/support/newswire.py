"""A generated news wire for reliability tests: N articles, each raising the boat-strike death toll (so each
is worth exactly one `figure_changed` alert), as an RSS feed and HTML pages served from a LocalHTTPServer.

Leads, places and officials vary with the index so that no article reads as a copy of another.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from tests.support.http_server import LocalHTTPServer

START = datetime(2025, 11, 3, 8, 0, tzinfo=UTC)
FIRST_TOLL = 62  # the baseline knows 61

_WHERE = ["in the Caribbean", "in the eastern Pacific", "off the coast of Venezuela", "near Trinidad",
          "north of the Paraguaná peninsula", "in international waters near Aruba", "south of Puerto Rico"]  # fmt: skip
_WHO = ["Defense Secretary Pete Hegseth", "the Pentagon", "Southern Command", "a U.S. defense official",
        "the White House", "the Department of War"]  # fmt: skip
_HOW_MANY = ["two", "three", "four", "five", "six"]
_REACTION = [
    "Venezuelan officials condemned the attack and said the Caribbean was being turned into a war zone.",
    "Nicolás Maduro called the strike an act of aggression against Venezuela.",
    "Lawmakers in Washington asked for the legal basis of the campaign against alleged narco boats.",
    "Relatives of fishermen in Sucre state said the dead were not drug traffickers.",
]


def published(i: int) -> datetime:
    return START + timedelta(hours=7 * i)


def toll(i: int) -> int:
    return FIRST_TOLL + 3 * i


_VOCABULARY = (
    "fishermen harbour patrol radar cargo diesel night crew sailors lawyers senators hearing budget oil port "
    "tanker refinery border militia colonel ministry envoy talks sanctions airport runway drills satellite "
    "photos analysts warning markets currency protest students bishops farmers exports gold mines coast "
    "island ferry weather storm hurricane rescue hospital doctors families funeral village mayor governor"
)
_WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 11)
    return f"The {words[0]} and the {words[1]} {' '.join(words[2:])} were mentioned by observers."


def article_html(i: int) -> str:
    where, who = _WHERE[i % len(_WHERE)], _WHO[(i // 2) % len(_WHO)]
    when = published(i)
    rng = random.Random(i)
    filler = " ".join(_sentence(rng) for _ in range(3))
    return f"""<html><head><title>Strike {i}: toll reaches {toll(i)} | Wire {i % 5}</title>
<meta property="og:site_name" content="Wire {i % 5}">
<meta property="article:published_time" content="{when.isoformat()}"></head>
<body><article><h1>Strike number {i} {where}</h1>
<p>Dispatch {i} — A U.S. strike on a suspected drug boat {where} killed {_HOW_MANY[i % 5]} people on
{when:%A}, {who} said in report {i}, as tensions with Venezuela and Nicolás Maduro grew.</p>
<p>The strike brings the death toll of the campaign against alleged drug boats to {toll(i)} since September,
according to a tally of official announcements.</p>
<p>{_REACTION[i % len(_REACTION)]} {filler}</p>
</article></body></html>"""


def feed_xml(base: str, count: int) -> str:
    items = "".join(
        f"<item><title>Strike {i}</title><link>{base}/a/{i}.html</link><guid>wire-{i}</guid>"
        f"<pubDate>{format_datetime(published(i), usegmt=True)}</pubDate></item>"
        for i in reversed(range(count))
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>{base}/</link>'
        f"<description>news</description>{items}</channel></rss>"
    )


def serve_wire(server: LocalHTTPServer, count: int, path: str = "/feed.xml") -> None:
    """Route the feed (listing articles 0..count-1, with an ETag that changes with it) and every page."""
    server.route(
        path,
        body=feed_xml(server.url(""), count).encode(),
        headers={"Content-Type": "application/rss+xml"},
        etag=f'"n{count}"',
    )
    for i in range(count):
        server.route(
            f"/a/{i}.html", body=article_html(i).encode(), headers={"Content-Type": "text/html; charset=utf-8"}
        )
