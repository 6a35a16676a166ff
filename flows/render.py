"""Terminal output of the CLI (rich): tables and small pictures people would rather look at than read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from config.watch import WatchConfig
from watchers.models import FeedState, KnownState

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
        style = "red" if count and ("error" in name or "failure" in name) else None
        table.add_row(name, str(count), style=style)
    out.print(table)
    for line in [*summary.feed_errors, *summary.fetch_errors]:
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
        out.print(f"[bold]{alert.severity:>8}[/bold]  {alert.title}")
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
    out.print(
        Panel(
            ", ".join(a.name for a in state.assets) or "—",
            title=f"known assets ({len(state.assets)})",
        )
    )
    out.print(Panel(", ".join(a.name for a in state.actors) or "—", title=f"known actors ({len(state.actors)})"))
    if state.candidate_actors:
        names = ", ".join(f"{a.name} ({len(a.story_ids)})" for a in state.candidate_actors)
        out.print(Panel(names, title="actors seen once, waiting for an independent source"))


def drain(out: Console, report: DrainReport) -> None:
    """One delivery pass in a line, then each failure's reason (already free of secrets)."""
    out.print(
        f"delivered {report.delivered}, failed {report.failed} (retried later), held {report.held}, "
        f"skipped {report.skipped}, digests {report.digests}"
    )
    for line in report.errors:
        out.print(f"• {line}", soft_wrap=True, markup=False, style="yellow")


def outbox(out: Console, entries: Sequence[Any]) -> None:
    table = Table(title="alert outbox")
    for col in ("status", "route", "severity"):
        table.add_column(col, no_wrap=True)
    table.add_column("alert", overflow="fold", min_width=40)
    for col in ("attempts", "next attempt / delivered"):
        table.add_column(col, no_wrap=True)
    table.add_column("last error", overflow="ellipsis", no_wrap=True, max_width=40)
    for e in entries:
        style = STATUS_STYLE.get(e.status, "")
        when = e.delivered_at if e.status == "delivered" else e.next_attempt_at
        table.add_row(
            f"[{style}]{e.status}[/{style}]" if style else e.status,
            e.route,
            e.alert.severity,
            e.alert.title,
            str(e.attempts),
            when.strftime("%Y-%m-%d %H:%M") if when else "—",
            (e.last_error or "")[:80],
        )
    out.print(table if entries else "the outbox is empty")


def feed_health(out: Console, states: Sequence[FeedState], now: datetime) -> None:
    from watchers.health import feed_health as judge

    table = Table(title="feeds")
    for col, width in (("status", 14), ("feed", 18), ("last success", 10), ("errors", 6), ("next poll", 9)):
        table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=width)
    table.add_column("cadence", no_wrap=True)
    table.add_column("why", no_wrap=True, overflow="ellipsis", max_width=48)
    counts: dict[str, int] = {}
    for s in states:
        health = judge(s, now)
        counts[health.status] = counts.get(health.status, 0) + 1
        style = STATUS_STYLE.get(health.status, "")
        cadence = f"{s.typical_interval_seconds / 3600:.1f} h" if s.typical_interval_seconds else "—"
        table.add_row(
            f"[{style}]● {health.status}[/{style}]",
            s.name or s.url,
            _ago(s.last_success_at, now),
            str(s.consecutive_errors),
            s.next_check_at.strftime("%H:%M") if s.next_check_at and s.next_check_at > now else "now",
            cadence,
            health.reason,
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
