"""Alert messages: what changed, the sentence, the source, and a key that names the change itself.

The key hashes the change (type + track and new value, or the normalized asset/actor/quote) and the
watch, never the article: the same change read in two articles is one alert.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from config.watch import SEVERITY_ORDER, WatchConfig
from watchers.models import ActorClaim, Alert, ClaimDiff, DeploymentClaim, FigureClaim, Severity, StatementClaim

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def fold(text: str) -> str:
    """Accent-free, case-free words: how names and quotes are compared for identity."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _change_identity(diff: ClaimDiff) -> str:
    claim = diff.claim
    if isinstance(claim, FigureClaim):
        new = diff.new if diff.new is not None else claim.value
        return f"{diff.track or claim.kind + ':' + fold(claim.subject)}|{float(new)!r}"
    if isinstance(claim, DeploymentClaim):
        return fold(claim.asset)
    if isinstance(claim, ActorClaim):
        return fold(claim.name)
    return f"{fold(claim.speaker)}|{fold(claim.quote)}"


def alert_key(diff: ClaimDiff, watch_name: str) -> str:
    raw = f"{watch_name}|{diff.type}|{_change_identity(diff)}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def alert_severity(diff: ClaimDiff, watch: WatchConfig) -> Severity:
    """The track's own severity wins over the alert type's; unknown types are low."""
    alerts = watch.alerts
    if diff.track and diff.track in alerts.track_severity:
        return alerts.track_severity[diff.track]
    return alerts.severity.get(diff.type, "low")


def _figure_headline(diff: ClaimDiff, watch: WatchConfig) -> str:
    claim = diff.claim
    assert isinstance(claim, FigureClaim)
    track = watch.track(diff.track) if diff.track else None
    # a short label in the headline (the track's name); its full description goes into the facts
    label = track.headline if track else (diff.track or claim.kind).replace("_", " ").capitalize()
    new = diff.new if diff.new is not None else claim.value
    unit = f" {claim.unit}" if claim.unit else ""
    if diff.old is None:
        return f"{label}: first figure {_num(new)}{unit}"
    return f"{label}: {_num(diff.old)} → {_num(new)}{unit} ({new - diff.old:+,g})"


def _deployment_headline(diff: ClaimDiff, watch: WatchConfig) -> str:
    claim = diff.claim
    assert isinstance(claim, DeploymentClaim)
    side = f", {claim.side}" if claim.side else ""
    return f"New deployment: {claim.asset} ({claim.category}{side})"


def _actor_headline(diff: ClaimDiff, watch: WatchConfig) -> str:
    claim = diff.claim
    assert isinstance(claim, ActorClaim)
    return f"New actor: {claim.name} ({claim.category})"


def _statement_headline(diff: ClaimDiff, watch: WatchConfig) -> str:
    claim = diff.claim
    assert isinstance(claim, StatementClaim)
    quote = claim.quote if len(claim.quote) <= 90 else claim.quote[:87].rstrip() + "…"
    return f"New statement by {claim.speaker}: “{quote}”"


_HEADLINES: dict[str, Callable[[ClaimDiff, WatchConfig], str]] = {
    "figure_changed": _figure_headline,
    "new_deployment": _deployment_headline,
    "new_actor": _actor_headline,
    "new_statement": _statement_headline,
}


def _when(published: datetime | None) -> str:
    return published.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if published else "time unknown"


def _facts(diff: ClaimDiff, severity: Severity, watch: WatchConfig) -> list[tuple[str, str]]:
    """(label, value) lines shared by the markdown and the text body."""
    publisher = diff.source.publisher or urlsplit(diff.source.url).hostname or diff.source.url
    facts: list[tuple[str, str]] = []
    track = watch.track(diff.track) if diff.track else None
    if track:
        facts.append(("Tracks", track.description))
    facts += [
        ("Severity", severity),
        ("Source", f"{publisher}, {_when(diff.source.published)}"),
        ("Independent sources", str(diff.independent_sources)),
    ]
    if diff.baseline_document:
        facts.append(("Differs from baseline", diff.baseline_document))
    facts.append(("Watch", watch.title or watch.name))
    return facts


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_body(headline: str, diff: ClaimDiff, facts: list[tuple[str, str]]) -> str:
    lines = [f"**{escape_markdown(headline)}**", "", f"> {escape_markdown(diff.claim.evidence.sentence)}", ""]
    lines += [f"- {label}: {escape_markdown(value)}" for label, value in facts]
    target = diff.source.url.replace(" ", "%20").replace(")", "%29")
    lines.append(f"- Link: [{escape_markdown(diff.source.url)}]({target})")
    return "\n".join(lines)


def _text_body(headline: str, diff: ClaimDiff, facts: list[tuple[str, str]]) -> str:
    lines = [headline, "", f"“{diff.claim.evidence.sentence}”", ""]
    lines += [f"{label}: {value}" for label, value in facts]
    lines.append(f"Link: {diff.source.url}")
    return "\n".join(lines)


def compose_alert(diff: ClaimDiff, watch: WatchConfig, payload: dict[str, Any]) -> Alert:
    """The alert for one change; `payload` is the public JSON line, carried as it is."""
    severity = alert_severity(diff, watch)
    headline = _HEADLINES[diff.type](diff, watch)
    facts = _facts(diff, severity, watch)
    return Alert(
        key=alert_key(diff, watch.name),
        type=diff.type,
        severity=severity,
        title=headline,
        body_markdown=_markdown_body(headline, diff, facts),
        body_text=_text_body(headline, diff, facts),
        payload=payload,
        tags=(diff.type, diff.track) if diff.track else (diff.type,),
    )


def compose_digest(alerts: list[Alert], watch: WatchConfig, now: datetime) -> Alert:
    """Several waiting alerts as one message; its severity is the highest among them."""
    if not alerts:
        raise ValueError("a digest needs at least one alert")
    severity = max((a.severity for a in alerts), key=SEVERITY_ORDER.__getitem__)
    title = f"{watch.title or watch.name}: {len(alerts)} update{'s' if len(alerts) != 1 else ''} (digest)"
    sections_md = [a.body_markdown for a in alerts]
    sections_text = [a.body_text for a in alerts]
    keys = sorted(a.key for a in alerts)  # with `now`: a later digest of re-sent alerts is a new message
    tags = tuple(dict.fromkeys(["digest", *(t for a in alerts for t in a.tags)]))
    return Alert(
        key=hashlib.sha256("|".join(["digest", watch.name, now.isoformat(), *keys]).encode()).hexdigest()[:32],
        type="digest",
        severity=severity,
        title=title,
        body_markdown=f"**{escape_markdown(title)}**\n\n" + "\n\n---\n\n".join(sections_md),
        body_text=f"{title}\n\n" + "\n\n----\n\n".join(sections_text),
        payload={"type": "digest", "at": now.astimezone(UTC).isoformat(), "alerts": [a.payload for a in alerts]},
        tags=tags,
    )
