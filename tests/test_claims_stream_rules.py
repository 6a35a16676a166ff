"""Rules found by the hand-written alert stream (tests/data/stream): one table per rule, with sentences of
their own (none from the stream), so each rule is shown to hold beyond the articles that revealed it."""

from __future__ import annotations

import datetime as dt

import pytest

from config.watch import TrackConfig, WatchConfig, load_watch
from tests.support.alerts import ORIGINAL, SYNDICATED, article
from watchers.claims.deployments import DeploymentExtractor
from watchers.claims.figures import FigureExtractor
from watchers.claims.learned import load_models
from watchers.claims.relevance import RelevanceJudge
from watchers.claims.text import prepare
from watchers.diff import find_asset
from watchers.models import Article, FigureClaim, KnownEntity, KnownState
from watchers.stories import match_story, record_story

# Two of the watch's keywords, so that its tracks apply to the sentences under test.
TOPICAL = "Venezuela and Maduro were on the agenda. "


@pytest.fixture(scope="module")
def figure_extractor() -> FigureExtractor:
    return FigureExtractor(load_watch(), load_models().get("scope"))


def figures(extractor: FigureExtractor, text: str) -> list[tuple[str, float, str | None]]:
    found: list[FigureClaim] = extractor.extract(prepare(Article(article_id="t", url="https://x.test/a", text=text)))
    return [(f.kind, f.value, f.track) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the total before its noun: "bringing to N the number of <noun>"
        ("The frigate's arrival brought to nine the number of U.S. warships in the Caribbean.", ("ships", 9)),
        ("A new raid raised to 23 the number of strikes on suspected drug boats.", ("strikes", 23)),
        ("The attack off Venezuela pushed to 88 the death toll of the boat campaign.", ("killed", 88)),
        ("The Pentagon's order lifts to 6,500 the number of troops in Puerto Rico.", ("personnel", 6500)),
        # Spanish: "ya son N los <noun>"
        ("Con el de ayer ya son 19 los ataques contra lanchas en el Caribe.", ("strikes", 19)),
        # a list after a name: "USS X, nine destroyers" is a count, not a label like "Boeing 737"
        ("The group includes the USS Bataan, three destroyers and a submarine near Venezuela.", ("ships", 3)),
        # Spanish killing verbs with a possessive or article before the count
        ("Un ataque en el Pacífico mató a sus cuatro tripulantes, dijo el Pentágono.", ("killed", 4)),
        ("Los misiles mataron a los cinco ocupantes de la lancha.", ("killed", 5)),
        # a killing verb before "survivors" makes them dead
        ("A follow-up strike off Venezuela killed two survivors clinging to the wreck.", ("killed", 2)),
    ],
)
def test_figure_forms(figure_extractor: FigureExtractor, text: str, expected: tuple[str, float]) -> None:
    assert expected in [(k, v) for k, v, _ in figures(figure_extractor, TOPICAL + text)]


@pytest.mark.parametrize(
    ("text", "value", "scope"),
    [
        # the toll hanging on a running total is a running total too
        ("The Navy has now struck 31 boats, killing at least 101 people.", 101, "cumulative"),
        ("Forces have sunk 26 vessels since September, which killed 97 people.", 97, "cumulative"),
        # ... but not when the count before it is one incident
        ("On Monday the Navy struck two boats, killing six people.", 6, "event"),
    ],
)
def test_toll_of_a_running_total(figure_extractor: FigureExtractor, text: str, value: float, scope: str) -> None:
    found = figure_extractor.extract(prepare(Article(article_id="t", url="https://x.test/a", text=TOPICAL + text)))
    assert [f.scope for f in found if f.kind == "killed" and f.value == value] == [scope]


def test_survivors_without_a_killing_verb_are_not_dead(figure_extractor: FigureExtractor) -> None:
    for text in ("Three survivors were rescued by a Mexican navy ship.", "The strike left 2 killed, 1 survivor."):
        found = figures(figure_extractor, TOPICAL + text)
        assert ("killed", 1) not in [(k, v) for k, v, _ in found] and ("killed", 3) not in [(k, v) for k, v, _ in found]


@pytest.mark.parametrize(
    ("text", "value", "track"),
    [
        # the side named after a preposition is the target, not the payer
        ("Washington raised its reward for the capture of Venezuelan leader Nicolás Maduro to $80 million.",
         80_000_000, "maduro_bounty"),
        ("The U.S. reward for information on Venezuela's Maduro now stands at $60 million.", 60_000_000,
         "maduro_bounty"),
        # a sum "for" someone the track never names is someone else's reward
        ("It also offers a $10 million reward for Foreign Minister Yván Gil.", 10_000_000, None),
        ("Up to $20 million is offered for General Hernández Dala, the State Department said.", 20_000_000, None),
        # a date after "on" is no person: the reward for Maduro keeps its track
        ("A $70 million reward for Maduro's arrest was announced on Friday.", 70_000_000, "maduro_bounty"),
        # Spanish words in the tracks' keywords
        ("Al menos 95 personas han muerto en los ataques contra lanchas, según el recuento.", 95,
         "boat_strike_deaths"),
        ("Estados Unidos mantiene unos 14.000 efectivos en el Caribe.", 14_000, "us_personnel"),
        # the counted noun is the last word of a multi-word keyword ("service members")
        ("The U.S. now has about 13,000 service members in the Caribbean.", 13_000, "us_personnel"),
    ],
)  # fmt: skip
def test_tracks(figure_extractor: FigureExtractor, text: str, value: float, track: str | None) -> None:
    got = [t for _, v, t in figures(figure_extractor, TOPICAL + text) if v == value]
    assert got == [track]


@pytest.mark.parametrize(
    ("text", "asset"),
    [
        ("Its air wing flies F/A-18E/F Super Hornets off the coast of Venezuela.", "F/A-18E/F Super Hornet"),
        ("Two F/A-18E/Fs were seen over the Caribbean near Venezuela.", "F/A-18E/F"),
        # a weapon designator keeps the system's name after it
        ("Venezuela has moved S-125 Pechora batteries to the coast.", "S-125 Pechora"),
    ],
)
def test_designator_with_variants_or_name_is_one_asset(text: str, asset: str) -> None:
    found = DeploymentExtractor(load_watch()).extract(
        prepare(Article(article_id="t", url="https://x.test/a", text=text))
    )
    assert [d.asset for d in found] == [asset]


def pool(*names: tuple[str, tuple[str, ...]]) -> list[KnownEntity]:
    return [KnownEntity(name, "ship", list(aliases)) for name, aliases in names]


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Nimitz carrier strike group", "USS Nimitz"),
        ("the Bataan Amphibious Ready Group", "USS Bataan"),
        ("F-16", "F-16V Viper"),
        ("MQ-9", "MQ-9B SkyGuardian"),
        ("C-130J", "C-130 Hercules"),
        ("Su-30MKV", None),  # two variants of one family are two assets
        ("Nimitz", "USS Nimitz"),
        ("Hornet strike", None),
    ],
)
def test_known_asset_variants(name: str, known: str | None) -> None:
    assets = pool(("USS Nimitz", ()), ("USS Bataan", ()), ("F-16V Viper", ()), ("MQ-9B SkyGuardian", ()),
                  ("C-130 Hercules", ()), ("Su-30MK2", ()))  # fmt: skip
    found = find_asset(assets, name)
    assert (found.name if found else None) == known


def test_copy_republished_ten_days_later_is_one_story() -> None:
    day = dt.date(2031, 3, 4)
    state = KnownState()
    record_story(state, match_story(state, article("orig", ORIGINAL, day=day)))
    later = match_story(state, article("copy", SYNDICATED, day=day + dt.timedelta(days=10)))
    assert later.is_copy and later.story_id == "orig"


def test_generic_news_words_are_not_topic() -> None:
    """Two texts sharing only time words and "new"/"last" are not alike; sharing the topic's words they are."""
    judge = RelevanceJudge(
        WatchConfig(
            name="w",
            baseline_date=dt.date(2031, 3, 1),
            baseline_documents=[],
            keywords=["Ruritania"],
            tracks=[TrackConfig(name="t", kind="ships", description="ships")],
        ),
        ["Last month the new blockade of the harbour began on Monday; this week cutters seized freighters."],
    )
    generic = prepare(article("g", "Last month a new bakery opened on Monday in town, and this week it sold bread."))
    topical = prepare(article("t", "Cutters seized two freighters at the harbour blockade."))
    assert judge.topic(generic) == 0.0
    assert (judge.topic(topical) or 0.0) > 0.3
