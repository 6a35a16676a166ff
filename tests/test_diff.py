"""The alert rules on made-up claims: one named case per rule (stale, first, highest, copy, variants, sources)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.support.alerts import actor, claims, dep, ev, fig, make_watch, quote, source
from watchers.baseline import baseline_from_claims
from watchers.diff import diff_article, diff_to_payload, find_asset, names_match, quote_overlap
from watchers.models import ActorClaim, Claim, DeploymentClaim, KnownEntity, KnownState

SEED = "seed-a.txt"


def baseline() -> KnownState:
    return baseline_from_claims(
        make_watch(),
        [
            (
                SEED,
                claims(
                    SEED,
                    fig("sailors_detained", 40, sentence="Forty sailors are held in Strelsau."),
                    fig("ransom_demand", 2_000_000, kind="money"),
                    dep("USS Rudolf Rassendyll"),
                    dep("MQ-9 Reaper", "aircraft"),
                    actor("Rupert of Hentzau"),
                    actor("Ruritania", "country", aliases=("Strelsau",)),
                    quote("Rupert of Hentzau", "We will hold the harbour until the blockade ends"),
                ),
            )
        ],
    )


@dataclass
class Case:
    name: str
    articles: list[tuple[str, str, list[Claim]]]  # (article id, story id, claims), in order
    expected: list[tuple[str, str, object]]  # (article id, type, what: new value / asset / name / quote)
    min_sources: int = 2
    history: dict[str, list[tuple[float, bool]]] = field(default_factory=dict)


CASES = [
    Case("stale figure is history, no alert", [("n1", "n1", [fig("sailors_detained", 35)])], [],
         history={"sailors_detained": [(40, True), (35, False)]}),
    Case("equal figure is stale", [("n1", "n1", [fig("sailors_detained", 40)])], []),
    Case("higher figure alerts", [("n1", "n1", [fig("sailors_detained", 52)])], [("n1", "figure_changed", 52)]),
    Case("first figure of a track without baseline", [("n1", "n1", [fig("ships_seized", 3, kind="ships")])],
         [("n1", "figure_changed", 3)]),
    Case("two figures for one track: the highest, once",
         [("n1", "n1", [fig("sailors_detained", 45), fig("sailors_detained", 58), fig("sailors_detained", 30)])],
         [("n1", "figure_changed", 58)],
         history={"sailors_detained": [(40, True), (58, True), (45, False), (30, False)]}),
    Case("figure without a watched track is ignored", [("n1", "n1", [fig(None, 900), fig("other", 5)])], []),
    Case("rising figures across stories alert each time",
         [("n1", "n1", [fig("sailors_detained", 45)]), ("n2", "n2", [fig("sailors_detained", 44)]),
          ("n3", "n3", [fig("sailors_detained", 61)])],
         [("n1", "figure_changed", 45), ("n3", "figure_changed", 61)]),
    Case("a copy raises nothing, even with a higher figure, and keeps it as stale history",
         [("n1", "n1", [fig("sailors_detained", 45)]), ("n2", "n1", [fig("sailors_detained", 145), dep("USS Flavia")])],
         [("n1", "figure_changed", 45)],
         history={"sailors_detained": [(40, True), (45, True), (145, False)]}),
    Case("a copy's figure for a track never read before is history only",
         [("n1", "n1", []), ("n2", "n1", [fig("ships_seized", 4, kind="ships")])], [],
         history={"ships_seized": [(4, False)]}),
    Case("asset variants match the known asset",
         [("n1", "n1", [dep("Rudolf Rassendyll"), dep("USS Rudolf Rassendyll"), dep("the USS Rudolph Rassendyll"),
                        dep("MQ-9 Reapers", "aircraft")])], []),
    Case("an asset name cut short is the known asset", [("n1", "n1", [dep("USS Rudolf"), dep("MQ-9", "aircraft")])],
         []),
    Case("a ship named after a person is no actor",
         [("n1", "n1", [actor("Rudolf Rassendyll")]), ("n2", "n2", [actor("Rudolf Rassendyll")])], []),
    Case("an adjective made from a name is no source",
         [("n1", "n1", [ActorClaim("Elphbergia", "country", ev("They want an Elphbergian-style deal."),
                                   ("Elphbergian",))]),
          ("n2", "n2", [ActorClaim("Elphbergia", "country", ev("Elphbergian-style talks, they said."),
                                   ("Elphbergian",))]),
          ("n3", "n3", [ActorClaim("Elphbergia", "country", ev("Elphbergia sent two frigates."), ("Elphbergian",))])],
         []),
    Case("a name in the evidence is a source, also by an alias",
         [("n1", "n1", [ActorClaim("Elphbergia", "country", ev("Elphbergia sent two frigates."))]),
          ("n2", "n2", [ActorClaim("Elphbergia", "country", ev("The Kingdom of Elphbergia protested."))]),
          ("n3", "n3", [ActorClaim("Republic of Elphbergia", "country", ev("Elph protested."), ("Elph",))])],
         [("n2", "new_actor", "Elphbergia")]),
    Case("a new asset alerts once",
         [("n1", "n1", [dep("USS Flavia"), dep("Flavia")]), ("n2", "n2", [dep("USS Flavia")])],
         [("n1", "new_deployment", "USS Flavia")]),
    Case("a type is an asset by its name: new once, then known in other wording",
         [("n1", "n1", [dep("guided-missile frigates")]), ("n2", "n2", [dep("guided-missile frigate")])],
         [("n1", "new_deployment", "guided-missile frigates")]),
    Case("a more specific type is another type",
         [("n1", "n1", [dep("amphibious ships")]), ("n2", "n2", [dep("amphibious assault ship")])],
         [("n1", "new_deployment", "amphibious ships"), ("n2", "new_deployment", "amphibious assault ship")]),
    Case("a formation named by its ship's type is the known ship of that type",
         [("n1", "n1", [DeploymentClaim("USS Flavia", "ship", ev("The carrier USS Flavia left."), None, ("carrier",))]),
          ("n2", "n2", [dep("carrier strike group", "unit"), dep("carrier group", "unit")])],
         [("n1", "new_deployment", "USS Flavia")]),
    Case("a new actor waits for a second independent story",
         [("n1", "n1", [actor("Colonel Sapt")]), ("n2", "n2", [actor("Fritz von Tarlenheim")]),
          ("n3", "n3", [actor("Sapt")])],
         [("n3", "new_actor", "Colonel Sapt")]),
    Case("copies and repeats in one story are not a second source",
         [("n1", "n1", [actor("Colonel Sapt"), actor("Col. Sapt")]), ("n2", "n1", [actor("Colonel Sapt")])], []),
    Case("one source is enough when the watch says so", [("n1", "n1", [actor("Colonel Sapt")])],
         [("n1", "new_actor", "Colonel Sapt")], min_sources=1),
    Case("known actors and their aliases raise nothing",
         [("n1", "n1", [actor("Rupert Hentzau"), actor("Strelsau", "country")]),
          ("n2", "n2", [actor("Rupert of Hentzau"), actor("Strelsau", "country")])], []),
    Case("a new quote by a known actor is a statement",
         [("n1", "n1", [quote("Rupert of Hentzau", "The harbour stays closed to every foreign ship")])],
         [("n1", "new_statement", "The harbour stays closed to every foreign ship")]),
    Case("a repeated quote, lightly edited or re-attributed, is no statement",
         [("n1", "n1", [quote("Hentzau", "we will hold the harbour until this blockade ends"),
                        quote("Ruritanian Foreign Ministry", "We will hold the harbour until the blockade ends")])],
         []),
    Case("quotes of unknown speakers are not alerted", [("n1", "n1", [quote("Anonymous Sailor", "It is very cold")])],
         []),
]  # fmt: skip


def _what(payload: dict[str, object]) -> object:
    return payload.get("new", payload.get("asset", payload.get("name", payload.get("quote"))))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rules(case: Case) -> None:
    state, watch = baseline(), make_watch(case.min_sources)
    got = []
    for article_id, story_id, items in case.articles:
        for d in diff_article(state, claims(article_id, *items), source(article_id, story_id), watch):
            got.append((article_id, d.type, _what(diff_to_payload(d, article_id))))
        state.stories.setdefault(story_id, "")  # the story is now known; assess records real fingerprints
    assert got == case.expected
    for track, points in case.history.items():
        assert [(p.value, p.accepted) for p in state.history[track]] == points


def test_figure_change_payload_names_old_new_and_baseline_document() -> None:
    state = baseline()
    (d,) = diff_article(state, claims("n1", fig("sailors_detained", 52, sentence="Now 52 are held.")), source("n1"),
                        make_watch())  # fmt: skip
    assert (d.old, d.new, d.track, d.baseline_document) == (40, 52, "sailors_detained", SEED)
    assert diff_to_payload(d, "n1") == {
        "type": "figure_changed", "kind": "personnel", "track": "sailors_detained", "old": 40, "new": 52,
        "article_id": "n1", "sources": 1, "sentence": "Now 52 are held.", "baseline_document": SEED,
    }  # fmt: skip
    assert state.tracks["sailors_detained"] == 52


def test_new_actor_payload_counts_independent_sources() -> None:
    state, watch = baseline(), make_watch()
    diff_article(state, claims("n1", actor("Sapt", "person")), source("n1"), watch)
    (d,) = diff_article(state, claims("n2", actor("Colonel Sapt", "person")), source("n2"), watch)
    payload = diff_to_payload(d, "n2")
    assert (payload["type"], payload["name"], payload["category"], payload["sources"]) == (
        "new_actor", "Colonel Sapt", "person", 2,
    )  # fmt: skip
    assert [a.name for a in state.actors][-1] == "Sapt" and state.candidate_actors == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("USS Flavia", "Flavia", True),
        ("Nicolás Sapt", "Nicolas Sapt", True),
        ("President Rudolf Elphberg", "Rudolf Elphberg", True),
        ("Elphberg", "Rudolf Elphberg", True),
        ("Мария Захарова", "Maria Zakharova", True),
        ("RCG", "Ruritanian Coast Guard", True),
        ("RURCOASTCOM", "Ruritanian Coastal Command", True),
        ("FLE", "Frente de Liberación Elphbergiana", True),
        ("RCG", "Royal Elphbergian Navy", False),
        ("Rudolf", "Rudolf Elphberg", False),  # a first name alone is not the person
        ("MQ-9 Reaper", "MQ-1 Predator", False),
        ("22nd Expeditionary Unit", "24th Expeditionary Unit", False),
        # Russian declines names; Cyrillic and Latin spellings of one name match in any case
        ("Ольгу Соколову", "Olga Sokolova", True),  # accusative
        ("Люсию Мендес", "Lucia Mendes", True),  # "c" before "i" is an "с"
        ("Бреннером", "Brenner", True),  # instrumental
        ("Ивана Петрова", "Ivan Petrov", True),  # genitive
        ("Хельгой Бауэр", "Helga Bauer", True),
        ("Ольгу Соколову", "Olga Smirnova", False),
        ("Марту Лопес", "Marta Ruiz", False),
    ],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same


def test_quote_overlap_is_share_of_the_shorter_quote() -> None:
    assert quote_overlap("hold the harbour", "We will hold the harbour until the blockade ends") == 1.0
    assert quote_overlap("no words in common", "harbour blockade") == 0.0


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Rassendyll group", "USS Rudolf Rassendyll"),  # "the Rassendyll group": the ship's formation
        ("Rassendyll ARG", "USS Rudolf Rassendyll"),
        ("Hentzau group", None),  # a group around a ship nobody knows is not a known asset
    ],
)
def test_a_ships_plain_group_is_the_ship(name: str, known: str | None) -> None:
    pool = [KnownEntity("USS Rudolf Rassendyll", "ship"), KnownEntity("MQ-9 Reaper", "aircraft")]
    found = find_asset(pool, name)
    assert (found.name if found else None) == known
