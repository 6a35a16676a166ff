"""Corroboration: an alerted figure or asset reported again by later independent sources.

An alert says how many independent stories support it when it goes out (usually one). When more stories
later report the same current figure of a track, or name the same alerted asset, the count rises; at the
counts the watch lists (`alerts.corroboration.at_sources`, e.g. 2, 3, 5) a low-severity "corroborated"
update says so. Copies of a story share its story id, so they never raise the count. Pure: reads the
known state before and after one article's diff.
"""

from __future__ import annotations

from config.watch import WatchConfig
from watchers.diff import BASELINE_PREFIX, find_asset, is_generic_asset
from watchers.models import ArticleClaims, ClaimDiff, DeploymentClaim, FigureClaim, KnownState, Source

Support = dict[tuple[str, str], int]  # ("track", name) or ("asset", name) → independent stories


def _is_baseline(story_id: str) -> bool:
    return story_id.startswith(BASELINE_PREFIX)


def figure_support(state: KnownState, track: str) -> int:
    """Independent stories (seed documents included) that reported the track's current value."""
    current = state.tracks.get(track)
    if current is None:
        return 0
    return len({p.source.story_id for p in state.history.get(track, []) if p.value == current})


def support(state: KnownState) -> Support:
    """Support of what alerts announced: each track's current value (when an article, not a seed document,
    set it) and each alerted asset."""
    out: Support = {}
    for track in state.tracks:
        accepted = [p for p in state.history.get(track, []) if p.accepted]
        if accepted and not _is_baseline(accepted[-1].source.story_id):
            out[("track", track)] = figure_support(state, track)
    for asset in state.assets:
        if not asset.in_baseline and not is_generic_asset(asset.name):
            out[("asset", asset.name)] = len(set(asset.story_ids))
    return out


def corroborations(
    before: Support, state: KnownState, claims: ArticleClaims, source: Source, watch: WatchConfig
) -> list[ClaimDiff]:
    """The "corroborated" updates one article brings: support that rose (from at least one) to a listed count."""
    config = watch.alerts.corroboration
    if not config.enabled:
        return []
    diffs: list[ClaimDiff] = []
    for (what, name), count in support(state).items():
        if count <= before.get((what, name), 0) or before.get((what, name), 0) < 1 or count not in config.at_sources:
            continue
        if what == "track":
            value = state.tracks[name]
            claim = next(
                (c for c in claims.claims if isinstance(c, FigureClaim) and c.track == name and c.value == value), None
            )
            if claim is not None:
                diffs.append(ClaimDiff("corroborated", claim, source, new=value, track=name, independent_sources=count))
            continue
        entity = next(a for a in state.assets if a.name == name)
        dep = next(
            (c for c in claims.claims if isinstance(c, DeploymentClaim) and find_asset([entity], c.asset, c.aliases)),
            None,
        )
        if dep is not None:
            diffs.append(ClaimDiff("corroborated", dep, source, independent_sources=count))
    return diffs
