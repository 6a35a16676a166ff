"""The `deliver` flow: flush the outbox (due alerts, retries, digests) between monitor cycles, so an alert
whose first attempt failed does not wait a whole monitor interval for its retry."""

from __future__ import annotations

from prefect import flow, get_run_logger

from config.settings import Settings
from flows import steps
from flows.prefect_logs import route_project_logs
from flows.runtime import open_runtime
from flows.secrets import prefect_secret_lookup


@flow(name="deliver")
def deliver_flow() -> dict[str, int]:
    """Send what the outbox has due; leases keep two drains from sending the same row."""
    route_project_logs()
    rt = open_runtime(Settings(), secret_lookup=prefect_secret_lookup)
    try:
        report = steps.deliver_outbox(rt)
    finally:
        rt.close()
    get_run_logger().info("delivered %d, failed %d", report.delivered, report.failed)
    return {"delivered": report.delivered, "failed": report.failed}
