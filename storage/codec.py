"""The shared dataclasses to and from JSON-able dicts, exactly (what goes in comes back equal)."""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from datetime import datetime
from typing import Any

from storage.db import utc
from watchers.models import (
    ActorClaim,
    Alert,
    Claim,
    DeploymentClaim,
    Evidence,
    FigureClaim,
    KnownEntity,
    Source,
    StatementClaim,
)

_CLAIM_CLASSES: dict[str, type[Any]] = {
    "figure": FigureClaim,
    "deployment": DeploymentClaim,
    "statement": StatementClaim,
    "actor": ActorClaim,
}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """`asdict` without the explanation, which is for `extract --explain`, not worth storing with every claim:
    left out before converting, as `asdict` would deep-copy it first (most of a backfill's storing time)."""
    return {f.name: _plain(getattr(claim, f.name)) for f in fields(claim) if f.name != "explain"}


def _plain(value: Any) -> Any:
    """What `asdict` makes of a field's value (its leaves here are immutable: no copies needed)."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def claim_from_dict(data: dict[str, Any]) -> Claim:
    fields = dict(data)
    fields.pop("explain", None)
    cls = _CLAIM_CLASSES[fields.pop("type")]
    fields["evidence"] = Evidence(**fields["evidence"])
    if "aliases" in fields:
        fields["aliases"] = tuple(fields["aliases"])
    claim: Claim = cls(**fields)
    return claim


def _time_to_str(value: datetime | None) -> str | None:
    return utc(value).isoformat() if value else None


def _time_from_str(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def source_to_dict(source: Source) -> dict[str, Any]:
    return {**asdict(source), "published": _time_to_str(source.published)}


def source_from_dict(data: dict[str, Any]) -> Source:
    return Source(**{**data, "published": _time_from_str(data.get("published"))})


def entity_first_seen(entity: KnownEntity) -> dict[str, Any] | None:
    return source_to_dict(entity.first_seen) if entity.first_seen else None


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    return {**asdict(alert), "tags": list(alert.tags)}


def alert_from_dict(data: dict[str, Any]) -> Alert:
    return Alert(**{**data, "tags": tuple(data.get("tags", ()))})
