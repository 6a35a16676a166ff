"""The project's own log records (loggers `claimwatch.*`) in the Prefect run they happen in.

Without this a failing feed or a route without URL is logged to the worker's console only, and the run's
page in the UI shows nothing. Prefect's `PREFECT_LOGGING_EXTRA_LOGGERS` does the same but has to be set in
every worker's environment; attaching the handler here works wherever the flow runs.
"""

from __future__ import annotations

import logging

from prefect.context import FlowRunContext, TaskRunContext
from prefect.logging.handlers import APILogHandler

PROJECT_LOGGER = "claimwatch"


def _in_a_run(_record: logging.LogRecord) -> bool:
    """Records outside a flow or task run (the CLI, `serve`'s loop) stay on the console only."""
    return FlowRunContext.get() is not None or TaskRunContext.get() is not None


def route_project_logs() -> None:
    """Attach Prefect's API log handler to the `claimwatch` logger once (INFO and up)."""
    logger = logging.getLogger(PROJECT_LOGGER)
    if not any(isinstance(h, APILogHandler) for h in logger.handlers):
        handler = APILogHandler()
        handler.addFilter(_in_a_run)
        logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
