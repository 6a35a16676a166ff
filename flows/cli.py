"""The `claimwatch` command line. Commands that need no orchestration never import Prefect."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from config.settings import Settings
from config.watch import WatchConfig, WatchConfigError, load_watch
from flows import render

app = typer.Typer(
    help="claimwatch: watch the news on a developing situation and alert when the facts change.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
baseline_app = typer.Typer(help="Build or show the baseline (the seed documents plus every accepted change).")
alerts_app = typer.Typer(help="Inspect the alert outbox, or send a test alert.")
app.add_typer(baseline_app, name="baseline")
app.add_typer(alerts_app, name="alerts")
console = Console(stderr=True)
out = Console()


def _fail(message: str) -> NoReturn:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _load() -> tuple[Settings, WatchConfig]:
    settings = Settings()
    try:
        return settings, load_watch(settings.watch_file)
    except WatchConfigError as exc:
        _fail(str(exc))


def _runtime(settings: Settings, watch: WatchConfig, **kwargs: object):  # type: ignore[no-untyped-def]
    from flows.runtime import open_runtime

    try:
        return open_runtime(settings, watch=watch, **kwargs)  # type: ignore[arg-type]
    except Exception as exc:  # a bad database URL or an unreachable server: say so in one line
        _fail(f"cannot open the database {settings.resolved_database_url()!r}: {type(exc).__name__}: {exc}")


@app.command()
def extract(
    articles: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL: id, url, title, text|html"),
    out_path: Path | None = typer.Option(None, "--out", help="where to write the claims JSONL (default: stdout)"),
    with_text: bool = typer.Option(False, "--with-text", help='add the extracted body as "text"'),
) -> None:
    """Extract the claims of each article (no database, no Prefect)."""
    from watchers.claims import ClaimExtractor
    from watchers.claims.learned import load_models
    from watchers.jsonl import ArticleFileError, read_articles
    from watchers.models import claim_to_json

    settings, watch = _load()
    baseline = [p.read_text(encoding="utf-8") for p in watch.baseline_paths(settings.watch_file.parent / "baseline")]
    extractor = ClaimExtractor(watch, baseline, models=load_models(settings.claim_weights_dir))
    sink = out_path.open("w", encoding="utf-8") if out_path else sys.stdout
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
        if out_path:
            sink.close()
    console.print(f"extracted claims from {count} articles" + (f" → {out_path}" if out_path else ""))


@app.command()
def run(
    local: bool = typer.Option(False, "--local", help="run the steps directly, without Prefect"),
) -> None:
    """Run one monitor cycle: migrate, build the baseline if needed, poll, fetch, extract, diff, alert."""
    settings, watch = _load()
    if local:
        from flows.cycle import record_cycle
        from flows.local import run_cycle_locally

        rt = _runtime(settings, watch)
        try:
            summary = run_cycle_locally(rt)
            record_cycle(rt, summary)
        finally:
            rt.close()
    else:
        from flows.runtime import prepare_prefect_env

        prepare_prefect_env(settings)
        from prefect.settings import PREFECT_API_URL

        if api_url := PREFECT_API_URL.value():
            console.print(f"[dim]using the Prefect API at {api_url}[/dim]")
        else:
            console.print("[dim]no PREFECT_API_URL: starting Prefect's local ephemeral API (10–20 s)…[/dim]")
        from flows.monitor import EveryFeedFailed, monitor_flow

        try:
            result = monitor_flow()
        except EveryFeedFailed as exc:
            console.print(f"[red]cycle failed:[/red] {exc}")
            raise typer.Exit(1) from exc
        if result is None:
            console.print("skipped: the run started too long after its scheduled time")
            return
        summary = result
    render.cycle_summary(out, summary)


@app.command()
def serve(
    interval: int | None = typer.Option(
        None, "--interval", min=60, help="seconds between monitor cycles (default: schedule in watch.yaml)"
    ),
    limit: int = typer.Option(2, "--limit", min=1, help="at most this many flow runs at once (with a server)"),
) -> None:
    """Run the monitor on a schedule until stopped: for unattended servers (see README: Deploying)."""
    settings, watch = _load()
    from flows.runtime import prepare_prefect_env

    prepare_prefect_env(settings)
    from flows.serve import serve as serve_flows

    serve_flows(interval or watch.schedule.interval_seconds, limit)


@app.command()
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
        from_jsonl, tuple(urls), start, end, alerts_jsonl, not (no_deliver or dry_run), resend, dry_run
    )
    settings, watch = _load()
    if batches > 1 and not prefect:
        _fail("--batches spreads the parts over a Prefect work pool: add --prefect (and PREFECT_API_URL)")
    if prefect and dry_run:
        _fail("--dry-run runs in this process only (drop --prefect)")
    if prefect:
        from flows.runtime import prepare_prefect_env

        prepare_prefect_env(settings)
        from flows.backfill import backfill_flow

        counts = backfill_flow(
            jsonl=str(from_jsonl) if from_jsonl else None,
            urls=urls or None,
            since=start,
            until=end,
            alerts_jsonl=str(alerts_jsonl) if alerts_jsonl else None,
            deliver=not no_deliver,
            resend=resend,
            batches=batches,
        )
        out.print(counts)
        return
    from flows.backfill_core import run_backfill

    rt = _runtime(settings, watch, migrate=not dry_run)
    try:
        with render.progress(console, f"backfill of {req.describe()}") as advance:
            report = run_backfill(rt, req, progress=advance)
    finally:
        rt.close()
    render.backfill_report(out, report, req)


@app.command()
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
def baseline_build(
    force: bool = typer.Option(False, "--force", help="rebuild from the seed documents, forgetting accepted changes"),
) -> None:
    """Build the baseline from the seed documents (once; --force to start over)."""
    from flows.steps import ensure_baseline

    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        state = ensure_baseline(rt, rebuild=force)
    finally:
        rt.close()
    render.baseline(out, state, watch)


@baseline_app.command("show")
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
def alerts_list(
    status: str | None = typer.Option(None, "--status", help="pending, sending, failed, delivered or held"),
    limit: int = typer.Option(50, "--limit", min=1),
) -> None:
    """Show the outbox: pending, failed and delivered alerts per route."""
    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        entries = rt.store.list_outbox(status)
    finally:
        rt.close()
    render.outbox(out, entries[:limit])


@alerts_app.command("test")
def alerts_test(route: str | None = typer.Option(None, "--route", help="only this route")) -> None:
    """Send a test message to each configured route now (bypasses the outbox)."""
    from flows.local import send_test_alert

    settings, watch = _load()
    rt = _runtime(settings, watch)
    try:
        results = send_test_alert(rt, route)
    finally:
        rt.close()
    if not results:
        _fail('no route has a URL: set CLAIMWATCH_ALERT_URLS=\'{"email": "mailto://…"}\' or a Prefect Secret')
    for name, (ok, error) in results.items():
        out.print(f"{'[green]sent[/green]' if ok else '[red]failed[/red]'} {name}" + (f": {error}" if error else ""))
    if not all(ok for ok, _ in results.values()):
        raise typer.Exit(1)


@alerts_app.command("release")
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
def demo() -> None:
    """Replay the bundled sample feed from a local server through the whole pipeline and show the alerts."""
    from flows.demo import run_demo

    settings, _watch = _load()
    run_demo(settings, out, console)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
