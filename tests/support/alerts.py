"""Builders for alert-logic tests: a small made-up watch, claims with evidence, articles and sources."""

from __future__ import annotations

import datetime as dt

from config.watch import AlertsConfig, TrackConfig, WatchConfig
from watchers.models import (
    ActorClaim,
    Article,
    ArticleClaims,
    Claim,
    DeploymentClaim,
    Evidence,
    FigureClaim,
    Source,
    StatementClaim,
)

BASELINE_DATE = dt.date(2031, 3, 1)


def make_watch(min_sources: int = 2) -> WatchConfig:
    """A made-up situation: a naval stand-off around the (fictional) Republic of Ruritania."""
    return WatchConfig(
        name="ruritania-standoff",
        baseline_date=BASELINE_DATE,
        baseline_documents=[],
        keywords=["Ruritania", "Ruritanian", "Strelsau", "Zenda", "blockade", "Rassendyll"],
        tracks=[
            TrackConfig(name="sailors_detained", kind="personnel", description="sailors held in Strelsau"),
            TrackConfig(name="ships_seized", kind="ships", description="cargo ships seized"),
            TrackConfig(name="ransom_demand", kind="money", description="ransom demanded, USD"),
        ],
        alerts=AlertsConfig(new_actor_min_sources=min_sources),
    )


def ev(sentence: str = "") -> Evidence:
    return Evidence(sentence, 0, len(sentence))


def fig(track: str | None, value: float, kind: str = "personnel", sentence: str = "") -> FigureClaim:
    return FigureClaim(kind=kind, value=value, scope="cumulative", subject=track or "", evidence=ev(sentence),  # type: ignore[arg-type]
                       track=track)  # fmt: skip


def dep(asset: str, category: str = "ship") -> DeploymentClaim:
    return DeploymentClaim(asset=asset, category=category, evidence=ev(f"The {asset} was deployed."))  # type: ignore[arg-type]


def actor(name: str, category: str = "person", aliases: tuple[str, ...] = ()) -> ActorClaim:
    return ActorClaim(name=name, category=category, evidence=ev(f"{name} said so."), aliases=aliases)  # type: ignore[arg-type]


def quote(speaker: str, text: str) -> StatementClaim:
    return StatementClaim(speaker=speaker, quote=text, evidence=ev(f'"{text}," {speaker} said.'))


def claims(article_id: str, *items: Claim, relevant: bool = True) -> ArticleClaims:
    return ArticleClaims(article_id=article_id, claims=tuple(items), relevant=relevant, relevance=1.0)


def source(article_id: str, story_id: str | None = None) -> Source:
    return Source(article_id=article_id, url=f"https://news.example/{article_id}", story_id=story_id or article_id)


def article(article_id: str, text: str, title: str = "", day: dt.date | None = None) -> Article:
    published = dt.datetime.combine(day, dt.time(12)) if day else None
    return Article(article_id=article_id, url=f"https://news.example/{article_id}", text=text, title=title,
                   published=published)  # fmt: skip
