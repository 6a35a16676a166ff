"""The `deliver` Prefect flow (prefect.yaml, every minute): one pass of the delivery loop, so an alert whose
first attempt failed does not wait a whole monitor interval for its retry. Leases keep it from sending a row
that a monitor run's drain holds."""

from __future__ import annotations

from prefect import flow, get_run_logger

from config.settings import Settings
from flows.deliver import deliver_loop
from flows.prefect_logs import route_project_logs
from flows.runtime import open_runtime
from flows.secrets import prefect_secret_lookup


@flow(name="deliver")
def deliver_flow() -> int:
    """Send what the outbox has due now; returns how many alerts went out."""
    route_project_logs()
    rt = open_runtime(Settings(), secret_lookup=prefect_secret_lookup)
    try:
        delivered = deliver_loop(rt, max_passes=1)
    finally:
        rt.close()
    get_run_logger().info("delivered %d alerts", delivered)
    return delivered
