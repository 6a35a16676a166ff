"""Rules found by the third hand-written alert stream (tests/data/stream3) and the round of fixes on stream2 that
followed it: one table per rule, with sentences of their own (none from the streams)."""

from __future__ import annotations

import pytest

from config.watch import load_watch
from watchers.claims.figures import FigureExtractor
from watchers.claims.learned import load_models
from watchers.claims.text import prepare
from watchers.models import Article

# Two of the watch's keywords, so that its tracks apply to the sentences under test.
TOPICAL = "Venezuela and Maduro were on the agenda. "


@pytest.fixture(scope="module")
def extractor() -> FigureExtractor:
    return FigureExtractor(load_watch(), load_models().get("scope"))


def figures(extractor: FigureExtractor, text: str) -> list[tuple[str, float, str, str | None]]:
    found = extractor.extract(prepare(Article(article_id="t", url="https://x.test/a", text=TOPICAL + text)))
    return [(f.kind, f.value, f.scope, f.track) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tracked standing force is the sum of the deployments so far: a running total
        ("About 9,000 American troops are now stationed in the Caribbean.", ("personnel", 9000, "cumulative")),
        # a second count of the same force, joined after a long clause
        (
            "Nearly 12,000 US troops are now positioned in the southern Caribbean, along with about ten Navy warships.",
            ("ships", 10, None),  # the gold gives a standing force's ship count no scope
        ),
        # "a force that includes": the whole force, not one group's members
        (
            "The battery joins a US force that already includes the nine Navy warships off Venezuela.",
            ("ships", 9, None),
        ),
        # a count named before a relative clause: "the attacks, which ..., now number N"
        ("The attacks on drug boats, which started in early September, now number 41.", ("strikes", 41, "cumulative")),
        # an absolute ordinal: "with the attack the 44th of the campaign"
        ("Two people died, with the attack the 44th of the campaign on drug boats.", ("strikes", 44, "cumulative")),
    ],
)
def test_tracked_forms(extractor: FigureExtractor, text: str, expected: tuple[str, float, str | None]) -> None:
    kind, value, scope = expected
    found = {(k, v): (s, t) for k, v, s, t in figures(extractor, text)}
    assert (kind, value) in found, found
    assert scope is None or found[(kind, value)][0] == scope
    assert found[(kind, value)][1] is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "killing the four men": an article between the killing verb and the count
        ("A missile hit the speedboat near Aruba, killing the four men aboard.", ("killed", 4, "event")),
        ("The drone strike killed all the six crewmen, officials said.", ("killed", 6, "event")),
        # a Spanish perfect inside the noun phrase marks a running total; a simple past does not
        ("Al menos 97 personas han muerto en la campaña contra las lanchas.", ("killed", 97, "cumulative")),
        (
            "Desde septiembre, 90 personas han fallecido en los ataques contra narcolanchas.",
            ("killed", 90, "cumulative"),
        ),
        ("Tres personas murieron el jueves en un ataque contra una lancha.", ("killed", 3, "event")),
        # a dated incident as the subject keeps "in total" an event's; "since" it does not
        ("The Oct. 14 raid on a speedboat killed nine people in total.", ("killed", 9, "event")),
        ("Thursday's strike near Aruba left five dead altogether.", ("killed", 5, "event")),
        ("Since the Oct. 14 raid, the campaign has killed 93 people in total.", ("killed", 93, "cumulative")),
        # "over the weekend" names one incident's time
        ("Three strikes in the eastern Pacific over the weekend sank the boats.", ("strikes", 3, "event")),
        (
            "The campaign toll stands at 130, after two strikes off Colombia over the weekend sank two boats.",
            ("strikes", 2, "event"),
        ),
    ],
)
def test_event_forms(extractor: FigureExtractor, text: str, expected: tuple[str, float, str]) -> None:
    kind, value, scope = expected
    found = {(k, v): s for k, v, s, _ in figures(extractor, text)}
    assert found.get((kind, value)) == scope, found


@pytest.mark.parametrize(
    ("text", "track"),
    [
        # the reward is for someone else when the capture named after "information leading to" is theirs
        ("Washington offered a $10 million reward for information leading to the arrest of Diosdado Cabello.", None),
        ("A $15 million bounty was posted for information that leads to the capture of Tareck El Aissami.", None),
        ("The US offers $50 million for information leading to the arrest of Nicolás Maduro.", "maduro_bounty"),
    ],
)
def test_reward_target(extractor: FigureExtractor, text: str, track: str | None) -> None:
    money = [t for k, _, _, t in figures(extractor, text) if k == "money"]
    assert money == [track]


@pytest.mark.parametrize(
    ("text", "track"),
    [
        # the side of "members of <body>" is the body's, even though it follows "of"
        (
            "Maduro said on Friday that 3.2 million members of the Bolivarian Militia had been mobilised against US"
            " military pressure in the Caribbean.",
            None,
        ),
        ("Some 2,500 soldiers of the Venezuelan army were sent to the coast.", None),
        ("About 7,000 troops of the US Southern Command are now deployed in the Caribbean.", "us_personnel"),
    ],
)
def test_side_of_members(extractor: FigureExtractor, text: str, track: str | None) -> None:
    personnel = [t for k, _, _, t in figures(extractor, text) if k == "personnel"]
    assert personnel == [track]
