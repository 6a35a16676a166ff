# ruff: noqa: E501  (the made-up articles keep one paragraph a line: line breaks are part of the input)
"""Story independence on made-up wire copy: syndicated copies and light rewrites are one story, reports of
the same event by other outlets are not; plus the gold duplicate pairs of the dev stream."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.support.alerts import article
from watchers.jsonl import read_articles
from watchers.models import KnownState
from watchers.stories import Fingerprint, fingerprint, match_story, record_story

DAY = dt.date(2031, 3, 4)

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


def known_with(text: str, article_id: str = "orig", day: dt.date = DAY) -> KnownState:
    state = KnownState()
    record_story(state, match_story(state, article(article_id, text, day=day)))
    return state


@pytest.mark.parametrize(
    ("name", "text", "day", "copy"),
    [
        ("syndicated copy with headline and boilerplate", SYNDICATED, DAY + dt.timedelta(days=1), True),
        ("light rewrite", REWRITE, DAY, True),
        ("same event, independent report sharing a quote", INDEPENDENT, DAY, False),
        ("same wire, another story days later", SAME_WIRE_OTHER_STORY, DAY + dt.timedelta(days=5), False),
        ("the same text far outside the window", ORIGINAL, DAY + dt.timedelta(days=60), False),
    ],
)
def test_copies_and_independent_stories(name: str, text: str, day: dt.date, copy: bool) -> None:
    state = known_with(ORIGINAL)
    match = match_story(state, article("new", text, day=day))
    assert match.is_copy is copy, (name, match.similarity)
    assert match.story_id == ("orig" if copy else "new")


def test_a_copy_is_not_recorded_and_a_new_story_is() -> None:
    state = known_with(ORIGINAL)
    record_story(state, match_story(state, article("copy", SYNDICATED, day=DAY)))
    record_story(state, match_story(state, article("other", INDEPENDENT, day=DAY)))
    assert sorted(state.stories) == ["orig", "other"]


def test_the_same_article_again_is_a_copy_of_itself() -> None:
    assert match_story(known_with(ORIGINAL), article("orig", ORIGINAL, day=DAY)).is_copy


def test_fingerprint_is_compact_and_round_trips() -> None:
    fp = fingerprint(article("orig", ORIGINAL, day=DAY))
    encoded = fp.encode()
    assert Fingerprint.decode(encoded) == fp
    assert fp.wire == "" and fp.published == DAY and len(fp.sentences) == 8
    assert len(encoded) < 0.6 * len(ORIGINAL)  # three characters a word, whatever its length


def test_wire_credit_is_read_from_the_dateline() -> None:
    assert fingerprint(article("r", "LONDON (Reuters) - Ships were seized on Tuesday near the port.")).wire == "reuters"
    assert fingerprint(article("r", "Ships were seized on Tuesday near the port, officials said.")).wire == ""


def test_dev_stream_duplicates_found_and_nothing_else_merged(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev"
    gold = {r["id"]: r for r in map(json.loads, (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    articles = sorted(
        read_articles(dev / "articles.jsonl"), key=lambda a: (a.published or dt.datetime.min, a.article_id)
    )
    by_url = {a.url: a.article_id for a in articles}
    expected = {i: by_url[r["dup_of"]] for i, r in gold.items() if r.get("dup_of") in by_url}
    state, found = KnownState(), {}
    for a in articles:  # every article of the dev set, so also pairs outside the stream
        match = match_story(state, a)
        if match.is_copy:
            found[a.article_id] = match.story_id
        record_story(state, match)
    pairs = {frozenset(p) for p in expected.items()}
    assert {frozenset(p) for p in found.items()} == pairs
