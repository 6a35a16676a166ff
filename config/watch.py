"""The watch definition (`watch.yaml`): a validated pydantic model. Unknown keys are errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from config import BASELINE_DIR, DEFAULT_WATCH_FILE

Severity = Literal["low", "medium", "high", "critical"]
SEVERITY_ORDER: dict[str, int] = {"low": 0, "medium": 1, "high": 2, "critical": 3}


class WatchConfigError(ValueError):
    """watch.yaml is missing, not YAML, or has a wrong key or value (the message names it)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedConfig(_Strict):
    url: str
    name: str = ""
    # seconds between polls of this feed; default: the monitor's interval (schedule.interval_seconds)
    interval_seconds: int | None = Field(default=None, ge=60)

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError(f"feed url must be http(s): {v!r}")
        return v


class TrackConfig(_Strict):
    name: str
    label: str = ""  # short name for alert headlines ("Boat strike deaths"); default: from `name`
    kind: Literal["killed", "wounded", "personnel", "strikes", "ships", "aircraft", "weapons", "money", "distance"]
    description: str
    keywords: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    scope: Literal["cumulative", "event"] | None = None
    baseline: float | None = None  # documentation only: the baseline is built from the seed documents

    @property
    def headline(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


class RouteConfig(_Strict):
    name: str
    min_severity: Severity = "low"
    tags: list[str] = Field(default_factory=list)  # alert types or track names; empty = all
    secret: str | None = None  # Prefect Secret block holding the apprise URL


class DigestConfig(_Strict):
    enabled: bool = True
    max_severity: Severity = "low"
    interval_minutes: int = Field(default=60, ge=1)


class QuietHoursConfig(_Strict):
    enabled: bool = False
    timezone: str = "UTC"
    start: dt.time = dt.time(22, 0)
    end: dt.time = dt.time(7, 0)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {v!r}") from exc
        return v


_DEFAULT_SEVERITY: dict[str, Severity] = {
    "figure_changed": "high",
    "new_deployment": "medium",
    "new_actor": "low",
    "new_statement": "low",
}


class AlertsConfig(_Strict):
    severity: dict[str, Severity] = Field(default_factory=lambda: dict(_DEFAULT_SEVERITY))
    track_severity: dict[str, Severity] = Field(default_factory=dict)
    new_actor_min_sources: int = Field(default=2, ge=1)
    routes: list[RouteConfig] = Field(default_factory=list)
    digest: DigestConfig = Field(default_factory=DigestConfig)
    quiet_hours: QuietHoursConfig = Field(default_factory=QuietHoursConfig)


class ScheduleConfig(_Strict):
    """How often the monitor runs (prefect.yaml's `monitor` interval and `serve`'s default must match it)."""

    interval_seconds: int = Field(default=900, ge=60)
    # a run that starts this much after its scheduled time is stale (the worker was down): it is skipped
    max_lateness_seconds: int | None = Field(default=None, ge=1)  # default: one interval

    @property
    def lateness_limit(self) -> int:
        return self.max_lateness_seconds or self.interval_seconds


class CycleConfig(_Strict):
    """Bounds on one monitor cycle's work, so a huge feed or a dead route cannot stall the monitor."""

    max_new_items_per_feed: int = Field(default=50, ge=1)  # the rest are fetched in the next cycles
    fetch_workers: int = Field(default=8, ge=1)  # pages fetched in parallel (the HTTP client limits each host)
    delivery_timeout_seconds: float = Field(default=15.0, gt=0)  # one send to one route
    # A claimed alert is leased for timeout + margin, and one whose send timed out waits as long before a retry:
    # the receiver may still be working on it.
    delivery_lease_margin_seconds: float = Field(default=30.0, ge=0)
    delivery_budget_seconds: float = Field(default=60.0, gt=0)  # a drain stops claiming after this
    route_concurrency: int = Field(default=2, ge=1)  # sends in flight per route
    deliver_loop_seconds: float = Field(default=30.0, gt=0)  # the delivery loop's longest sleep


class WatchConfig(_Strict):
    name: str
    title: str = ""
    baseline_date: dt.date
    baseline_documents: list[str]
    feeds: list[FeedConfig] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    tracks: list[TrackConfig] = Field(default_factory=list)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    cycle: CycleConfig = Field(default_factory=CycleConfig)

    def feed_interval(self, url: str) -> int:
        """Seconds between polls of the feed at `url`: its own interval, else the monitor's."""
        own = next((f.interval_seconds for f in self.feeds if f.url == url), None)
        return own or self.schedule.interval_seconds

    def baseline_paths(self, base: Path = BASELINE_DIR) -> list[Path]:
        return [base / name for name in self.baseline_documents]

    def track(self, name: str) -> TrackConfig | None:
        return next((t for t in self.tracks if t.name == name), None)


def load_watch(path: Path | str = DEFAULT_WATCH_FILE) -> WatchConfig:
    """Read and validate watch.yaml; every problem is reported with the key that has it."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise WatchConfigError(f"{path}: no such watch file") from exc
    except yaml.YAMLError as exc:
        raise WatchConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise WatchConfigError(f"{path}: expected a mapping at the top level")
    try:
        watch = WatchConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise WatchConfigError(f"{path}: {problems}") from exc
    missing = [p.name for p in watch.baseline_paths(path.parent / "baseline") if not p.exists()]
    if missing:
        raise WatchConfigError(f"{path}: baseline_documents: not found in baseline/: {', '.join(missing)}")
    return watch
