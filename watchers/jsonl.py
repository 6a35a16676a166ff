"""Reading articles from JSONL (the eval contract's format: id, url, published, title, text or html)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
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
    with path.open(encoding="utf-8", errors="replace") as fh:
        return sum(1 for line in fh if line.strip())


def read_articles(
    path: Path, on_error: Callable[[ArticleFileError], None] | None = None, only: range | None = None
) -> Iterator[Article]:
    """Yield each article of a JSONL file; an `html` field is extracted to text first. `only`: the positions
    (0-based, among non-blank lines) to read; the others are skipped unparsed.

    A bad line raises ArticleFileError naming it, or, with `on_error`, is reported there and skipped: one bad
    line does not lose the others.
    """
    for index, (n, line) in enumerate(read_lines(path)):
        if only is not None and index not in only:
            continue
        try:
            yield parse_article_line(line, f"{path}:{n}")
        except ArticleFileError as exc:
            if on_error is None:
                raise
            on_error(exc)


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of each non-blank line, read as a stream (a backfill file can be gigabytes)."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, line


def parse_article_line(line: str, where: str) -> Article:
    """One JSONL line as an Article; ArticleFileError (starting with `where`) when it is not one."""
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ArticleFileError(f"{where}: not JSON: {getattr(exc, 'msg', 'nested too deeply')}") from exc
    if not isinstance(row, dict) or "id" not in row:
        raise ArticleFileError(f"{where}: an article needs an 'id'")
    wrong = [
        k
        for k in ("url", "title", "text", "html", "published")
        if row.get(k) is not None and not isinstance(row[k], str)
    ]
    if wrong:
        raise ArticleFileError(f"{where}: {', '.join(wrong)} must be text")
    text = row.get("text")
    title = row.get("title") or ""
    published = parse_published(row.get("published"))
    if not text and row.get("html"):
        # only what the line lacks; an article from a file has no author or site name, so no byline search
        page = extract_article(row["html"], row.get("url"), title=not title, date=not published, byline=False)
        text = page.text if page else ""
        title = title or (page.title if page else "")
        published = published or (page.published if page else None)
    return Article(
        article_id=str(row["id"]),
        url=row.get("url") or "",
        text=text or "",
        title=title,
        published=published,
    )
