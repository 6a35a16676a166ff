"""Figure failure classes met on unseen articles (issue 8), one table per class, sentences written for these tests.

Each row: a text, the figures it must give as (kind, value, scope) — scope None when any will do — and the
(kind, value) pairs it must not give. Scope is judged with the shipped weights (watchers/claims/weights).
"""

from __future__ import annotations

import math

import pytest

from config.watch import load_watch
from watchers.claims import ClaimExtractor
from watchers.claims.figures import FigureExtractor
from watchers.claims.learned import load_models
from watchers.claims.numbers import NUMBER_RE, parse_number
from watchers.claims.text import prepare
from watchers.models import Article, FigureClaim, claim_to_json

Want = tuple[str, float, str | None]
Row = tuple[str, list[Want], list[tuple[str, float]]]


@pytest.fixture(scope="module")
def extractor() -> FigureExtractor:
    return FigureExtractor(load_watch(), load_models().get("scope"))


def figures(extractor: FigureExtractor, text: str) -> list[FigureClaim]:
    return extractor.extract(prepare(Article(article_id="t", url="https://example.test/a", text=text)))


def check(extractor: FigureExtractor, text: str, want: list[Want], absent: list[tuple[str, float]]) -> None:
    got = figures(extractor, text)
    found = {(f.kind, f.value): f.scope for f in got}
    for kind, value, scope in want:
        assert (kind, value) in found, f"{kind}={value} missing from {[(f.kind, f.value) for f in got]}"
        if scope is not None:
            assert found[(kind, value)] == scope, f"{kind}={value}: {found[(kind, value)]}, wanted {scope}"
    for kind, value in absent:
        assert (kind, value) not in found, f"{kind}={value} should not be a figure"


ORDINAL_AND_SYNONYM_STRIKES: list[Row] = [
    (
        "Officials said the raid, the eleventh since August, destroyed a fishing skiff.",
        [("strikes", 11, "cumulative")],
        [],
    ),
    (
        "The Pentagon confirmed it was the 21st time the military had attacked a smuggling vessel.",
        [("strikes", 21, "cumulative")],
        [],
    ),
    ("Tuesday's attack marked the sixth such strike in the Pacific.", [("strikes", 6, "cumulative")], []),
    ("The strike was the Navy's 13th against alleged smugglers.", [("strikes", 13, "cumulative")], []),
    ("The campaign now spans 23 operations across two oceans.", [("strikes", 23, "cumulative")], []),
    ("The Marines have studied a March 7th strike as a training example.", [], [("strikes", 7)]),
    ("Footage of the October 19th attack was released on Friday.", [], [("strikes", 19)]),
]

ONE_AND_COLLECTIVES: list[Row] = [
    ("The Navy sent one submarine and two frigates to the area.", [("ships", 1, None), ("ships", 2, None)], []),
    ("A trio of destroyers sailed past the island on Friday.", [("ships", 3, None)], []),
    ("A pair of bombers flew along the coast.", [("aircraft", 2, None)], []),
    ("One cruiser remained in port while the others sailed.", [("ships", 1, None)], []),
    ("Only one person survived the blast.", [], [("killed", 1)]),
    ("One of the frigates returned to port.", [], [("ships", 1)]),
]

GLUED_UNITS_AND_CONVERSIONS: list[Row] = [
    ("The drones can reach targets 1,200km away.", [("distance", 1200, None)], []),
    ("The missile has a range of 800km (500 miles).", [("distance", 800, None)], [("distance", 500)]),
    ("The patrol ranged some 350nm from the base.", [("distance", 350, None)], []),
    (
        "The jets flew 2,000 kilometres (1,240 miles) to reach the base.",
        [("distance", 2000, None)],
        [("distance", 1240)],
    ),
    ("The radar covers 400km of coastline.", [("distance", 400, None)], []),
]

TOLL_ACROSS_A_DATED_CLAUSE: list[Row] = [
    ("The toll since the truce began on 12 May has risen to 310.", [("killed", 310, "cumulative")], []),
    ("The death toll since the campaign started on Sept. 2 now stands at 87.", [("killed", 87, "cumulative")], []),
    (
        "The number of dead since the offensive opened on 3 March has reached 1,420.",
        [("killed", 1420, "cumulative")],
        [],
    ),
    ("Deaths since the ceasefire took hold on October 11 have climbed to 214.", [("killed", 214, "cumulative")], []),
    ("The toll from strikes since the first one on Aug. 30 rose to 58.", [("killed", 58, "cumulative")], []),
]

PARTITIVE_SUBSETS: list[Row] = [
    (
        "Jets struck three speedboats. Two of the speedboats carried four men each, while the third had one aboard.",
        [("ships", 3, None)],
        [("ships", 2)],
    ),
    (
        "Forces struck four boats on Monday; three of the boats sank within minutes.",
        [("ships", 4, None)],
        [("ships", 3)],
    ),
    (
        "The flotilla includes six destroyers, two of which are armed with cruise missiles.",
        [("ships", 6, None)],
        [("ships", 2)],
    ),
    ("Of the 14 vessels seized, five of them were flagged in Panama.", [("ships", 14, None)], [("ships", 5)]),
    ("Navy ships stopped nine tankers; four of those tankers were sent back.", [("ships", 9, None)], [("ships", 4)]),
]

ONE_EPISODE: list[Row] = [
    (
        "Three strikes on Sunday night killed 14 people aboard four boats.",
        [("killed", 14, "event"), ("strikes", 3, "event")],
        [],
    ),
    ("Over two days, the Navy attacked three vessels, killing a total of 11 people.", [("killed", 11, "event")], []),
    (
        "In recent hours, two strikes killed nine crew members on separate skiffs.",
        [("killed", 9, "event"), ("strikes", 2, "event")],
        [],
    ),
    (
        "Forces conducted two strikes in quick succession on Thursday, killing a total of five.",
        [("killed", 5, "event")],
        [],
    ),
    ("The military hit two boats overnight, leaving six dead.", [("killed", 6, "event")], []),
    ("The strikes killed 9 people on Oct. 14 off the coast.", [("killed", 9, "event")], []),
]

STRIKES_AS_A_VERB: list[Row] = [
    ("Navy strikes boat off Colombia, killing 5", [("killed", 5, "event")], []),
    ("US military hits suspected smuggling vessel, killing three", [("killed", 3, "event")], []),
    ("Southern Command strikes another drug boat, leaving 4 dead", [("killed", 4, "event")], []),
    ("Pentagon strikes alleged narco-sub in Pacific, killing two crew", [("killed", 2, "event")], []),
    ("American forces strike vessel near Aruba, killing six", [("killed", 6, "event")], []),
]

PARTS_OF_A_RUNNING_TOTAL: list[Row] = [
    (
        "Since early September, US strikes have killed 104 people. Eleven others are presumed dead.",
        [("killed", 104, "cumulative"), ("killed", 11, "cumulative")],
        [],
    ),
    (
        "At least 140 people have died in the strikes since the autumn. The remaining six were lost at sea.",
        [("killed", 140, "cumulative"), ("killed", 6, "cumulative")],
        [],
    ),
    (
        "Officials say 75 have been killed since the operation began. Nine others are presumed dead.",
        [("killed", 75, "cumulative"), ("killed", 9, "cumulative")],
        [],
    ),
    (
        "The campaign has killed 66 people so far. Seven others are believed dead.",
        [("killed", 66, "cumulative"), ("killed", 7, "cumulative")],
        [],
    ),
    (
        "The strikes have killed at least 120 people in total. Another 12 others are presumed dead.",
        [("killed", 120, "cumulative"), ("killed", 12, "cumulative")],
        [],
    ),
]

NEIGHBOUR_CLAUSE_CUES: list[Row] = [
    (
        "The strike on Monday killed four people, while the campaign has killed 96 since September.",
        [("killed", 4, "event"), ("killed", 96, "cumulative")],
        [],
    ),
    (
        "Since September the campaign has killed 96 people, and a strike on Monday killed four.",
        [("killed", 96, "cumulative"), ("killed", 4, "event")],
        [],
    ),
    (
        "Hegseth said the strikes have killed 80 people in total, but the attack on Friday killed only two.",
        [("killed", 80, "cumulative"), ("killed", 2, "event")],
        [],
    ),
    (
        "After weeks of strikes that have killed more than 70 people, a raid on Sunday killed three.",
        [("killed", 70, "cumulative"), ("killed", 3, "event")],
        [],
    ),
    (
        "The Navy struck a boat on Tuesday, killing five people, bringing the campaign's toll to 88.",
        [("killed", 5, "event"), ("killed", 88, "cumulative")],
        [],
    ),
]

COORDINATED_COUNTS: list[Row] = [
    (
        "Six were killed and 14 were injured in the blast.",
        [("killed", 6, "event"), ("wounded", 14, "event")],
        [("killed", 14)],
    ),
    (
        "Four sailors died and 11 were wounded when the ship was hit.",
        [("killed", 4, None), ("wounded", 11, None)],
        [("killed", 11)],
    ),
    ("The raid left 3 dead and 9 hurt.", [("killed", 3, None), ("wounded", 9, None)], [("killed", 9)]),
    (
        "Two soldiers were killed and seven injured on Sunday.",
        [("killed", 2, None), ("wounded", 7, None)],
        [("killed", 7)],
    ),
    (
        "At least 12 people were killed and 30 wounded in the attack.",
        [("killed", 12, None), ("wounded", 30, None)],
        [("killed", 30)],
    ),
    ("The strikes killed at least 4 Venezuelans and 2 Colombians.", [("killed", 4, None), ("killed", 2, None)], []),
]


@pytest.mark.parametrize(
    ("text", "want", "absent"),
    [
        *ORDINAL_AND_SYNONYM_STRIKES,
        *ONE_AND_COLLECTIVES,
        *GLUED_UNITS_AND_CONVERSIONS,
        *TOLL_ACROSS_A_DATED_CLAUSE,
        *PARTITIVE_SUBSETS,
        *ONE_EPISODE,
        *STRIKES_AS_A_VERB,
        *PARTS_OF_A_RUNNING_TOTAL,
        *NEIGHBOUR_CLAUSE_CUES,
        *COORDINATED_COUNTS,
    ],
)
def test_failure_class(
    extractor: FigureExtractor, text: str, want: list[Want], absent: list[tuple[str, float]]
) -> None:
    check(extractor, text, want, absent)


@pytest.mark.parametrize("digits", ["9" * 400, "1" * 40, "12345678901234567890"])
def test_absurd_magnitudes_are_no_figures(extractor: FigureExtractor, digits: str) -> None:
    m = NUMBER_RE.search(digits)
    assert m is not None and parse_number(m) is None
    found = figures(extractor, f"The Navy has deployed {digits} troops and 4,000 sailors.")
    assert [f.value for f in found] == [4000]
    assert all(math.isfinite(f.value) for f in found)


def test_explain_names_the_cues_and_contributions(extractor: FigureExtractor) -> None:
    text = "Since September, US strikes have killed 83 people."
    [plain] = figures(extractor, text)
    assert plain.explain is None  # not asked: not computed
    [claim] = extractor.extract(prepare(Article(article_id="t", url="https://example.test/a", text=text), explain=True))
    assert claim.scope == plain.scope == "cumulative"
    assert claim_to_json(claim).get("explain") is None  # only when asked
    explain = claim_to_json(claim, explain=True)["explain"]
    assert "lead:since" in explain["cues"] and "same:perfect" in explain["cues"]
    assert explain["clause"].startswith("US strikes have killed 83")
    assert explain["probability"] > 0.5
    names = [name for name, _ in explain["contributions"]]
    assert "lead:since" in names


def test_monitor_path_computes_no_explanation() -> None:
    """`ClaimExtractor` leaves explanations off unless asked; asked, the claims are the same, each explained."""
    text = (
        "Since September, US strikes have killed 83 people, Defense Secretary Pete Hegseth said. “We will not "
        "stop,” Hegseth told reporters. The Navy has deployed 4,500 sailors and Marines to the region."
    )
    article = Article(article_id="t", url="https://example.test/a", text=text)
    plain = ClaimExtractor(load_watch()).extract(article).claims
    explained = ClaimExtractor(load_watch(), explain=True).extract(article).claims
    assert {c.type for c in plain} >= {"figure", "statement", "actor"}
    assert all(c.explain is None for c in plain)
    assert explained == plain and all(c.explain for c in explained if c.type != "deployment")
