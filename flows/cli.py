"""The `claimwatch` command line. Commands that need no orchestration never import Prefect."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console

from config.settings import Settings
from config.watch import WatchConfigError, load_watch

app = typer.Typer(help="claimwatch: watch the news on a developing situation and alert when the facts change.")
console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """claimwatch: watch the news on a developing situation and alert when the facts change."""


def _settings() -> Settings:
    return Settings()


def _fail(message: str) -> None:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


@app.command()
def extract(
    articles: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL: id, url, title, text|html"),
    out: Path | None = typer.Option(None, "--out", help="where to write the claims JSONL (default: stdout)"),
    with_text: bool = typer.Option(False, "--with-text", help='add the extracted body as "text"'),
) -> None:
    """Extract the claims of each article (no database, no Prefect)."""
    from watchers.claims import ClaimExtractor
    from watchers.jsonl import ArticleFileError, read_articles
    from watchers.models import claim_to_json

    settings = _settings()
    try:
        watch = load_watch(settings.watch_file)
    except WatchConfigError as exc:
        _fail(str(exc))
    baseline = [p.read_text(encoding="utf-8") for p in watch.baseline_paths()]
    extractor = ClaimExtractor(watch, baseline)
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    count = 0
    try:
        for article in read_articles(articles):
            result = extractor.extract(article)
            row: dict[str, object] = {
                "id": article.article_id,
                "relevant": result.relevant,
                "relevance": round(result.relevance, 3),
                "claims": [claim_to_json(c) for c in result.claims],
            }
            if with_text:
                row["text"] = article.text
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    except ArticleFileError as exc:
        _fail(str(exc))
    finally:
        if out:
            sink.close()
    console.print(f"extracted claims from {count} articles" + (f" → {out}" if out else ""))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
