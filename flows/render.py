"""Terminal output of the CLI (rich): tables and small pictures people would rather look at than read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.style import Style
from rich.table import Table
from rich.text import Text

from config.watch import WatchConfig
from watchers.alerts import outlet_name, safe_link, when_text
from watchers.board import Board, EntityLine
from watchers.models import Alert, FeedState, KnownState, Source

if TYPE_CHECKING:
    from flows.backfill_core import BackfillReport, BackfillRequest
    from flows.cycle import CycleSummary
    from watchers.outbox import DrainReport

SPARK = "▁▂▃▄▅▆▇█"
STATUS_STYLE = {
    "healthy": "green",
    "degraded": "yellow",
    "failing": "red",
    "quiet": "magenta",
    "never-polled": "dim",
    "pending": "yellow",
    "sending": "cyan",
    "failed": "red",
    "delivered": "green",
    "held": "magenta",
}


def sparkline(values: Sequence[float]) -> str:
    """A one-line picture of a series: the shape of a running total at a glance."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return SPARK[3] * len(values)
    return "".join(SPARK[round((v - lo) / (hi - lo) * (len(SPARK) - 1))] for v in values)


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit} ago"
    return f"{int(seconds)}s ago"


def cycle_summary(out: Console, summary: CycleSummary) -> None:
    table = Table(title="claimwatch — one monitor cycle", show_header=False)
    for name, count in summary.rows():
        style = "red" if count and ("error" in name or "fail" in name) else None
        table.add_row(name, str(count), style=style)
    out.print(table)
    for line in [*summary.feed_errors, *summary.fetch_errors, *summary.assess_errors]:
        out.print(f"• {line}", soft_wrap=True, markup=False, style="yellow")  # one line each, however long
    for line in summary.feed_notes:
        out.print(f"• {line}", soft_wrap=True, markup=False, style="cyan")
    for line in summary.route_problems:
        out.print(f"• {line}: its alerts wait in the outbox", soft_wrap=True, markup=False, style="magenta")


def backfill_report(out: Console, report: BackfillReport, req: BackfillRequest) -> None:
    table = Table(title=f"backfill of {req.describe()}", show_header=False)
    done = report.assessed
    for name, value in (
        ("articles", done.articles),
        ("relevant", done.relevant),
        ("copies of known stories", done.copies),
        ("claims", done.claims),
        ("alerts raised", len(done.alerts)),
        (
            "held in the outbox (release: claimwatch alerts release)" if not req.deliver else "enqueued for delivery",
            done.enqueued,
        ),
        ("re-queued (--resend)", report.requeued),
        ("delivered", report.delivered),
        ("errors", len(report.errors)),
    ):
        table.add_row(name, str(value))
    out.print(table)
    for alert in report.alerts[:100]:
        shown = Text(f"{alert.severity:>8}", style=SEVERITY_STYLE.get(alert.severity, "bold"))
        out.print(shown.append(f"  {alert.title}"))  # Text: a quote's "[red]" is printed, not applied
    for line in report.errors:
        out.print(f"• {line}", soft_wrap=True, markup=False, style="yellow")
    if req.alerts_jsonl:
        out.print(f"alerts written to {req.alerts_jsonl}")
    if req.dry_run:
        out.print("dry run: nothing was stored or sent")


def baseline(out: Console, state: KnownState, watch: WatchConfig) -> None:
    tracks = Table(title="tracked quantities")
    for col in ("track", "known max", "history", "readings"):
        tracks.add_column(col, no_wrap=True, min_width=len(col))
    tracks.add_column("meaning", no_wrap=True, overflow="ellipsis", max_width=44)
    for track in watch.tracks:
        history = state.history.get(track.name, [])
        accepted = [p.value for p in history if p.accepted]
        tracks.add_row(
            track.name,
            _fmt(state.tracks.get(track.name)),
            sparkline(accepted),
            str(len(history)),
            track.description,
        )
    out.print(tracks)
    out.print(Panel(Text(", ".join(a.name for a in state.assets) or "—"), title=f"known assets ({len(state.assets)})"))
    out.print(Panel(Text(", ".join(a.name for a in state.actors) or "—"), title=f"known actors ({len(state.actors)})"))
    if state.candidate_actors:
        names = ", ".join(f"{a.name} ({len(a.story_ids)})" for a in state.candidate_actors)
        out.print(Panel(Text(names), title="actors seen once, waiting for an independent source"))


SEVERITY_STYLE = {"low": "dim", "medium": "cyan", "high": "yellow", "critical": "bold red"}


def alert(out: Console, item: Alert) -> None:
    """One alert as a panel: its markdown rendered (bold, quote, list, links), never shown raw. Article text
    in it is markdown-escaped, and rich's Markdown does not read rich markup, so "[red]" stays text."""
    style = SEVERITY_STYLE.get(item.severity, "")
    out.print(Panel(Markdown(item.body_markdown), title=Text(item.severity, style=style), title_align="left"))


def _date(source: Source | None) -> str:
    return when_text(source.published) if source else "—"


def _seen(source: Source | None) -> Text:
    """ "2025-11-04, CBS News" linked to the article (terminals that support links show it clickable)."""
    if source is None:
        return Text("—")
    text = Text(f"{_date(source)}\n")
    link = safe_link(source.url)
    text.append(outlet_name(source), style=Style(link=link) if link else None)
    return text


def board(out: Console, view: Board) -> None:
    """The situation board: tracked quantities, then the newest deployments, actors and statements.

    Every cell wraps (`overflow="fold"`) instead of being cut, so nothing is dropped at 80 columns; every
    article-derived string goes in as `Text`, so rich markup in it is printed, never applied.
    """
    out.print(Text(view.title, style="bold"))
    tracks = Table(title="tracked quantities", show_lines=True, expand=True)
    tracks.add_column("quantity", overflow="fold", ratio=3, min_width=6)
    tracks.add_column("baseline", overflow="fold", ratio=3, min_width=6)
    tracks.add_column("now", overflow="fold", min_width=10, max_width=14)  # sized to fit "50,000,000", not a ratio
    tracks.add_column("last change", overflow="fold", ratio=3, min_width=6)
    tracks.add_column("sources", overflow="fold", min_width=7, justify="right")
    tracks.add_column("stale", overflow="fold", min_width=5, justify="right")
    for t in view.tracks:
        base = Text(_fmt(t.baseline))
        if t.baseline_source:
            base.append(f"\n{t.baseline_source}", style="dim")
        now = Text(_fmt(t.current), style="bold" if t.changed else "")
        spark = sparkline([p.value for p in t.history if p.accepted])
        if len(spark) > 1:
            now.append(f"\n{spark}", style="cyan")
        tracks.add_row(Text(t.label), base, now, _seen(t.changed), str(t.sources), str(t.stale_since))
    out.print(tracks)
    _entity_table(out, "newest deployments", view.deployments)
    _entity_table(out, "newest actors", view.actors)
    quotes = Table(title="newest statements", show_lines=True, expand=True)
    quotes.add_column("speaker and quote", overflow="fold", ratio=5)
    quotes.add_column("first seen", overflow="fold", ratio=2)
    quotes.add_column("sources", overflow="fold", ratio=1, min_width=7)
    for q in view.statements:
        said = Text(q.speaker, style="bold")
        said.append(f": “{q.quote}”")
        quotes.add_row(said, _seen(q.first_seen), str(q.sources))
    out.print(quotes if view.statements else Text("no new statements yet", style="dim"))


def _entity_table(out: Console, title: str, lines: list[EntityLine]) -> None:
    if not lines:
        out.print(Text(f"{title}: none yet", style="dim"))
        return
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("name and first evidence", overflow="fold", ratio=5)
    table.add_column("first seen", overflow="fold", ratio=2)
    table.add_column("sources", overflow="fold", ratio=1, min_width=7)
    for e in lines:
        cell = Text(e.name, style="bold")
        cell.append(f" ({e.category}{', waiting for a second source' if e.waiting else ''})")
        if e.sentence:
            cell.append(f"\n“{e.sentence}”", style="italic dim")
        table.add_row(cell, _seen(e.first_seen), str(e.sources))
    out.print(table)


def drain(out: Console, report: DrainReport) -> None:
    """One delivery pass in a line, then each failure's reason (already free of secrets)."""
    out.print(
        f"delivered {report.delivered}, failed {report.failed} (retried later), held {report.held}, "
        f"skipped {report.skipped}, digests {report.digests}"
    )
    for line in report.errors:
        out.print(f"• {line}", soft_wrap=True, markup=False, style="yellow")


def outbox(out: Console, entries: Sequence[Any]) -> None:
    """Every cell wraps rather than being cut, so the alert's title survives an 80-column terminal."""
    table = Table(title="alert outbox", expand=True, show_lines=True)
    table.add_column("status / route", overflow="fold", min_width=9)
    table.add_column("alert", overflow="fold", ratio=5, min_width=20)
    table.add_column("tries", overflow="fold", min_width=5, justify="right")
    table.add_column("due / sent", overflow="fold", min_width=10)
    table.add_column("last error", overflow="fold", ratio=2)
    for e in entries:
        when = e.delivered_at if e.status == "delivered" else e.next_attempt_at
        status = Text(e.status, style=STATUS_STYLE.get(e.status, ""))
        status.append(f"\n{e.route}")
        alert = Text(e.alert.severity, style=SEVERITY_STYLE.get(e.alert.severity, ""))
        alert.append(f" {e.alert.title}")
        table.add_row(
            status,
            alert,
            str(e.attempts),
            when.strftime("%Y-%m-%d\n%H:%M UTC") if when else "—",
            Text((e.last_error or "")[:200]),
        )
    out.print(table if entries else "the outbox is empty")


def feed_health(out: Console, states: Sequence[FeedState], now: datetime) -> None:
    from watchers.health import feed_health as judge

    table = Table(title="feeds", expand=True)
    table.add_column("feed / status", overflow="fold", ratio=3, min_width=12)  # every cell wraps at 80 columns
    table.add_column("last ok / next poll", overflow="fold", min_width=9)
    table.add_column("errors", overflow="fold", min_width=6, justify="right")
    table.add_column("cadence", overflow="fold", min_width=7)
    table.add_column("why", overflow="fold", ratio=3, min_width=12)
    counts: dict[str, int] = {}
    for s in states:
        health = judge(s, now)
        counts[health.status] = counts.get(health.status, 0) + 1
        feed = Text(s.name or s.url)
        feed.append(f"\n● {health.status}", style=STATUS_STYLE.get(health.status, ""))
        due = s.next_check_at.strftime("%H:%M") if s.next_check_at and s.next_check_at > now else "now"
        cadence = f"{s.typical_interval_seconds / 3600:.1f} h" if s.typical_interval_seconds else "—"
        # the reason may quote a server's error text: printed, never read as markup
        table.add_row(
            feed, f"{_ago(s.last_success_at, now)}\n{due}", str(s.consecutive_errors), cadence, Text(health.reason)
        )
    out.print(table)
    out.print("  ".join(f"[{STATUS_STYLE.get(k, '')}]{k}: {v}[/]" for k, v in sorted(counts.items())))


@contextmanager
def progress(console: Console, title: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar for long work; yields `advance(done, total)`."""
    with Progress(
        TextColumn(title), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task(title, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
