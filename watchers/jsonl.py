"""Reading articles from JSONL (the eval contract's format: id, url, published, title, text or html)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from watchers.extract import extract_article
from watchers.models import Article


class ArticleFileError(ValueError):
    """A line of an articles file is not JSON or lacks what an article needs (the message names the line)."""


def parse_published(value: object) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def count_articles(path: Path) -> int:
    """How many articles (non-blank lines) a JSONL file has, without parsing them."""
    with path.open(encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def read_articles(path: Path, only: range | None = None) -> Iterator[Article]:
    """Yield each article of a JSONL file; an `html` field is extracted to text first. `only`: the positions
    (0-based, among non-blank lines) to read; the others are skipped unparsed."""
    index = -1
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            index += 1
            if only is not None and index not in only:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleFileError(f"{path}:{n}: not JSON: {exc.msg}") from exc
            if not isinstance(row, dict) or "id" not in row:
                raise ArticleFileError(f"{path}:{n}: an article needs an 'id'")
            text = row.get("text")
            title = row.get("title") or ""
            published = parse_published(row.get("published"))
            if not text and row.get("html"):
                page = extract_article(row["html"], row.get("url"))
                text = page.text if page else ""
                title = title or (page.title if page else "")
                published = published or (page.published if page else None)
            yield Article(
                article_id=str(row["id"]),
                url=row.get("url") or "",
                text=text or "",
                title=title,
                published=published,
            )
