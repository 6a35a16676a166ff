"""The `backfill` flow: the operator's manual runs (a JSONL file, a list of URLs, or stored items in a date
range), deployed without a schedule. The work is `flows.backfill_core`.

With `batches` > 1 the run splits the request into that many contiguous parts and starts one run of the same
deployment per part (`part=k`), which any worker of the pool picks up: each fetches, extracts and stores its
articles with their claims (the expensive part, in parallel). When all have finished, this run assesses every
article in order of publication against the known state, so the state comes out as from one serial run. The
parent waits for its parts: a pool needs a free slot besides the parent's (two workers, or `--limit 2`).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.runtime import deployment, flow_run

from config.settings import Settings
from flows.backfill_core import BackfillReport, BackfillRequest, finish_backfill, prepare_part, run_backfill
from flows.prefect_logs import route_project_logs
from flows.runtime import open_runtime
from flows.secrets import prefect_secret_lookup

DEFAULT_DEPLOYMENT = "backfill/backfill"  # the parts' deployment when the parent runs outside one (the CLI)
POLL_SECONDS = 2.0


@flow(name="backfill")
def backfill_flow(
    jsonl: str | None = None,
    urls: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    alerts_jsonl: str | None = None,
    deliver: bool = True,
    resend: bool = False,
    batches: int = 1,
    part: int | None = None,
    backfill_id: str | None = None,
) -> dict[str, int]:
    """Process the articles an operator names (file, URLs or a date range of stored items); `batches` > 1
    spreads the fetching and extraction over the pool's workers (`part`/`backfill_id`: set by the parent)."""
    route_project_logs()
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
    if batches < 1:
        raise ValueError(f"batches must be at least 1, got {batches}")
    rt = open_runtime(Settings(), secret_lookup=prefect_secret_lookup)
    try:
        if part is not None:  # one part of a split backfill: prepare it and stop
            if backfill_id is None:
                raise ValueError("a backfill part needs the backfill_id its parent gave")
            prepared = prepare_part(rt, req, backfill_id, part, batches)
            logger.info("part %d/%d of %s: %d articles prepared", part + 1, batches, req.describe(), prepared)
            return {"prepared": prepared}
        logger.info("backfill of %s in %d part(s)", req.describe(), batches)
        progress = lambda done, total: logger.info("assessed %d/%d", done, total)  # noqa: E731
        if batches == 1:
            report = run_backfill(rt, req, progress=progress)
        else:
            split_id = str(flow_run.id or "") or f"cli-{time.time_ns()}"
            run_parts(req, split_id, batches, jsonl, urls, since, until)
            report = finish_backfill(rt, req, split_id, batches, progress=progress)
    finally:
        rt.close()
    return _summarize(req, report)


def run_parts(
    req: BackfillRequest,
    split_id: str,
    batches: int,
    jsonl: str | None,
    urls: list[str] | None,
    since: date | None,
    until: date | None,
) -> None:
    """Start one deployment run per part (they are this run's subflows in the UI) and wait for all of them."""
    logger = get_run_logger()
    name = f"{flow_run.flow_name}/{deployment.name}" if deployment.id else DEFAULT_DEPLOYMENT
    common = {"jsonl": jsonl, "urls": urls, "since": since, "until": until, "deliver": req.deliver}
    runs = [
        run_deployment(
            name,
            parameters={**common, "batches": batches, "part": k, "backfill_id": split_id},
            timeout=0,  # start them all, then wait below
            flow_run_name=f"backfill-part-{k + 1}-of-{batches}",
        )
        for k in range(batches)
    ]
    logger.info("started %d parts on %s", len(runs), name)
    pending = {r.id for r in runs}  # type: ignore[union-attr]
    failed: list[str] = []
    with get_client(sync_client=True) as client:
        while pending:
            time.sleep(POLL_SECONDS)
            for run_id in list(pending):
                state = client.read_flow_run(run_id).state
                if state is not None and state.is_final():
                    pending.discard(run_id)
                    if not state.is_completed():
                        failed.append(f"{run_id}: {state.type.value} {state.message or ''}".strip())
    if failed:
        raise RuntimeError(f"{len(failed)} backfill part(s) did not complete: " + "; ".join(failed))


def _summarize(req: BackfillRequest, report: BackfillReport) -> dict[str, int]:
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
