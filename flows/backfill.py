"""The `backfill` flow: the operator's manual runs (a JSONL file, a list of URLs, or stored items in a date
range), deployed without a schedule. The work is `flows.backfill_core.run_backfill`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from config.settings import Settings
from flows.backfill_core import BackfillRequest, run_backfill
from flows.runtime import open_runtime
from flows.secrets import prefect_secret_lookup


@flow(name="backfill")
def backfill_flow(
    jsonl: str | None = None,
    urls: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    alerts_jsonl: str | None = None,
    deliver: bool = True,
    resend: bool = False,
) -> dict[str, int]:
    """Process the articles an operator names (file, URLs or a date range of stored items)."""
    logger = get_run_logger()
    req = BackfillRequest(
        jsonl=Path(jsonl) if jsonl else None,
        urls=tuple(urls or ()),
        since=since,
        until=until,
        alerts_jsonl=Path(alerts_jsonl) if alerts_jsonl else None,
        deliver=deliver,
        resend=resend,
    )
    rt = open_runtime(Settings(), secret_lookup=prefect_secret_lookup)
    try:
        logger.info("backfill of %s", req.describe())
        report = run_backfill(rt, req, progress=lambda done, total: logger.info("processed %d/%d", done, total))
    finally:
        rt.close()
    counts = {
        "articles": report.assessed.articles,
        "relevant": report.assessed.relevant,
        "claims": report.assessed.claims,
        "alerts": len(report.alerts),
        "enqueued": report.assessed.enqueued,
        "delivered": report.delivered,
        "errors": len(report.errors),
    }
    table = "\n".join(f"| {k} | {v} |" for k, v in counts.items())
    create_markdown_artifact(
        f"Backfill of {req.describe()}\n\n| | count |\n|---|---|\n{table}\n", key="backfill-summary"
    )
    return counts
