"""The `claimwatch` command line. Commands that need no orchestration never import Prefect."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from config import DEFAULT_WATCH_FILE
from config.settings import Settings, SettingsConfigError, load_settings
from config.watch import WatchConfig, WatchConfigError, load_watch
from flows import render
from storage.outbox import OUTBOX_STATUSES
from watchers.redact import RedactingStream, describe_error, install_log_redaction, redact

if TYPE_CHECKING:  # the CLI imports the runtime (Prefect-free, but heavy) only in the commands that need it
    from flows.runtime import Runtime
    from watchers.models import KnownState

app = typer.Typer(
    help="claimwatch: watch the news on a developing situation and alert when the facts change.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
baseline_app = typer.Typer(help="Build or show the baseline (the seed documents plus every accepted change).")
alerts_app = typer.Typer(help="Inspect the alert outbox, or send a test alert.")
app.add_typer(baseline_app, name="baseline")
app.add_typer(alerts_app, name="alerts")
# Everything the CLI prints passes through the one redaction function (watchers/redact.py).
console = Console(file=RedactingStream("stderr"))  # type: ignore[arg-type]
out = Console(file=RedactingStream("stdout"))  # type: ignore[arg-type]
F = TypeVar("F", bound=Callable[..., Any])


EXIT_NO_FEED = 3  # a monitor cycle in which every feed failed (the run is Failed in Prefect too)


def _fail(message: str, code: int = 2) -> NoReturn:
    console.print(f"[red]error:[/red] {escape(redact(message))}", soft_wrap=True)
    raise typer.Exit(code)


def _known_routes() -> str:
    """'; known routes: a, b' from the watch file, for errors raised before the settings could be read."""
    try:
        watch = load_watch(os.environ.get("CLAIMWATCH_WATCH_FILE") or DEFAULT_WATCH_FILE)
    except WatchConfigError:
        return ""
    return f"; known routes: {', '.join(watch.route_names) or '(none)'}"


def _load() -> tuple[Settings, WatchConfig]:
    """Settings and watch, checked against each other; any problem is one line and exit status 2."""
    install_log_redaction()
    try:
        settings = load_settings()
    except SettingsConfigError as exc:
        _fail(f"{exc}{_known_routes() if 'ALERT_URLS' in str(exc) else ''}")
    install_log_redaction(
        [u.get_secret_value() for u in settings.alert_urls.values()], database_url=settings.database_url
    )
    try:
        watch = load_watch(settings.watch_file)
    except WatchConfigError as exc:
        _fail(str(exc))
    problem = settings.unknown_routes(watch.route_names)
    if problem:
        _fail(problem)
    return settings, watch


def _runtime(settings: Settings, watch: WatchConfig, **kwargs: object):  # type: ignore[no-untyped-def]
    from flows.runtime import open_runtime
    from storage.state import WatchMismatch

    try:
        return open_runtime(settings, watch=watch, **kwargs)  # type: ignore[arg-type]
    except WatchMismatch as exc:
        _fail(str(exc))
    except Exception as exc:  # a bad database URL or an unreachable server: say so in one line
        _fail(f"cannot open the database {settings.resolved_database_url()}: {describe_error(exc)}")


def _one_line_errors(command: F) -> F:
    """A database that fails mid-command is one line (exit 2), not a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return command(*args, **kwargs)
        except SQLAlchemyError as exc:
            _fail(f"database error: {describe_error(exc)}")

    return wrapper  # type: ignore[return-value]


def _log_file(settings: Settings) -> Path:
    """Send every log record to <data dir>/logs/claimwatch.log and keep the console for our own lines: a failing
    flow run is then one line that names this file, not Prefect's tracebacks."""
    path = settings.data_dir / "logs" / "claimwatch.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in (None, "uvicorn", "fastapi", "prefect._internal"):
        logger = logging.getLogger(name)
        for old in logger.handlers:
            if not isinstance(old, logging.FileHandler):
                old.setLevel(logging.CRITICAL + 1)
        logger.addHandler(handler)
    logging.getLogger("claimwatch").setLevel(logging.INFO)
    return path


def _flow_outcome(state: Any, flow: str, log_path: Path) -> Any:
    """The flow run's result, or one line saying why it failed and where its log is (exit status 1)."""
    if state.is_completed():
        return state.result()
    try:
        state.result()
        reason = state.message or state.name
    except BaseException as exc:  # the flow's own exception, re-raised by Prefect
        from flows.monitor import EveryFeedFailed

        if isinstance(exc, EveryFeedFailed):  # offline, or the watch's feeds moved: its own exit status
            _fail(
                f"the {flow} flow run ended {state.name}: no feed could be reached — {describe_error(exc)} "
                f"(offline? `claimwatch demo` runs the pipeline on a local feed; full log: {log_path})",
                code=EXIT_NO_FEED,
            )
        reason = describe_error(exc)
    _fail(f"the {flow} flow run ended {state.name}: {reason} (full log: {log_path})", code=1)


@app.command()
@_one_line_errors
def extract(
    articles: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL: id, url, title, text|html"),
    out_path: Path | None = typer.Option(None, "--out", help="where to write the claims JSONL (default: stdout)"),
    with_text: bool = typer.Option(False, "--with-text", help='add the extracted body as "text"'),
    explain: bool = typer.Option(False, "--explain", help='add each claim\'s "explain": why it came out as it did'),
) -> None:
    """Extract the claims of each article (no database, no Prefect)."""
    from watchers.claims import ClaimExtractor
    from watchers.claims.learned import load_models
    from watchers.figure_limits import screen_figures
    from watchers.jsonl import ArticleFileError, read_articles
    from watchers.models import claim_to_json

    settings, watch = _load()
    baseline = [p.read_text(encoding="utf-8") for p in watch.baseline_paths(settings.watch_file.parent / "baseline")]
    extractor = ClaimExtractor(watch, baseline, models=load_models(settings.claim_weights_dir), explain=explain)
    sink = out_path.open("w", encoding="utf-8") if out_path else sys.stdout
    count = 0
    problems: list[str] = []

    def report(problem: str) -> None:
        problems.append(problem)
        console.print(f"[yellow]warning:[/yellow] {escape(redact(problem))}", soft_wrap=True)

    try:
        for article in read_articles(articles, on_error=lambda exc: report(str(exc))):
            try:
                result, rejected = screen_figures(extractor.extract(article), watch.figure_limits)
            except Exception as exc:  # one article the extractor cannot read must not lose the rest
                report(f"article {article.article_id}: extraction failed: {describe_error(exc)}")
                continue
            for warning in rejected:
                console.print(f"[yellow]warning:[/yellow] {escape(warning)}", soft_wrap=True)
            row: dict[str, object] = {
                "id": article.article_id,
                "relevant": result.relevant,
                "relevance": round(result.relevance, 3),
                "claims": [claim_to_json(c, explain=explain) for c in result.claims],
            }
            if with_text:
                row["text"] = article.text
            sink.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")  # always valid JSON
            count += 1
    except ArticleFileError as exc:
        _fail(str(exc))
    finally:
        if out_path:
            sink.close()
    console.print(f"extracted claims from {count} articles" + (f" → {out_path}" if out_path else ""))
    if problems:
        _fail(f"{len(problems)} line(s) of {articles} could not be processed (see the warnings above)", code=1)


@app.command()
@_one_line_errors
def run(
    local: bool = typer.Option(False, "--local", help="run the steps directly, without Prefect"),
) -> None:
    """Run one monitor cycle: migrate, build the baseline if needed, poll, fetch, extract, diff, alert."""
    settings, watch = _load()
    console.print(f"[dim]data directory: {escape(str(settings.data_dir))}[/dim]", soft_wrap=True)
    rt = _runtime(settings, watch)  # the database and the watch are checked here, before Prefect starts
    if local:
        from flows.cycle import record_cycle
        from flows.local import run_cycle_locally

        try:
            summary = run_cycle_locally(rt)
            record_cycle(rt, summary)
        finally:
            rt.close()
    else:
        rt.close()
        from flows.runtime import prepare_prefect_env

        prepare_prefect_env(settings)
        from prefect.settings import PREFECT_API_URL

        if api_url := PREFECT_API_URL.value():
            console.print(f"[dim]using the Prefect API at {api_url}[/dim]")
        else:
            console.print("[dim]no PREFECT_API_URL: starting Prefect's local ephemeral API (10–20 s)…[/dim]")
        from flows.monitor import monitor_flow

        log_path = _log_file(settings)
        result = _flow_outcome(monitor_flow(return_state=True), "monitor", log_path)
        if result is None:
            console.print("skipped: the run started too long after its scheduled time")
            return
        summary = result
    render.cycle_summary(out, summary)


@app.command()
@_one_line_errors
def serve(
    interval: int | None = typer.Option(
        None, "--interval", min=60, help="seconds between monitor cycles (default: schedule in watch.yaml)"
    ),
    limit: int = typer.Option(2, "--limit", min=1, help="at most this many flow runs at once (with a server)"),
) -> None:
    """Run the monitor on a schedule until stopped: for unattended servers (see README: Deploying)."""
    settings, watch = _load()
    _runtime(settings, watch).close()  # a wrong database URL is one line here, not a traceback every tick
    from flows.runtime import prepare_prefect_env

    prepare_prefect_env(settings)
    from flows.serve import serve as serve_flows

    serve_flows(interval or watch.schedule.interval_seconds, limit)


@app.command()
@_one_line_errors
def backfill(
    from_jsonl: Path | None = typer.Option(None, "--from-jsonl", exists=True, dir_okay=False, help="articles JSONL"),
    url: list[str] = typer.Option([], "--url", help="an article URL (repeatable)"),
    urls_file: Path | None = typer.Option(None, "--urls-file", exists=True, dir_okay=False, help="one URL a line"),
    since: str | None = typer.Option(None, "--since", help="stored items published on or after YYYY-MM-DD"),
    until: str | None = typer.Option(None, "--until", help="stored items published on or before YYYY-MM-DD"),
    alerts_jsonl: Path | None = typer.Option(None, "--alerts-jsonl", help="write every alert raised as JSONL"),
    no_deliver: bool = typer.Option(
        False, "--no-deliver", help="send nothing now: keep the alerts held in the outbox (`alerts release`)"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="change nothing in the database; only --alerts-jsonl"),
    resend: bool = typer.Option(False, "--resend", help="send these articles' alerts again even if sent before"),
    prefect: bool = typer.Option(False, "--prefect", help="run as a Prefect flow run (tracked in the UI)"),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="processes for extraction and claims (default: one per CPU for 200+ articles)"
    ),
    batches: int = typer.Option(
        1, "--batches", min=1, help="with --prefect and a server: split into N parts run by the pool's workers"
    ),
) -> None:
    """Process articles by hand: a JSONL file, URLs, or stored items in a date range. Idempotent."""
    urls = list(url)
    if urls_file:
        urls += [line.strip() for line in urls_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources = sum(bool(x) for x in (from_jsonl, urls, since or until))
    if sources != 1:
        _fail("name exactly one source: --from-jsonl FILE, --url/--urls-file, or --since/--until")
    try:
        start = date.fromisoformat(since) if since else None
        end = date.fromisoformat(until) if until else None
    except ValueError as exc:
        _fail(f"--since/--until take YYYY-MM-DD: {exc}")
    from flows.backfill_core import BackfillRequest

    req = BackfillRequest(
        from_jsonl, tuple(urls), start, end, alerts_jsonl, not (no_deliver or dry_run), resend, dry_run, workers
    )
    settings, watch = _load()
    if batches > 1 and not prefect:
        _fail("--batches spreads the parts over a Prefect work pool: add --prefect (and PREFECT_API_URL)")
    if prefect and dry_run:
        _fail("--dry-run runs in this process only (drop --prefect)")
    rt = _runtime(settings, watch, migrate=not dry_run)  # checked before Prefect starts, too
    if prefect:
        rt.close()
        from flows.runtime import prepare_prefect_env

        prepare_prefect_env(settings)
        from flows.backfill import backfill_flow

        log_path = _log_file(settings)
        state = backfill_flow(
            jsonl=str(from_jsonl) if from_jsonl else None,
            urls=urls or None,
            since=start,
            until=end,
            alerts_jsonl=str(alerts_jsonl) if alerts_jsonl else None,
            deliver=not no_deliver,
            resend=resend,
            batches=batches,
            return_state=True,
        )
        counts = _flow_outcome(state, "backfill", log_path)
        out.print(counts)
        if counts.get("errors"):
            _fail(f"{counts['errors']} article(s) could not be processed (full log: {log_path})", code=1)
        return
    from flows.backfill_core import run_backfill

    try:
        with render.progress(console, f"backfill of {req.describe()}") as advance:
            report = run_backfill(rt, req, progress=advance)
    finally:
        rt.close()
    render.backfill_report(out, report, req)
    if report.errors:
        _fail(f"{len(report.errors)} article(s) could not be processed (listed above)", code=1)


@app.command()
@_one_line_errors
def deliver(
    loop: bool = typer.Option(False, "--loop", help="keep delivering as alerts fall due, until stopped"),
) -> None:
    """Deliver the alerts that are due now (retries included), within the watch's delivery budget."""
    from flows.deliver import deliver_loop
    from flows.steps import deliver_outbox

    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        if loop:
            deliver_loop(rt, on_pass=lambda r: render.drain(console, r) if r.delivered or r.failed else None)
            return
        report = deliver_outbox(rt)
    except KeyboardInterrupt:
        return
    finally:
        rt.close()
    render.drain(out, report)
    if report.failed:
        raise typer.Exit(1)


@baseline_app.command("build")
@_one_line_errors
def baseline_build(
    force: bool = typer.Option(False, "--force", help="rebuild from the seed documents, forgetting accepted changes"),
) -> None:
    """Build the baseline from the seed documents (once; --force to start over)."""
    from flows.steps import ensure_baseline

    settings, watch = _load()
    rt = _runtime(settings, watch, adopt_watch=force)  # --force: this database now serves the changed watch
    try:
        state = ensure_baseline(rt, rebuild=force)
    finally:
        rt.close()
    render.baseline(out, state, watch)


@baseline_app.command("show")
@_one_line_errors
def baseline_show() -> None:
    """Show what is known: tracked quantities with their history, assets, actors."""
    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        state = rt.store.load_state()
    finally:
        rt.close()
    if state is None:
        _fail("no baseline yet: run `claimwatch baseline build` (or `claimwatch run`)")
    render.baseline(out, state, watch)


@alerts_app.command("list")
@_one_line_errors
def alerts_list(
    status: str | None = typer.Option(None, "--status", help=f"one of: {', '.join(OUTBOX_STATUSES)}"),
    limit: int = typer.Option(50, "--limit", min=1, help="show the newest N rows"),
    show_all: bool = typer.Option(False, "--all", help="show every row"),
) -> None:
    """Show the outbox: pending, failed and delivered alerts per route, newest last."""
    if status is not None and status not in OUTBOX_STATUSES:
        _fail(f"unknown status {status!r}: use one of {', '.join(OUTBOX_STATUSES)}")
    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        entries = rt.store.list_outbox(status)
    finally:
        rt.close()
    shown = entries if show_all else entries[-limit:]
    render.outbox(out, shown)
    if len(shown) < len(entries):
        console.print(f"showing the newest {len(shown)} of {len(entries)} rows: --limit N or --all for more")


def _state(rt: Runtime) -> KnownState:
    """The known state, built from the seed documents first when the database has none yet."""
    from flows.steps import ensure_baseline

    return ensure_baseline(rt)


@app.command()
@_one_line_errors
def board(
    newest: int = typer.Option(10, "--newest", min=0, help="deployments, actors and statements to list (0: all)"),
) -> None:
    """The situation board: each tracked quantity (baseline, now, last change, sources), then the newest
    deployments, actors and statements with where they were first seen."""
    from flows.views import load_board

    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        view = load_board(rt.store, watch, _state(rt), newest)
    finally:
        rt.close()
    render.board(out, view)


@app.command()
@_one_line_errors
def report(
    out_path: Path = typer.Option(Path("report.html"), "--out", dir_okay=False, help="the HTML file to write"),
) -> None:
    """One self-contained HTML file (opens offline): a chart per tracked quantity, the alert log, actors and
    deployments with first-seen evidence and links."""
    from flows.report import report_html
    from flows.views import alert_log, load_board

    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        view = load_board(rt.store, watch, _state(rt), newest=0)
        log = alert_log(rt.store.list_outbox())
        now = rt.now()
    finally:
        rt.close()
    start = datetime.combine(watch.baseline_date, time.min, tzinfo=UTC)
    try:
        out_path.write_text(report_html(view, log, now, start), encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write the report to {out_path}: {exc.strerror or exc}")
    console.print(f"report written to {out_path} ({out_path.stat().st_size:,} bytes)")


@app.command("export")
@_one_line_errors
def export_cmd(
    kind: str = typer.Argument(..., help="readings (every report of a tracked quantity) or alerts"),
    fmt: str = typer.Option("csv", "--format", help="csv or jsonl"),
    out_path: Path | None = typer.Option(None, "--out", dir_okay=False, help="file to write (default: stdout)"),
) -> None:
    """Export readings or alerts for analysts, as CSV or JSON lines."""
    from flows.views import EXPORT_FORMATS, EXPORT_KINDS, export

    if kind not in EXPORT_KINDS:
        _fail(f"unknown export {kind!r}: use one of {', '.join(EXPORT_KINDS)}")
    if fmt not in EXPORT_FORMATS:
        _fail(f"unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        try:
            sink = out_path.open("w", encoding="utf-8", newline="") if out_path else sys.stdout
        except OSError as exc:
            _fail(f"cannot write the export to {out_path}: {exc.strerror or exc}")
        try:
            rows = export(rt.store, watch, _state(rt), kind, fmt, sink)
        finally:
            if out_path:
                sink.close()
    finally:
        rt.close()
    console.print(f"exported {rows} {kind}" + (f" → {out_path}" if out_path else ""))


@alerts_app.command("test")
@_one_line_errors
def alerts_test(route: str | None = typer.Option(None, "--route", help="only this route")) -> None:
    """Send a test message to each configured route now (bypasses the outbox)."""
    from flows.local import send_test_alert

    settings, watch = _load()
    if route is not None and route not in watch.route_names:
        _fail(f"no route {route!r} in {settings.watch_file}; known routes: {', '.join(watch.route_names) or '(none)'}")
    rt = _runtime(settings, watch)
    try:
        results = send_test_alert(rt, route)
    finally:
        rt.close()
    if not results:
        _fail('no route has a URL: set CLAIMWATCH_ALERT_URLS=\'{"email": "mailto://…"}\' or a Prefect Secret')
    for name, (ok, error) in results.items():
        detail = f": {escape(redact(error))}" if error else ""
        out.print(f"{'[green]sent[/green]' if ok else '[red]failed[/red]'} {name}{detail}", soft_wrap=True)
    if not all(ok for ok, _ in results.values()):
        raise typer.Exit(1)


@alerts_app.command("release")
@_one_line_errors
def alerts_release(
    all_: bool = typer.Option(False, "--all", help="every alert held by `backfill --no-deliver`"),
    key: list[str] = typer.Option([], "--key", help="the alert key to release (repeatable; see `alerts list`)"),
) -> None:
    """Make alerts held by `backfill --no-deliver` deliverable (the next delivery pass sends them)."""
    if all_ == bool(key):
        _fail("name what to release: --all, or --key KEY (repeatable)")
    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        released = rt.store.release_held(rt.now(), None if all_ else list(key))
    finally:
        rt.close()
    out.print(f"released {released} held alert deliveries; `claimwatch deliver` (or the running monitor) sends them")
    if key and not released:
        raise typer.Exit(1)


@app.command()
@_one_line_errors
def feeds() -> None:
    """Show every feed's health at a glance: status, last success, errors, backoff, cadence."""
    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        rt.store.upsert_feeds([(f.url, f.name) for f in watch.feeds])
        states = rt.store.feed_states()
        now = rt.now()
    finally:
        rt.close()
    render.feed_health(out, states, now)


@app.command()
@_one_line_errors
def health(
    max_age: int | None = typer.Option(
        None, "--max-age", min=1, help="seconds; default: twice the monitor interval in watch.yaml"
    ),
) -> None:
    """Whether the monitor's last cycle ran, when, and how it ended. Exit 0 healthy, 1 not (for monitoring)."""
    from datetime import timedelta

    from flows.cycle import judge_health

    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        last = rt.store.last_cycle()
        now = rt.now()
    finally:
        rt.close()
    limit = timedelta(seconds=max_age or 2 * watch.schedule.interval_seconds)
    ok, line = judge_health(last, now, limit)
    out.print(line)
    if not ok:
        raise typer.Exit(1)


@app.command()
@_one_line_errors
def demo() -> None:
    """Replay the bundled sample feed from a local server through the whole pipeline and show the alerts."""
    from flows.demo import run_demo

    settings, _watch = _load()
    run_demo(settings, out, console)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
