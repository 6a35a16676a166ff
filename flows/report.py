"""`claimwatch report`: one self-contained HTML file, and the board as markdown for the Prefect UI.

Charts are hand-written inline SVG (see README "The report" for the measurement behind the choice): no
script, no font or stylesheet to fetch, every dot an element in the DOM with its sentence as a native
hover tooltip (`<title>`). Every string that came from an article or a feed goes through `_e`
(html.escape, quotes included); URLs go through `safe_link`, so only http(s) links are made.
"""

from __future__ import annotations

import html
import math
from datetime import UTC, datetime, timedelta

from flows.views import LoggedAlert
from watchers.alerts import outlet_name, safe_link, when_text
from watchers.board import Board, EntityLine, StatementLine, TrackLine, is_baseline
from watchers.models import Source, TrackPoint

# Colour-blind-safe categorical palette (Okabe–Ito, then Tableau): one colour per outlet, baseline in grey.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#4E79A7", "#B07AA1",
           "#59A14F", "#EDC948", "#76B7B2", "#FF9DA7", "#9C755F")  # fmt: skip
BASELINE_COLOUR = "#777777"
WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 16, 40


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _link(source: Source | None, text: str | None = None) -> str:
    """An outlet's name linked to the article (the seed documents have no link)."""
    if source is None:
        return "—"
    label = _e(text if text is not None else outlet_name(source))
    url = None if is_baseline(source) else safe_link(source.url)
    return f'<a href="{_e(url)}">{label}</a>' if url else label


def source_name(point: TrackPoint, baseline_label: str) -> str:
    return baseline_label or "baseline" if is_baseline(point.source) else outlet_name(point.source)


# --------------------------------------------------------------------------- charts


def _times(points: list[TrackPoint], start: datetime) -> list[datetime]:
    """Each reading's time: its article's date; an undated one sits at the reading before it (history is in
    processing order, which is publication order)."""
    out: list[datetime] = []
    last = start
    for p in points:
        when = _aware(p.source.published) if p.source.published and not is_baseline(p.source) else None
        last = max(when, start) if when else last
        out.append(last)
    return out


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round ticks from at or below `lo` to at or above `hi`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    raw = (hi - lo or abs(hi) or 1.0) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    tick = math.floor(lo / step) * step
    ticks = [tick]
    while tick < hi:
        tick += step
        ticks.append(tick)
    return ticks


def chart_svg(track: TrackLine, colours: dict[str, str], start: datetime, end: datetime | None = None) -> str:
    """The accepted value as a step line over time, every reading as a dot coloured by its source.
    `start`..`end`: the time axis (one for every chart of a report, so they line up)."""
    points = track.history
    if not points:
        return '<p class="empty">no readings yet</p>'
    times = _times(points, start)
    t0, t1 = start, max([*times, end or start])
    if t1 - t0 < timedelta(days=1):
        t1 = t0 + timedelta(days=1)
    values = [p.value for p in points]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or max(abs(hi) * 0.1, 1.0)
    ticks = _ticks(max(lo - pad, 0) if lo >= 0 else lo - pad, hi + pad)
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(when: datetime) -> float:
        return LEFT + (when - t0).total_seconds() / (t1 - t0).total_seconds() * plot_w

    def y(value: float) -> float:
        return TOP + (1 - (value - y0) / ((y1 - y0) or 1)) * plot_h

    parts = [
        f'<svg class="chart" data-track="{_e(track.name)}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{_e(track.label)} over time" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in ticks:
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{_e(_num(tick))}</text>'
        )
    days = max((t1 - t0).days, 1)
    every = max(days // 6, 1)
    for d in range(0, days + 1, every):
        when = t0 + timedelta(days=d)
        parts.append(
            f'<text class="tick" x="{x(when):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
            f"{_e(when.strftime('%d %b'))}</text>"
        )
    # the step line: the accepted (known maximum) value, held until the next accepted reading
    path: list[str] = []
    held: float | None = None
    for p, when in zip(points, times, strict=True):
        if p.accepted:
            if held is not None:
                path.append(f"L{x(when):.1f},{held:.1f}")
            held = y(p.value)
            path.append(f"{'L' if path else 'M'}{x(when):.1f},{held:.1f}")
    if held is not None:
        path.append(f"L{x(t1):.1f},{held:.1f}")
        parts.append(f'<path class="step" d="{" ".join(path)}"/>')
    for p, when in zip(points, times, strict=True):
        name = source_name(p, track.baseline_source)
        colour = BASELINE_COLOUR if is_baseline(p.source) else colours.get(name, PALETTE[0])
        state = "accepted" if p.accepted else "stale"
        tip = f"{_num(p.value)} — {name}, {when_text(p.source.published)} ({state}): “{p.sentence}”"
        dot = (
            f'<circle class="dot {state}" cx="{x(when):.1f}" cy="{y(p.value):.1f}" r="{6 if p.accepted else 4.5}" '
            f'fill="{colour}" data-value="{_e(p.value)}" data-source="{_e(name)}"><title>{_e(tip)}</title></circle>'
        )
        url = None if is_baseline(p.source) else safe_link(p.source.url)
        parts.append(f'<a href="{_e(url)}">{dot}</a>' if url else dot)
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}"/></svg>'
    )
    return "".join(parts)


def _colours(board: Board) -> dict[str, str]:
    names: list[str] = []
    for track in board.tracks:
        for p in track.history:
            name = source_name(p, track.baseline_source)
            if not is_baseline(p.source) and name not in names:
                names.append(name)
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def _legend(track: TrackLine, colours: dict[str, str]) -> str:
    seen: dict[str, str] = {}
    for p in track.history:
        name = source_name(p, track.baseline_source)
        seen.setdefault(name, BASELINE_COLOUR if is_baseline(p.source) else colours.get(name, PALETTE[0]))
    items = "".join(f'<li><span class="swatch" style="background:{c}"></span>{_e(n)}</li>' for n, c in seen.items())
    return (
        f'<ul class="legend">{items}<li class="note">large dot: raised the known value; small: stale report</li></ul>'
    )


def _track_section(track: TrackLine, colours: dict[str, str], start: datetime, end: datetime) -> str:
    changed = (
        f"last change {_e(when_text(track.changed.published))}, {_link(track.changed)}"
        if track.changed
        else "unchanged since the baseline"
    )
    facts = (
        f"baseline <strong>{_e(_num(track.baseline))}</strong> ({_e(track.baseline_source or '—')}) · now "
        f"<strong>{_e(_num(track.current))}</strong> · {changed} · {track.sources} independent source"
        f"{'' if track.sources == 1 else 's'} for it · {track.stale_since} stale report"
        f"{'' if track.stale_since == 1 else 's'} since · {len(track.history)} readings"
    )
    return (
        f'<section class="track"><h3>{_e(track.label)}</h3><p class="desc">{_e(track.description)}</p>'
        f'<p class="facts">{facts}</p>{chart_svg(track, colours, start, end)}{_legend(track, colours)}</section>'
    )


# --------------------------------------------------------------------------- tables


def _alert_rows(log: list[LoggedAlert]) -> str:
    rows = []
    # newest news first: by the article's date (a backfill raises every alert at once), then when raised
    ordered = sorted(log, key=lambda a: (str(a.alert.payload.get("published") or ""), a.created_at), reverse=True)
    for logged in ordered:
        a = logged.alert
        url = safe_link(str(a.payload.get("url") or ""))
        outlet = _e(a.payload.get("outlet") or "")
        source = f'<a href="{_e(url)}">{outlet or _e(url)}</a>' if url else outlet
        routes = ", ".join(f"{_e(r)}: {_e(s)}" for r, s, _ in logged.deliveries)
        rows.append(
            f'<tr class="sev-{_e(a.severity)}"><td>{_e(a.payload.get("published") or "—")}</td>'
            f"<td>{_e(a.severity)}</td><td>{_e(a.title)}</td><td>{source}</td>"
            f"<td>{_e(logged.created_at.strftime('%Y-%m-%d %H:%M'))}</td><td>{routes}</td></tr>"
        )
    head = "<tr><th>published</th><th>severity</th><th>alert</th><th>source</th><th>raised</th><th>delivery</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>" if rows else '<p class="empty">no alerts yet</p>'


def _entity_rows(lines: list[EntityLine]) -> str:
    if not lines:
        return '<p class="empty">none yet</p>'
    waiting = " (waiting for a second source)"
    rows = "".join(
        f"<tr><td><strong>{_e(e.name)}</strong></td><td>{_e(e.category)}{waiting if e.waiting else ''}"
        f"</td><td>{_e(when_text(e.first_seen.published) if e.first_seen else '—')}</td><td>{_link(e.first_seen)}</td>"
        f'<td class="sentence">{_e(e.sentence)}</td><td>{e.sources}</td></tr>'
        for e in lines
    )
    head = "<tr><th>name</th><th>category</th><th>first seen</th><th>outlet</th><th>evidence</th><th>sources</th></tr>"
    return f"<table>{head}{rows}</table>"


def _statement_rows(lines: list[StatementLine]) -> str:
    if not lines:
        return '<p class="empty">none yet</p>'
    rows = "".join(
        f'<tr><td><strong>{_e(s.speaker)}</strong></td><td class="sentence">“{_e(s.quote)}”</td>'
        f"<td>{_e(when_text(s.first_seen.published) if s.first_seen else '—')}</td><td>{_link(s.first_seen)}</td>"
        f"<td>{s.sources}</td></tr>"
        for s in lines
    )
    head = "<tr><th>speaker</th><th>quote</th><th>first seen</th><th>outlet</th><th>sources</th></tr>"
    return f"<table>{head}{rows}</table>"


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;
color:#222;padding:0 12px}h1{font-size:1.5em;margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd}
h3{margin-bottom:2px}.desc,.note,.meta{color:#666;margin:0}.facts{margin:4px 0 6px}
svg.chart{max-width:100%;height:auto;background:#fff}.grid{stroke:#eee}.axis{stroke:#999}
.tick{font-size:11px;fill:#666}.step{fill:none;stroke:#222;stroke-width:2}.dot{stroke:#fff;stroke-width:1.5}
.dot.stale{opacity:.75}.legend{list-style:none;padding:0;margin:4px 0 0;font-size:13px}
.legend li{display:inline-block;margin-right:14px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;vertical-align:top}
.sentence{color:#444;font-style:italic}.sev-critical td{background:#fdecea}.sev-high td{background:#fff6e5}
.empty{color:#888}
"""


def report_html(board: Board, log: list[LoggedAlert], now: datetime, start: datetime | None = None) -> str:
    """The whole report; `start` is where the time axes begin (the watch's baseline date)."""
    stamps = [_aware(p.source.published) for t in board.tracks for p in t.history if p.source.published]
    begin = start or (min(stamps) if stamps else _aware(now))
    end = max([begin, *stamps])
    colours = _colours(board)
    tracks = "".join(_track_section(t, colours, begin, end) for t in board.tracks)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{_e(board.title)} — claimwatch report</title><style>{_CSS}</style></head>
<body><h1>{_e(board.title)}</h1><p class="meta">claimwatch report, generated {_e(now.strftime("%Y-%m-%d %H:%M UTC"))}.
Hover a dot for its sentence; click it for the article.</p>
<h2>Tracked quantities</h2>{tracks}
<h2>Alert log</h2>{_alert_rows(log)}
<h2>Deployments</h2>{_entity_rows(board.deployments)}
<h2>Actors</h2>{_entity_rows(board.actors)}
<h2>Statements</h2>{_statement_rows(board.statements)}
</body></html>
"""


# --------------------------------------------------------------------------- markdown (Prefect artifact)


def _md(text: object) -> str:
    """A markdown table cell: no pipe, line break or markup from article text survives."""
    cell = html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")
    for mark in ("*", "_", "`", "[", "]", "#"):
        cell = cell.replace(mark, "\\" + mark)
    return cell


def _md_seen(source: Source | None) -> str:
    if source is None:
        return "—"
    url = None if is_baseline(source) else safe_link(source.url)
    name = _md(outlet_name(source))
    linked = f"[{name}]({url.replace(')', '%29')})" if url else name
    return f"{_md(when_text(source.published))}, {linked}"


def board_markdown(board: Board) -> str:
    """The board as markdown tables (the monitor flow's artifact in the Prefect UI)."""
    lines = [f"## {_md(board.title)}", "", "| quantity | baseline | now | last change | sources | stale since |"]
    lines.append("|---|---|---|---|---|---|")
    for t in board.tracks:
        base = f"{_md(_num(t.baseline))} ({_md(t.baseline_source or '—')})"
        change = _md_seen(t.changed) if t.changed else "baseline"
        lines.append(
            f"| {_md(t.label)} | {base} | **{_md(_num(t.current))}** | {change} | {t.sources} | {t.stale_since} |"
        )
    for title, entities in (("Newest deployments", board.deployments), ("Newest actors", board.actors)):
        lines += ["", f"### {title}", ""]
        if not entities:
            lines.append("none yet")
            continue
        lines += ["| name | first seen | sources | evidence |", "|---|---|---|---|"]
        lines += [
            f"| **{_md(e.name)}** ({_md(e.category)}{', waiting' if e.waiting else ''}) | {_md_seen(e.first_seen)} "
            f"| {e.sources} | {_md(e.sentence)} |"
            for e in entities
        ]
    lines += ["", "### Newest statements", ""]
    if board.statements:
        lines += ["| speaker | quote | first seen |", "|---|---|---|"]
        lines += [f"| {_md(s.speaker)} | “{_md(s.quote)}” | {_md_seen(s.first_seen)} |" for s in board.statements]
    else:
        lines.append("none yet")
    return "\n".join(lines) + "\n"
