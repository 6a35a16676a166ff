"""prefect.yaml and `claimwatch serve` describe flows that exist, with the schedule and limits we promise."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _load_entrypoint(entrypoint: str) -> object:
    path, name = entrypoint.split(":")
    spec = importlib.util.spec_from_file_location(Path(path).stem, ROOT / path)
    assert spec and spec.loader, entrypoint
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def test_prefect_yaml_entrypoints_are_flows() -> None:
    from prefect import Flow

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == {"monitor", "backfill", "deliver"}
    for deployment in deployments.values():
        assert isinstance(_load_entrypoint(deployment["entrypoint"]), Flow)
    monitor = deployments["monitor"]
    assert monitor["schedules"][0]["interval"] > 0
    assert monitor["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    assert "schedules" not in deployments["backfill"]  # operator-triggered only


def test_backfill_flow_parameters_cover_every_source() -> None:
    from flows.backfill import backfill_flow

    params = set(backfill_flow.parameters.properties)
    assert {"jsonl", "urls", "since", "until", "alerts_jsonl", "deliver", "resend"} <= params


def test_prefect_yaml_needs_no_variable_and_follows_watch_yaml() -> None:
    """The interval lives in watch.yaml; prefect.yaml repeats it (Prefect cannot read our config)."""
    from config.watch import load_watch

    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    monitor = next(d for d in config["deployments"] if d["name"] == "monitor")
    assert monitor["schedules"][0]["interval"] == load_watch().schedule.interval_seconds
    assert "pull" not in config  # `prefect deploy` records the checkout it runs in
    assert "{{" not in text  # no template, so no environment variable to set before deploying
