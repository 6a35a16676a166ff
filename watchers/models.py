"""The data that flows one way through claimwatch: feed → item → article → claims → diff → alert.

Plain frozen dataclasses, shared by every stage. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any, Literal

# --------------------------------------------------------------------------- feeds and articles


@dataclass
class FeedState:
    """What is known about one feed between polls: validators, health and cadence."""

    url: str
    name: str = ""
    etag: str | None = None
    last_modified: str | None = None
    consecutive_errors: int = 0
    last_error_class: str | None = None  # e.g. "FetchTimeout", "FeedParseError", "HTTPStatusError"
    last_error: str | None = None
    last_checked_at: datetime | None = None
    last_success_at: datetime | None = None
    next_check_at: datetime | None = None  # backoff: not polled before this
    last_new_item_at: datetime | None = None
    typical_interval_seconds: float | None = None  # usual gap between new items, for "went quiet"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a polled feed."""

    feed_url: str
    guid: str
    url: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None


@dataclass(frozen=True)
class Article:
    """An article's text and metadata, ready for claim extraction.

    `article_id` is the caller's identifier (the eval contract's `id`, or the stored article's key).
    """

    article_id: str
    url: str
    text: str
    title: str = ""
    published: datetime | None = None
    author: str = ""
    site_name: str = ""


# --------------------------------------------------------------------------- claims

ClaimType = Literal["figure", "deployment", "statement", "actor"]
FigureKind = Literal["killed", "wounded", "personnel", "strikes", "ships", "aircraft", "weapons", "money", "distance"]
Scope = Literal["cumulative", "event"]


@dataclass(frozen=True)
class Evidence:
    """The sentence a claim was read from and its character span in the article text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class FigureClaim:
    kind: FigureKind
    value: float
    scope: Scope
    subject: str
    evidence: Evidence
    track: str | None = None
    qualifier: str | None = None  # "at least", "more than", "about", "up to", "range"
    low: float | None = None  # lower end of a range ("eight to 10" → low 8, value 10)
    unit: str | None = None  # "USD", "km", "miles"
    type: ClaimType = field(default="figure", init=False)
    # Why the extractor decided as it did (`claimwatch extract --explain`); never compared or hashed.
    explain: dict[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DeploymentClaim:
    asset: str
    category: Literal["ship", "aircraft", "weapon_system", "unit"]
    evidence: Evidence
    side: str | None = None
    aliases: tuple[str, ...] = ()  # other names of the same asset in the article ("the Ford", "CVN-78")
    type: ClaimType = field(default="deployment", init=False)
    # Why the extractor decided as it did (`claimwatch extract --explain`); never compared or hashed.
    explain: dict[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class StatementClaim:
    speaker: str
    quote: str
    evidence: Evidence
    type: ClaimType = field(default="statement", init=False)
    # Why the extractor decided as it did (`claimwatch extract --explain`); never compared or hashed.
    explain: dict[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ActorClaim:
    name: str
    category: Literal["person", "organization", "group", "country"]
    evidence: Evidence
    aliases: tuple[str, ...] = ()
    type: ClaimType = field(default="actor", init=False)
    # Why the extractor decided as it did (`claimwatch extract --explain`); never compared or hashed.
    explain: dict[str, Any] | None = field(default=None, compare=False, repr=False)


Claim = FigureClaim | DeploymentClaim | StatementClaim | ActorClaim


@dataclass(frozen=True)
class ArticleClaims:
    """Everything claim extraction says about one article."""

    article_id: str
    claims: tuple[Claim, ...]
    relevant: bool
    relevance: float = 0.0  # 0..1, how strongly the article is about the watched situation

    def of_type(self, ctype: ClaimType) -> list[Claim]:
        return [c for c in self.claims if c.type == ctype]


def claim_to_json(claim: Claim, explain: bool = False) -> dict[str, Any]:
    """The public JSON shape of a claim (see ../shared/eval/README.md, `claimwatch extract`).

    `explain` adds the claim's `explain` dict (when it has one); without it the shape is unchanged.
    """
    ev = claim.evidence
    out: dict[str, Any] = {"type": claim.type}
    if isinstance(claim, FigureClaim):
        value: float | int = int(claim.value) if float(claim.value).is_integer() else claim.value
        out.update(kind=claim.kind, value=value, scope=claim.scope)
        if claim.track:
            out["track"] = claim.track
        out["subject"] = claim.subject
        if claim.qualifier:
            out["qualifier"] = claim.qualifier
        if claim.low is not None:
            out["low"] = int(claim.low) if float(claim.low).is_integer() else claim.low
        if claim.unit:
            out["unit"] = claim.unit
    elif isinstance(claim, DeploymentClaim):
        out.update(asset=claim.asset, category=claim.category, side=claim.side)
        if claim.aliases:
            out["aliases"] = list(claim.aliases)
    elif isinstance(claim, StatementClaim):
        out.update(speaker=claim.speaker, quote=claim.quote)
    else:
        out.update(name=claim.name, category=claim.category)
        if claim.aliases:
            out["aliases"] = list(claim.aliases)
    out.update(sentence=ev.sentence, span=[ev.start, ev.end])
    if explain and claim.explain is not None:
        out["explain"] = claim.explain
    return out


# --------------------------------------------------------------------------- what is known, and what changed


@dataclass(frozen=True)
class Source:
    """Where a claim was read: one article, with what identifies its story for independence."""

    article_id: str
    url: str
    publisher: str = ""
    published: datetime | None = None
    story_id: str = ""  # equal for syndicated copies / light rewrites of one story
    title: str = ""  # the article's headline, for alerts and the report


@dataclass
class TrackPoint:
    """One reading of a tracked quantity (kept in history whether it raised an alert or not)."""

    value: float
    sentence: str
    source: Source
    accepted: bool  # True when it raised the known maximum


@dataclass
class KnownEntity:
    """An asset, actor or quote that is known (baseline or alerted) or a candidate waiting for sources."""

    name: str
    category: str
    aliases: list[str] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)  # independent stories that named it
    first_seen: Source | None = None
    in_baseline: bool = False


@dataclass
class KnownState:
    """The baseline plus every accepted change. Loaded from storage, advanced by `diff`, saved back."""

    tracks: dict[str, float] = field(default_factory=dict)  # track → highest known value
    history: dict[str, list[TrackPoint]] = field(default_factory=dict)
    assets: list[KnownEntity] = field(default_factory=list)
    actors: list[KnownEntity] = field(default_factory=list)
    candidate_actors: list[KnownEntity] = field(default_factory=list)
    quotes: list[KnownEntity] = field(default_factory=list)  # name = quote text, category = speaker
    stories: dict[str, str] = field(default_factory=dict)  # story_id → fingerprint (for near-duplicates)


AlertType = Literal["figure_changed", "new_deployment", "new_actor", "new_statement", "corroborated", "digest"]
Severity = Literal["low", "medium", "high", "critical"]


@dataclass(frozen=True)
class ClaimDiff:
    """One change a new article brings against what is known."""

    type: AlertType
    claim: Claim
    source: Source
    old: float | None = None
    new: float | None = None
    track: str | None = None
    independent_sources: int = 1
    baseline_document: str | None = None  # the seed document the change differs from


@dataclass(frozen=True)
class Alert:
    """A composed alert, ready for the outbox. `key` is its idempotency key."""

    key: str
    type: AlertType
    severity: Severity
    title: str
    body_markdown: str
    body_text: str
    payload: dict[str, Any]  # the public JSON line (`claimwatch backfill --alerts-jsonl`) + structured fields
    tags: tuple[str, ...] = ()
    body_html: str = ""  # email and Slack (via apprise); empty in rows stored before it existed

    def html(self) -> str:
        """The HTML body; for alerts stored without one, their text, escaped."""
        return self.body_html or "<pre>" + escape(self.body_text) + "</pre>"


def claim_from_json(row: dict[str, Any]) -> Claim | None:
    """A claim from its public JSON shape (`claim_to_json`, `claimwatch extract`); None for an unknown type."""
    span = row.get("span") or [0, 0]
    ev = Evidence(row.get("sentence") or "", int(span[0]), int(span[1]))
    kind = row.get("type")
    if kind == "figure":
        low = row.get("low")
        return FigureClaim(
            kind=row["kind"],
            value=float(row["value"]),
            scope=row.get("scope") or "event",
            subject=row.get("subject") or "",
            evidence=ev,
            track=row.get("track"),
            qualifier=row.get("qualifier"),
            low=float(low) if low is not None else None,
            unit=row.get("unit"),
        )
    if kind == "deployment":
        return DeploymentClaim(
            asset=row["asset"],
            category=row.get("category") or "unit",
            evidence=ev,
            side=row.get("side"),
            aliases=tuple(row.get("aliases") or ()),
        )
    if kind == "statement":
        return StatementClaim(speaker=row["speaker"], quote=row["quote"], evidence=ev)
    if kind == "actor":
        return ActorClaim(
            name=row["name"],
            category=row.get("category") or "organization",
            evidence=ev,
            aliases=tuple(row.get("aliases") or ()),
        )
    return None
