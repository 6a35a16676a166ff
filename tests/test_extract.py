"""Article extraction: body without boilerplate, metadata with date fallbacks, and real benchmark pages."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from watchers.extract import extract_article, fallback_published, parse_date
from watchers.fetch import decode_html

BODY = [
    "The US Navy said on Tuesday that a second destroyer had joined the carrier group in the Caribbean Sea.",
    "Officials in Caracas called the deployment a provocation and announced exercises along the coast.",
    "Analysts said the move was meant to pressure the government without committing ground forces.",
    "The Pentagon declined to say how long the ships would stay, citing operational security concerns.",
]


def news_page(head: str = "", body: list[str] = BODY, comments: bool = True) -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(30))
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    related = "".join(f'<li><a href="/r{i}">Read next: unrelated headline number {i}</a></li>' for i in range(8))
    thread = "".join(
        f'<div class="comment"><p>Reader comment {i}: I think this is all wrong and here is why.</p></div>'
        for i in range(6)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Destroyer joins carrier group | Wire</title>"
        f"{head}</head><body><header><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>Destroyer joins carrier group</h1>{paragraphs}</article>"
        f"<aside><ul>{related}</ul></aside>"
        f"{'<section id=comments class=comments>' + thread + '</section>' if comments else ''}</main>"
        "<footer><p>© 2026 Wire Services. All rights reserved. Privacy policy. Terms.</p></footer></body></html>"
    )


JSONLD = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
    '"headline":"Destroyer joins carrier group","datePublished":"2025-11-03T14:20:00-05:00",'
    '"author":{"@type":"Person","name":"Ana Pérez"},"publisher":{"@type":"Organization","name":"Example Wire"}}'
    "</script>"
)


def test_body_without_navigation_related_links_or_comments() -> None:
    page = extract_article(news_page(JSONLD), "https://wire.example/world/destroyer")
    assert page is not None
    for paragraph in BODY:
        assert paragraph in page.text
    for boilerplate in ("Section 3", "Read next", "Reader comment", "All rights reserved"):
        assert boilerplate not in page.text


def test_metadata_from_json_ld() -> None:
    page = extract_article(news_page(JSONLD).encode("utf-8"), "https://wire.example/world/destroyer")
    assert page is not None
    assert page.title == "Destroyer joins carrier group"
    assert page.author == "Ana Pérez"
    assert page.site_name == "Example Wire"
    assert page.published is not None and page.published.date() == datetime(2025, 11, 3).date()


def test_published_falls_back_to_the_url_date() -> None:
    page = extract_article(news_page(), "https://wire.example/2025/11/07/world/destroyer-joins")
    assert page is not None and page.published == datetime(2025, 11, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("html", "url", "published"),
    [
        (
            '<meta property="article:published_time" content="2025-11-04T08:00:00Z">',
            None,
            datetime(2025, 11, 4, 8, tzinfo=UTC),
        ),
        ('<script>{"datePublished": "2025-11-05"}</script>', None, datetime(2025, 11, 5, tzinfo=UTC)),
        ("", "https://x.example/news/2025-11-06/slug", datetime(2025, 11, 6, tzinfo=UTC)),
        ("", "https://x.example/news/2025/13/40/slug", None),
        ("<p>no date</p>", "https://x.example/a", None),
    ],
)
def test_fallback_published(html: str, url: str | None, published: datetime | None) -> None:
    assert fallback_published(html, url) == published


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("2025-11-03", datetime(2025, 11, 3, tzinfo=UTC)),
        ("2025-11-03T08:30:00+0100", datetime(2025, 11, 3, 7, 30, tzinfo=UTC)),
        ("2025-11-03T08:30:00Z", datetime(2025, 11, 3, 8, 30, tzinfo=UTC)),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, parsed: datetime | None) -> None:
    assert parse_date(value) == parsed


@pytest.mark.parametrize("html", ["", "<html><body></body></html>", "<html><body><nav><a>Home</a></nav></body></html>"])
def test_no_body_gives_none(html: str) -> None:
    assert extract_article(html, "https://x.example/") is None


def test_real_benchmark_pages(shared_dir: Path) -> None:
    """Every 6th page of the public benchmark (30 pages): mean token-F1 near the full-run figure, no page lost."""
    bench = shared_dir / "corpora" / "article-extraction-benchmark"
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for key in sorted(truth)[::6]:
        html = decode_html(gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes()))[0]
        page = extract_article(html, truth[key]["url"])
        gold, pred = Counter(truth[key]["articleBody"].split()), Counter(page.text.split() if page else [])
        hit = sum((gold & pred).values())
        scores.append(0.0 if not hit else 2 * hit / (sum(gold.values()) + sum(pred.values())))
    assert len(scores) == 31
    assert sum(scores) / len(scores) > 0.92
    assert min(scores) > 0.3


_HEADLINE_LD = JSONLD.replace("Destroyer joins carrier group", "Second destroyer heads south")
TITLE_CASES = [
    # (what the head holds beside <title>, the title read with and without the byline search)
    ("only JSON-LD: its headline", _HEADLINE_LD, "Second destroyer heads south"),
    ("og:title and JSON-LD: the <meta> tag", '<meta property="og:title" content="Navy adds a ship">' + _HEADLINE_LD,
     "Navy adds a ship"),
    ("neither: the page's own title", "", "Destroyer joins carrier group"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "head", "title"), TITLE_CASES, ids=[c[0] for c in TITLE_CASES])
def test_the_title_is_the_same_without_the_byline_search(case: str, head: str, title: str) -> None:
    """A backfill file's pages skip the byline (JSON-LD is then read only for a title the <meta> tags lack)."""
    full = extract_article(news_page(head), "https://wire.example/world/ships")
    lean = extract_article(news_page(head), "https://wire.example/world/ships", byline=False)
    assert full is not None and lean is not None
    assert lean.title == full.title == title
    assert (lean.text, lean.published) == (full.text, full.published)
