"""Alert messages: what changed, the sentence, the source, and a key that names the change itself.

The key hashes the change (type + track and new value, or the normalized asset/actor/quote) and the
watch, never the article: the same change read in two articles is one alert.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time
from typing import Any
from urllib.parse import quote, urlsplit

from config.watch import SEVERITY_ORDER, WatchConfig
from watchers.models import (
    ActorClaim,
    Alert,
    ClaimDiff,
    DeploymentClaim,
    FigureClaim,
    Severity,
    Source,
    StatementClaim,
)

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
    if diff.type == "corroborated":  # one update per count reached
        raw += f"|{diff.independent_sources}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def alert_severity(diff: ClaimDiff, watch: WatchConfig) -> Severity:
    """The track's own severity wins over the alert type's (not for corroborations); unknown types are low."""
    alerts = watch.alerts
    if diff.type == "corroborated":  # a follow-up of news already sent: its own (low) severity, whatever the track
        return alerts.severity_of(diff.type)
    if diff.track and diff.track in alerts.track_severity:
        return alerts.track_severity[diff.track]
    return alerts.severity_of(diff.type)


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


def _corroborated_headline(diff: ClaimDiff, watch: WatchConfig) -> str:
    claim = diff.claim
    rests = f"now reported by {diff.independent_sources} independent sources"
    if isinstance(claim, FigureClaim):
        track = watch.track(diff.track) if diff.track else None
        label = track.headline if track else (diff.track or claim.kind).replace("_", " ").capitalize()
        unit = f" {claim.unit}" if claim.unit else ""
        return f"Corroborated: {label} {_num(diff.new if diff.new is not None else claim.value)}{unit}, {rests}"
    what = claim.asset if isinstance(claim, DeploymentClaim) else getattr(claim, "name", "")
    return f"Corroborated: {what}, {rests}"


def corroborated_type(diff: ClaimDiff) -> str:
    """The alert a corroboration follows up: a figure change or a new deployment."""
    return "figure_changed" if isinstance(diff.claim, FigureClaim) else "new_deployment"


_HEADLINES: dict[str, Callable[[ClaimDiff, WatchConfig], str]] = {
    "corroborated": _corroborated_headline,
    "figure_changed": _figure_headline,
    "new_deployment": _deployment_headline,
    "new_actor": _actor_headline,
    "new_statement": _statement_headline,
}


def when_text(published: datetime | None) -> str:
    """A date as its source gave it: "2025-11-04" when only the day is known, else the time in UTC.

    Pages that give only a date come out of extraction at exactly midnight UTC; a real story published at
    00:00:00 UTC to the second is rarer than a date-only page, so midnight reads as "date only".
    """
    if published is None:
        return "date unknown"
    utc = published.astimezone(UTC) if published.tzinfo else published.replace(tzinfo=UTC)
    if utc.time() == time(0, 0):
        return utc.date().isoformat()
    return utc.strftime("%Y-%m-%d %H:%M UTC")


def when_iso(published: datetime | None) -> str | None:
    """The JSON form: a date alone when only the day is known (see `when_text`), else an ISO timestamp."""
    if published is None:
        return None
    utc = published.astimezone(UTC) if published.tzinfo else published.replace(tzinfo=UTC)
    return utc.date().isoformat() if utc.time() == time(0, 0) else utc.isoformat()


def outlet_name(source: Source) -> str:
    """The outlet's own name (the site name found on the page), else its domain without "www."."""
    if source.publisher:
        return source.publisher
    host = urlsplit(source.url).hostname or source.url
    return host.removeprefix("www.")


def safe_link(url: str) -> str | None:
    """An http(s) URL with every character a message format could cut at percent-encoded; None otherwise.

    Links in every channel are rebuilt from this, never copied from article text.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url.strip(), safe=_URL_SAFE)


_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"  # RFC 3986 reserved and unreserved: < > | " ` { } \\ spaces and controls go


def _baseline_fact(diff: ClaimDiff, watch: WatchConfig) -> tuple[str, str] | None:
    if not diff.baseline_document:
        return None
    return ("Baseline", watch.baseline_label(diff.baseline_document))


def _facts(diff: ClaimDiff, severity: Severity, watch: WatchConfig) -> list[tuple[str, str]]:
    """(label, value) lines shared by every body; the source line is added per format (it links)."""
    facts: list[tuple[str, str]] = []
    track = watch.track(diff.track) if diff.track else None
    if track:
        facts.append(("Tracks", track.description))
    facts += [("Severity", severity), ("Independent sources", str(diff.independent_sources))]
    baseline = _baseline_fact(diff, watch)
    if baseline:
        facts.append(baseline)
    facts.append(("Watch", watch.title or watch.name))
    return facts


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_body(headline: str, diff: ClaimDiff, facts: list[tuple[str, str]]) -> str:
    lines = [f"**{escape_markdown(headline)}**", "", f"> {escape_markdown(diff.claim.evidence.sentence)}", ""]
    link = safe_link(diff.source.url)
    outlet = escape_markdown(outlet_name(diff.source))
    source = f"[{outlet}]({link.replace(')', '%29')})" if link else outlet
    lines.append(f"- Source: {source}, {when_text(diff.source.published)}")
    lines += [f"- {label}: {escape_markdown(value)}" for label, value in facts]
    if link:
        lines.append(f"- Link: [{escape_markdown(link)}]({link.replace(')', '%29')})")
    return "\n".join(lines)


def _text_body(headline: str, diff: ClaimDiff, facts: list[tuple[str, str]]) -> str:
    lines = [headline, "", f"“{diff.claim.evidence.sentence}”", ""]
    lines.append(f"Source: {outlet_name(diff.source)}, {when_text(diff.source.published)}")
    lines += [f"{label}: {value}" for label, value in facts]
    lines.append(f"Link: {safe_link(diff.source.url) or diff.source.url}")
    return "\n".join(lines)


def _html_body(headline: str, diff: ClaimDiff, facts: list[tuple[str, str]]) -> str:
    """Email and Slack (apprise turns this HTML into Slack mrkdwn with `&`, `<`, `>` escaped and links rebuilt).

    No blockquote: apprise's HTML-to-text conversion (the email's text part) would leave a stray ">" line.
    """
    e = html.escape
    link = safe_link(diff.source.url)
    outlet = e(outlet_name(diff.source))
    source = f'<a href="{e(link)}">{outlet}</a>' if link else outlet
    items = [f"<li>Source: {source}, {e(when_text(diff.source.published))}</li>"]
    items += [f"<li>{e(label)}: {e(value)}</li>" for label, value in facts]
    if link:
        items.append(f'<li>Link: <a href="{e(link)}">{e(link)}</a></li>')
    return (
        f"<p><strong>{e(headline)}</strong></p>\n<p><em>“{e(diff.claim.evidence.sentence)}”</em></p>\n"
        f"<ul>\n{chr(10).join(items)}\n</ul>"
    )


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def structured_fields(diff: ClaimDiff, watch: WatchConfig) -> dict[str, Any]:
    """What a receiving system needs beside the public JSON line: the article, delta and baseline as data."""
    out: dict[str, Any] = {}
    claim = diff.claim
    if isinstance(claim, FigureClaim):
        new = diff.new if diff.new is not None else claim.value
        out.update(delta=_number(new - diff.old) if diff.old is not None else None, unit=claim.unit)
    if isinstance(claim, DeploymentClaim):
        out["side"] = claim.side
    out.update(
        url=safe_link(diff.source.url) or diff.source.url,
        article_title=diff.source.title,
        outlet=outlet_name(diff.source),
        published=when_iso(diff.source.published),
        independent_sources=diff.independent_sources,
    )
    if diff.type == "corroborated":
        original = replace(diff, type=corroborated_type(diff))  # type: ignore[arg-type]
        out["corroborates"] = {"type": original.type, "key": alert_key(original, watch.name)}
    if diff.baseline_document:
        described = watch.baseline_sources.get(diff.baseline_document)
        out["baseline"] = {
            "document": diff.baseline_document,
            "outlet": described.outlet if described else None,
            "published": described.published.isoformat() if described and described.published else None,
        }
    return out


def compose_alert(diff: ClaimDiff, watch: WatchConfig, payload: dict[str, Any]) -> Alert:
    """The alert for one change; `payload` (the public JSON line) is carried with the structured fields added."""
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
        payload={**payload, **structured_fields(diff, watch)},
        tags=(diff.type, diff.track) if diff.track else (diff.type,),
        body_html=_html_body(headline, diff, facts),
    )


SCHEMA_VERSION = 1


def alert_document(alert: Alert) -> dict[str, Any]:
    """The alert as data, versioned (`schema`): what JSON webhooks carry beside the readable title and message.

    The public JSON line's fields (type, kind, track, old, new, asset, name, category, article_id, sentence,
    sources) plus key, severity, title, delta, url, article_title, outlet, published, independent_sources
    and baseline; a digest carries its alerts' documents under `alerts`. See README "JSON webhooks".
    """
    doc: dict[str, Any] = {"schema": SCHEMA_VERSION, "key": alert.key, "type": alert.type}
    doc.update({k: v for k, v in alert.payload.items() if k not in ("type", "alerts")})
    doc.update(severity=alert.severity, title=alert.title)
    if alert.type == "digest":
        doc["alerts"] = list(alert.payload.get("alerts", []))
    return doc


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
        payload={
            "type": "digest",
            "at": now.astimezone(UTC).isoformat(),
            "alerts": [alert_document(a) for a in alerts],
        },
        tags=tags,
        body_html=f"<p><strong>{html.escape(title)}</strong></p>\n" + "\n<hr>\n".join(a.html() for a in alerts),
    )
