"""The baseline: what the seed documents establish, as the `KnownState` every new article is compared with.

Each baseline reading and entity keeps the seed document it came from (its `Source.article_id` is the
document's name), so an alert can say which baseline document it differs from.
"""

from __future__ import annotations

from collections.abc import Iterable

from config.watch import WatchConfig
from watchers.claims import ClaimExtractor
from watchers.diff import BASELINE_PREFIX, asset_aliases, names_match, record_reading
from watchers.figure_limits import screen_figures
from watchers.models import (
    ActorClaim,
    Article,
    ArticleClaims,
    DeploymentClaim,
    FigureClaim,
    KnownEntity,
    KnownState,
    Source,
    StatementClaim,
)
from watchers.stories import fingerprint


def baseline_source(document: str) -> Source:
    """The source of everything a seed document establishes; its story id marks it as baseline."""
    return Source(article_id=document, url=BASELINE_PREFIX + document, story_id=BASELINE_PREFIX + document)


def build_baseline(watch: WatchConfig, extractor: ClaimExtractor, documents: list[tuple[str, str]]) -> KnownState:
    """Extract the claims of each seed document `(name, text)` and fold them into a fresh `KnownState`."""
    extracted = [
        (name, extractor.extract(Article(article_id=name, url=BASELINE_PREFIX + name, text=text)))
        for name, text in documents
    ]
    state = baseline_from_claims(watch, extracted)
    record_seed_stories(state, documents)
    return state


def record_seed_stories(state: KnownState, documents: list[tuple[str, str]]) -> None:
    """Remember the seed documents as stories: a later copy of one is the baseline again, not news."""
    for name, text in documents:
        seed = fingerprint(Article(article_id=name, url=BASELINE_PREFIX + name, text=text))
        state.stories[BASELINE_PREFIX + name] = seed.encode()


def baseline_from_claims(watch: WatchConfig, documents: Iterable[tuple[str, ArticleClaims]]) -> KnownState:
    """The baseline from claims already extracted (or annotated), one `(name, claims)` per seed document.

    Every seed document is taken as relevant: the user chose it. Tracks are the watch's own; a figure
    for another track is ignored.
    """
    tracked = {t.name for t in watch.tracks}
    state = KnownState()
    for name, article_claims in documents:
        source = baseline_source(name)
        for claim in screen_figures(article_claims, watch.figure_limits)[0].claims:
            if isinstance(claim, FigureClaim) and claim.track in tracked:
                record_reading(state, claim.track, claim.value, claim.evidence.sentence, source)
            elif isinstance(claim, DeploymentClaim):
                _add_entity(state.assets, claim.asset, claim.category, asset_aliases(claim), source)
            elif isinstance(claim, ActorClaim):
                _add_entity(state.actors, claim.name, claim.category, claim.aliases, source)
            elif isinstance(claim, StatementClaim):
                state.quotes.append(
                    KnownEntity(name=claim.quote, category=claim.speaker, first_seen=source, in_baseline=True)
                )
    return state


def _add_entity(pool: list[KnownEntity], name: str, category: str, aliases: Iterable[str], source: Source) -> None:
    # Merged only under one name: an alias may bridge two entities ("MFA Russia" is not Russia).
    known = next((e for e in pool if names_match(e.name, name)), None)
    if known is not None:
        known.aliases.extend(a for a in [name, *aliases] if a != known.name and a not in known.aliases)
        return
    pool.append(
        KnownEntity(
            name=name,
            category=category,
            aliases=list(aliases),
            story_ids=[source.story_id],
            first_seen=source,
            in_baseline=True,
        )
    )
