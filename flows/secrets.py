"""Route URLs from Prefect Secret blocks (the watchers take a plain lookup function, never Prefect)."""

from __future__ import annotations

import logging

log = logging.getLogger("claimwatch.secrets")


def prefect_secret_lookup(name: str) -> str | None:
    """The value of the Prefect Secret block `name`, or None when there is none (never logged)."""
    from prefect.blocks.system import Secret

    try:
        value = Secret.load(name).get()  # type: ignore[union-attr]
    except (ValueError, RuntimeError) as exc:  # no such block / no API
        log.debug("no Prefect secret %r: %s", name, type(exc).__name__)
        return None
    return str(value) if value else None
