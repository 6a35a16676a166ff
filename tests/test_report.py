"""The board, the HTML report (drawn by a real headless Chromium) and the exports, from real backfills."""

from __future__ import annotations

import csv
import io
import json
import re
from html import escape
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from config.watch import load_watch
from flows import render
from flows.cli import app
from flows.report import PALETTE, board_markdown, report_html
from flows.views import LoggedAlert, alert_log, load_board
from storage import Store
from tests.support.browser import dump_dom, screenshot
from tests.support.hostile import LIVE, SENTENCE, hostile_alert, hostile_diff
from tests.support.png import colours
from tests.support.watchenv import use_environment, write_watch
from watchers.board import build_board
from watchers.models import KnownEntity, KnownState, TrackPoint

ROOT = Path(__file__).resolve().parent.parent
STREAM = ROOT / "tests" / "data" / "stream" / "articles.jsonl"
# a route without a URL: alerts are enqueued (the alert log has them) and wait there
ROUTES = [{"name": "hook", "min_severity": "low"}]


def backfill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: Path) -> tuple[str, Path]:
    watch_file = write_watch(tmp_path, [], routes=ROUTES)
    db_url = use_environment(monkeypatch, tmp_path, watch_file)
    result = CliRunner().invoke(app, ["backfill", "--from-jsonl", str(stream)])
    assert result.exit_code == 0, result.output
    return db_url, watch_file


def _board(db_url: str, watch_file: Path, newest: int = 10):  # type: ignore[no-untyped-def]
    store = Store.from_url(db_url)
    try:
        state = store.load_state()
        assert state is not None
        return load_board(store, load_watch(watch_file), state, newest), alert_log(store.list_outbox()), state
    finally:
        store.close()


def _charts(dom: str) -> dict[str, list[tuple[float, bool]]]:
    """Per chart in the DOM: its dots as (value, accepted), in drawing order."""
    out: dict[str, list[tuple[float, bool]]] = {}
    for track, body in re.findall(r'<svg class="chart" data-track="([^"]+)"(.*?)</svg>', dom, re.S):
        dots = re.findall(r'<circle class="dot (accepted|stale)"[^>]*data-value="([^"]+)"[^>]*><title>[^<]*“', body)
        assert len(dots) == body.count("<circle"), f"{track}: a dot without its sentence to show on hover"
        out[track] = [(float(v), state == "accepted") for state, v in dots]
        assert '<path class="step"' in body, f"{track}: no step line"
    return out


def test_report_draws_every_chart_in_a_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_url, watch_file = backfill(tmp_path, monkeypatch, STREAM)
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--out", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!www\.|[a-z0-9.-]+\.[a-z]+/)""", html)  # nothing to fetch
    assert "<script" not in html and "<link" not in html  # self-contained: no script, no stylesheet to load
    board, log, state = _board(db_url, watch_file)
    charts = _charts(dump_dom(page))  # as the browser built it
    assert set(charts) == {t.name for t in board.tracks}
    for track in board.tracks:  # every reading a dot, in order; the accepted ones climb
        assert [v for v, _ in charts[track.name]] == [p.value for p in state.history.get(track.name, [])]
        accepted = [v for v, ok in charts[track.name] if ok]
        assert accepted == sorted(accepted) and len(set(accepted)) == len(accepted)
    assert log and all(escape(a.alert.title) in html for a in log)  # the alert log, every alert
    png = screenshot(page, tmp_path / "report.png", 1000, 1200)
    seen = colours(png)
    white = seen.get((255, 255, 255), 0)
    assert len(seen) > 50 and white < 0.97 * sum(seen.values()), "the screenshot is (nearly) blank"
    drawn = {c for c in PALETTE if tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) in seen}
    assert len(drawn) >= 2, "no coloured dots in the screenshot"


def test_dev_stream_report_shows_the_death_toll_rising_from_61(
    shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url, watch_file = backfill(tmp_path, monkeypatch, shared_dir / "eval" / "dev" / "stream.jsonl")
    page = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", "--out", str(page)]).exit_code == 0
    deaths = _charts(dump_dom(page))["boat_strike_deaths"]
    _board_view, _log, state = _board(db_url, watch_file)
    assert len(deaths) == len(state.history["boat_strike_deaths"])  # every report a dot, stale or not
    accepted = [v for v, ok in deaths if ok]
    assert accepted[0] == 61 and len(accepted) >= 4 and accepted == sorted(accepted)
    assert any(not ok for _, ok in deaths)  # stale reports are drawn too


def table_cells(text: str) -> list[list[str]]:
    """The cells of rich's boxed tables, each cell's wrapped lines joined without spaces (so "Boat strike" +
    "deaths" reads "Boatstrikedeaths"): compare with the expected text, spaces removed."""
    rows: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("│"):
            parts = [p.strip() for p in line.strip().strip("│").split("│")]
            current = current or [""] * len(parts)
            current = [c + p.replace(" ", "") for c, p in zip(current, parts, strict=True)]
        elif current:
            rows.append(current)
            current = []
    return rows


def test_board_reads_at_80_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_url, watch_file = backfill(tmp_path, monkeypatch, STREAM)
    board, _log, _state = _board(db_url, watch_file)
    console = Console(width=80, record=True, color_system=None)
    render.board(console, board)
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text  # wrapped, never cut
    for header in ("quantity", "baseline", "now", "last change", "sources", "stale"):
        assert header in text, header
    cells = table_cells(text)

    def nospace(value: str) -> str:
        return value.replace(" ", "")

    for t in board.tracks:  # each track a row: label, baseline and its outlet, value, change, counts, all there
        row = next(r for r in cells if r[0] == nospace(t.label))
        assert row[1].startswith(nospace(f"{int(t.baseline):,}" if t.baseline else "—"))
        assert row[1].endswith(nospace(t.baseline_source))
        assert row[2].startswith(f"{int(t.current):,}" if t.current else "—")
        if t.changed:
            assert row[3].startswith(nospace(str(t.changed.published.date())))  # type: ignore[union-attr]
        assert (row[4], row[5]) == (str(t.sources), str(t.stale_since))
    for e in board.deployments:
        assert any(r[0].startswith(nospace(e.name)) for r in cells), e.name


def test_board_and_report_escape_article_text(tmp_path: Path) -> None:
    diff = hostile_diff()
    state = KnownState(
        tracks={"deaths": 70},
        history={"deaths": [TrackPoint(70, SENTENCE, diff.source, True)]},
        assets=[KnownEntity("USS <b>Evil</b> [red]x[/red]", "ship", first_seen=diff.source, story_ids=["h1"])],
    )
    from tests.support.hostile import WATCH

    board = build_board(state, WATCH)
    log = [LoggedAlert(hostile_alert(), diff.source.published, [("hook", "pending", None)])]  # type: ignore[arg-type]
    html = report_html(board, log, diff.source.published)  # type: ignore[arg-type]
    for live in LIVE:
        assert live not in html, live
    assert "&lt;script&gt;" in html and 'href="https://news.test/a?b=%3Ci%3E&amp;c=%7Cx%22y"' in html
    page = tmp_path / "hostile.html"
    page.write_text(html, encoding="utf-8")
    dom = dump_dom(page)  # what the browser built from it: the text, and no element made of it
    assert "<script" not in dom and "<b>" not in dom and "alert(1)" in dom
    markdown = board_markdown(board)
    assert "<b>" not in markdown and "[red]" not in markdown and "\\[red\\]" in markdown
    console = Console(width=80, record=True, color_system=None)
    render.board(console, board)
    assert "[red]x[/red]" in console.export_text()  # rich markup printed, not applied


def test_exports_readings_and_alerts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_url, watch_file = backfill(tmp_path, monkeypatch, STREAM)
    _board_view, log, state = _board(db_url, watch_file)
    runner = CliRunner()
    readings_csv = tmp_path / "readings.csv"
    assert runner.invoke(app, ["export", "readings", "--format", "csv", "--out", str(readings_csv)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(readings_csv.read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(points) for points in state.history.values())
    assert {"track", "value", "accepted", "outlet", "published", "url", "sentence"} <= set(rows[0])
    alerts_jsonl = tmp_path / "alerts.jsonl"
    assert runner.invoke(app, ["export", "alerts", "--format", "jsonl", "--out", str(alerts_jsonl)]).exit_code == 0
    alerts = [json.loads(line) for line in alerts_jsonl.read_text(encoding="utf-8").splitlines()]
    assert [a["key"] for a in alerts] == [a.alert.key for a in log]
    assert all(a["schema"] == 1 and a["routes"] == {"hook": "failed"} for a in alerts)
    bad = runner.invoke(app, ["export", "claims"])
    assert bad.exit_code == 2 and "readings, alerts" in " ".join(bad.output.split())


def test_alerts_list_pages_and_refuses_an_unknown_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_url, _watch_file = backfill(tmp_path, monkeypatch, STREAM)
    runner = CliRunner()
    bogus = runner.invoke(app, ["alerts", "list", "--status", "bogus"])
    assert bogus.exit_code == 2 and "pending, sending, failed, delivered, held" in " ".join(bogus.output.split())
    store = Store.from_url(db_url)
    total = len(store.list_outbox())
    store.close()
    assert total > 2
    some = runner.invoke(app, ["alerts", "list", "--limit", "2"])
    assert some.exit_code == 0 and f"showing the newest 2 of {total} rows" in some.output
    every = runner.invoke(app, ["alerts", "list", "--all"])
    assert every.exit_code == 0 and "showing the newest" not in every.output
