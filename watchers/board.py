"""The situation board: what is known now, and where each fact came from. Pure: built from the known state.

Shared by `claimwatch board` (terminal), the Prefect artifact after each monitor run (markdown) and
`claimwatch report` (HTML). Counts of independent sources are distinct story ids, so syndicated copies of
one story count once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from config.watch import WatchConfig
from watchers.diff import BASELINE_PREFIX, is_generic_asset, names_match
from watchers.models import ActorClaim, ArticleClaims, DeploymentClaim, KnownEntity, KnownState, Source, TrackPoint


def is_baseline(source: Source | None) -> bool:
    return source is not None and source.story_id.startswith(BASELINE_PREFIX)


@dataclass(frozen=True)
class TrackLine:
    name: str
    label: str
    description: str
    baseline: float | None
    baseline_source: str  # the seed document as "outlet, date"
    current: float | None
    changed: Source | None  # the reading that set the current value (None: still the baseline's)
    sources: int  # independent stories that reported the current value
    stale_since: int  # lower or equal reports since the last change
    history: list[TrackPoint] = field(default_factory=list)


@dataclass(frozen=True)
class EntityLine:
    name: str
    category: str
    first_seen: Source | None
    sentence: str  # the first-seen article's sentence naming it, when its claims are stored
    sources: int
    waiting: bool = False  # an actor named by fewer independent stories than an alert needs


@dataclass(frozen=True)
class StatementLine:
    speaker: str
    quote: str
    first_seen: Source | None
    sources: int


@dataclass(frozen=True)
class Board:
    title: str
    tracks: list[TrackLine]
    deployments: list[EntityLine]
    actors: list[EntityLine]
    statements: list[StatementLine]


def _published(source: Source | None) -> datetime:
    when = source.published if source else None
    if when is None:
        return datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def track_line(state: KnownState, name: str, watch: WatchConfig) -> TrackLine:
    track = watch.track(name)
    history = state.history.get(name, [])
    seeds = [p for p in history if is_baseline(p.source)]
    base = max(seeds, key=lambda p: p.value) if seeds else None
    current = state.tracks.get(name)
    accepted = [i for i, p in enumerate(history) if p.accepted and not is_baseline(p.source)]
    last = history[accepted[-1]] if accepted else None
    after = history[accepted[-1] + 1 :] if accepted else [p for p in history if not is_baseline(p.source)]
    return TrackLine(
        name=name,
        label=track.headline if track else name,
        description=track.description if track else "",
        baseline=base.value if base else None,
        baseline_source=watch.baseline_label(base.source.article_id) if base else "",
        current=current,
        changed=last.source if last else None,
        sources=len({p.source.story_id for p in history if p.value == current}) if current is not None else 0,
        stale_since=sum(1 for p in after if not p.accepted),
        history=list(history),
    )


def _sentence(claims: Mapping[str, ArticleClaims], entity: KnownEntity, kind: type) -> str:
    source = entity.first_seen
    found = claims.get(source.article_id) if source else None
    for claim in found.claims if found else ():
        if isinstance(claim, kind) and isinstance(claim, DeploymentClaim | ActorClaim):
            name = claim.asset if isinstance(claim, DeploymentClaim) else claim.name
            if names_match(name, entity.name) or any(names_match(name, a) for a in entity.aliases):
                return str(claim.evidence.sentence)
    return ""


def _entities(
    pool: list[KnownEntity], claims: Mapping[str, ArticleClaims], kind: type, waiting: bool = False
) -> list[EntityLine]:
    return [
        EntityLine(e.name, e.category, e.first_seen, _sentence(claims, e, kind), len(set(e.story_ids)), waiting)
        for e in pool
        if not e.in_baseline
    ]


def build_board(
    state: KnownState, watch: WatchConfig, claims: Mapping[str, ArticleClaims] | None = None, newest: int = 10
) -> Board:
    """The board; `claims` (article id → stored claims) supplies first-seen sentences; lists keep the
    `newest` entries, newest first (0: all)."""
    claims = claims or {}

    def cut(lines: list[EntityLine]) -> list[EntityLine]:
        """Newest first; actors still waiting for a second source after the confirmed ones."""
        ordered = sorted(lines, key=lambda e: _published(e.first_seen), reverse=True)
        ordered.sort(key=lambda e: e.waiting)
        return ordered[:newest] if newest else ordered

    deployments = _entities([a for a in state.assets if not is_generic_asset(a.name)], claims, DeploymentClaim)
    actors = _entities(state.actors, claims, ActorClaim) + _entities(
        state.candidate_actors, claims, ActorClaim, waiting=True
    )
    quotes = sorted(
        (
            StatementLine(q.category, q.name, q.first_seen, len(set(q.story_ids)))
            for q in state.quotes
            if not q.in_baseline
        ),
        key=lambda s: _published(s.first_seen),
        reverse=True,
    )
    return Board(
        title=watch.title or watch.name,
        tracks=[track_line(state, t.name, watch) for t in watch.tracks],
        deployments=cut(deployments),
        actors=cut(actors),
        statements=quotes[:newest] if newest else quotes,
    )


def first_seen_ids(state: KnownState) -> set[str]:
    """The articles whose stored claims give the board its first-seen sentences."""
    pools = (state.assets, state.actors, state.candidate_actors)
    return {e.first_seen.article_id for pool in pools for e in pool if e.first_seen and not e.in_baseline}
