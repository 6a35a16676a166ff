# ruff: noqa: E501  (the made-up articles keep one paragraph a line: line breaks are part of the input)
"""Builders for alert-logic tests: a small made-up watch, claims with evidence, articles and sources, and
made-up articles about it (a wire story, its syndicated copy, a light rewrite, an independent report)."""

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


# A made-up baseline of the made-up watch (two seed documents).
BASELINE = [
    """Ruritania has closed the port of Strelsau to foreign shipping and its coast guard has seized three cargo
ships in the Gulf of Zenda, the interior ministry said. The blockade followed a dispute with Elphbergia over fishing
rights. Forty sailors from the seized vessels are detained in Strelsau, and the government has demanded a ransom of
two million dollars for their release. Elphbergia sent two frigates to the edge of Ruritanian waters and warned that
its navy would escort merchant ships through the gulf. Rupert of Hentzau, the interior minister, said the coast guard
would stop any vessel that tried to break the blockade.""",
    """Warships of Elphbergia and Ruritania are patrolling within sight of each other near Zenda. Diplomats from the
regional shipping council are trying to arrange talks; insurers have raised war-risk premiums for the gulf.""",
]

# A wire story and its relatives, on the day after the baseline.
ORIGINAL = """STRELSAU, March 4 (Wirewire) - Ruritanian coast guard vessels seized two more cargo ships near Zenda on Tuesday, bringing to five the number of vessels held since the blockade began, the port authority said.
The ships, a Panamanian-flagged bulk carrier and a container feeder, were escorted into the harbour of Strelsau at dawn.
"We will hold the harbour until the blockade ends," Rupert of Hentzau, the interior minister, told reporters outside the port.
Shipping companies have rerouted at least a dozen vessels away from the Gulf of Zenda since the first seizure last week.
The foreign ministry of neighbouring Elphbergia summoned the Ruritanian ambassador and demanded the release of the crews.
Insurers raised war-risk premiums for the region for the second time this month, according to two brokers in London.
The seizures follow a dispute over fishing rights that has simmered since the autumn.
Talks mediated by the regional shipping council are due to resume in Zenda on Friday, officials on both sides said."""

SYNDICATED = """Ruritania seizes two more ships as blockade tightens
Advertisement
Ruritanian coast guard vessels seized two more cargo ships near Zenda on Tuesday, bringing to five the number of vessels held since the blockade began, the port authority said.
The ships, a Panamanian-flagged bulk carrier and a container feeder, were escorted into the harbour of Strelsau at dawn.
"We will hold the harbour until the blockade ends," Rupert of Hentzau, the interior minister, told reporters outside the port.
Shipping companies have rerouted at least a dozen vessels away from the Gulf of Zenda since the first seizure last week.
Sign up for our morning newsletter and never miss a story."""

REWRITE = """Coast guard boats of Ruritania captured two further cargo vessels close to Zenda on Tuesday, taking to five the number of ships held since the blockade started, the port authority said.
The vessels, a bulk carrier flagged in Panama and a container feeder, were escorted into Strelsau harbour at dawn.
"We will hold the harbour until the blockade ends," interior minister Rupert of Hentzau told journalists outside the port.
Shipping firms have rerouted at least twelve vessels away from the Gulf of Zenda since the first seizure last week, the report added.
Neighbouring Elphbergia's foreign ministry summoned the Ruritanian ambassador and called for the crews to be released.
Insurers have raised war-risk premiums for the region for the second time this month, according to two London brokers."""

INDEPENDENT = """The Ruritanian interior minister vowed on Tuesday to keep the port of Strelsau closed, hours after his coast guard took control of a bulk carrier and a feeder ship in the Gulf of Zenda.
"We will hold the harbour until the blockade ends," Rupert of Hentzau said, standing on the quay in a naval greatcoat.
Our correspondent in Strelsau counted at least four impounded vessels at anchor behind the breakwater on Tuesday evening.
Crew members' families gathered at the port gates, asking for news of the sailors, who have not been allowed ashore.
Elphbergia has called the seizures piracy and says it is weighing an appeal to the regional shipping council.
Fishing communities on both coasts say the dispute has already cost them most of the winter season."""

SAME_WIRE_OTHER_STORY = """STRELSAU, March 9 (Wirewire) - Talks between Ruritania and Elphbergia on the seized cargo ships broke down in Zenda on Friday, the regional shipping council said.
Delegations left the council's offices after four hours without agreeing on a date for further meetings, two people present said.
Ruritania's interior minister, Rupert of Hentzau, said the ships would stay in Strelsau until Elphbergia paid compensation for the fishing season.
Elphbergia's negotiator called the demand a ransom and said his government would take the matter to the regional court.
Insurers said war-risk premiums for the Gulf of Zenda would stay at their current level for now."""
