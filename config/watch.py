"""The watch definition (`watch.yaml`): a validated pydantic model. Unknown keys are errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

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
    "corroborated": "low",  # low: waits for the digest by default
}


class CorroborationConfig(_Strict):
    """A follow-up when later independent sources report an alerted figure or asset again."""

    enabled: bool = True
    # the independent-source counts that send an update: 2 = "now rests on two outlets"
    at_sources: list[int] = Field(default_factory=lambda: [2, 3, 5])

    @field_validator("at_sources")
    @classmethod
    def _above_one(cls, v: list[int]) -> list[int]:
        if any(n < 2 for n in v):
            raise ValueError("counts must be 2 or more (one source is the alert itself)")
        return sorted(set(v))


class BaselineSource(_Strict):
    """Who published a seed document and when: alerts name the baseline by it, not by its file name."""

    outlet: str
    published: dt.date | None = None
    url: str | None = None


class AlertsConfig(_Strict):
    severity: dict[str, Severity] = Field(default_factory=lambda: dict(_DEFAULT_SEVERITY))
    track_severity: dict[str, Severity] = Field(default_factory=dict)
    new_actor_min_sources: int = Field(default=2, ge=1)
    routes: list[RouteConfig] = Field(default_factory=list)
    digest: DigestConfig = Field(default_factory=DigestConfig)
    quiet_hours: QuietHoursConfig = Field(default_factory=QuietHoursConfig)
    corroboration: CorroborationConfig = Field(default_factory=CorroborationConfig)

    def severity_of(self, alert_type: str) -> Severity:
        """The configured severity of an alert type; a type the config leaves out keeps its default."""
        return self.severity.get(alert_type) or _DEFAULT_SEVERITY.get(alert_type, "low")


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


class FigureLimits(_Strict):
    """The largest believable value per figure kind: a figure above it (a typo, a 400-digit number, a unit
    misread) is rejected with a warning, never stored nor alerted. Override per kind in watch.yaml."""

    killed: float = Field(default=1e6, gt=0)
    wounded: float = Field(default=1e6, gt=0)
    personnel: float = Field(default=1e7, gt=0)
    strikes: float = Field(default=1e5, gt=0)
    ships: float = Field(default=1e4, gt=0)
    aircraft: float = Field(default=1e4, gt=0)
    weapons: float = Field(default=1e7, gt=0)
    money: float = Field(default=1e13, gt=0)  # USD; more than any state's yearly budget
    distance: float = Field(default=1e5, gt=0)  # km or miles: two and a half times round the Earth

    def limit(self, kind: str) -> float:
        return float(getattr(self, kind, 0.0))


_ALERT_TYPES = ("figure_changed", "new_deployment", "new_actor", "new_statement", "corroborated", "digest")


class WatchConfig(_Strict):
    name: str
    title: str = ""
    baseline_date: dt.date
    baseline_documents: list[str]
    baseline_sources: dict[str, BaselineSource] = Field(default_factory=dict)  # file name → outlet and date
    feeds: list[FeedConfig] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    tracks: list[TrackConfig] = Field(default_factory=list)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    cycle: CycleConfig = Field(default_factory=CycleConfig)
    figure_limits: FigureLimits = Field(default_factory=FigureLimits)

    @model_validator(mode="after")
    def _known_names(self) -> WatchConfig:
        # a misspelt route, track or alert type would otherwise be silently ignored
        tracks = [t.name for t in self.tracks]
        routes = [r.name for r in self.alerts.routes]
        problems = [
            f"alerts.routes: route {n!r} is defined twice" for n in sorted({n for n in routes if routes.count(n) > 1})
        ]
        problems += [f"alerts.severity: unknown alert type {k!r} (known: {', '.join(_ALERT_TYPES)})"
                     for k in self.alerts.severity if k not in _ALERT_TYPES]  # fmt: skip
        problems += [f"alerts.track_severity: unknown track {k!r} (tracks: {', '.join(tracks)})"
                     for k in self.alerts.track_severity if k not in tracks]  # fmt: skip
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def feed_interval(self, url: str) -> int:
        """Seconds between polls of the feed at `url`: its own interval, else the monitor's."""
        own = next((f.interval_seconds for f in self.feeds if f.url == url), None)
        return own or self.schedule.interval_seconds

    def baseline_paths(self, base: Path = BASELINE_DIR) -> list[Path]:
        return [base / name for name in self.baseline_documents]

    @model_validator(mode="after")
    def _sources_of_known_documents(self) -> WatchConfig:
        unknown = sorted(set(self.baseline_sources) - set(self.baseline_documents))
        if unknown:
            raise ValueError(f"baseline_sources names documents not in baseline_documents: {', '.join(unknown)}")
        return self

    def baseline_label(self, document: str) -> str:
        """A seed document as an editor knows it: "Newser, 2025-10-31"; its file name when undescribed."""
        source = self.baseline_sources.get(document)
        if source is None:
            return document
        return f"{source.outlet}, {source.published.isoformat()}" if source.published else source.outlet

    def track(self, name: str) -> TrackConfig | None:
        return next((t for t in self.tracks if t.name == name), None)

    def fingerprint(self) -> str:
        """What a database is built for: the watch's name and its tracked quantities (name:kind)."""
        tracks = ", ".join(sorted(f"{t.name}:{t.kind}" for t in self.tracks))
        return f"watch {self.name!r} with tracks [{tracks}]"

    @property
    def route_names(self) -> list[str]:
        return [r.name for r in self.alerts.routes]


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
