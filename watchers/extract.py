"""Article extraction: HTML → text and metadata with trafilatura. Pure: no network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str = ""
    author: str = ""
    site_name: str = ""
    published: datetime | None = None


def extract_article(html: str | bytes, url: str | None = None) -> ExtractedPage | None:
    """The article body and metadata of one page, or None when no body is found."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, fast=True
    )
    if doc is None or isinstance(doc, dict) or not doc.text:
        return None
    published = None
    if doc.date:
        try:
            published = datetime.fromisoformat(doc.date)
        except ValueError:
            published = None
    return ExtractedPage(
        text=doc.text or "",
        title=doc.title or "",
        author=doc.author or "",
        site_name=doc.sitename or "",
        published=published,
    )
