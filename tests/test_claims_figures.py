"""Figure extraction: one table of real-style sentences per rule, written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from config.watch import TrackConfig, WatchConfig, load_watch
from watchers.claims.figures import FigureExtractor
from watchers.claims.learned import load_models
from watchers.claims.numbers import NUMBER_RE, parse_number
from watchers.claims.text import prepare
from watchers.models import Article, FigureClaim


@pytest.fixture(scope="module")
def extractor() -> FigureExtractor:
    return FigureExtractor(load_watch(), load_models().get("scope"))


def figures(extractor: FigureExtractor, text: str) -> list[FigureClaim]:
    return extractor.extract(prepare(Article(article_id="t", url="https://example.test/a", text=text)))


def only(extractor: FigureExtractor, text: str, kind: str, value: float) -> FigureClaim:
    found = [f for f in figures(extractor, text) if f.kind == kind and f.value == value]
    assert len(found) == 1, f"no single {kind}={value} in {figures(extractor, text)}"
    return found[0]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("4,500", 4500),
        ("1.5 million", 1_500_000),
        ("twenty-five", 25),
        ("two dozen", 24),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("$50 MILLION", 50_000_000),
        ("$2.5bn", 2_500_000_000),
    ],
)
def test_number_parsing(raw: str, value: float) -> None:
    m = NUMBER_RE.search(raw.lower())
    assert m is not None
    parsed = parse_number(m)
    assert parsed is not None and parsed.value == value


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("The Navy has moved six guided-missile destroyers into the area.", "ships", 6),
        ("Roughly 3,200 sailors and Marines are aboard the amphibious group.", "personnel", 3200),
        ("Washington has sent some 7,000 troops to Puerto Rico.", "personnel", 7000),
        ("Two F-35B jets landed at the former Roosevelt Roads base.", "aircraft", 2),
        ("Caracas says it still flies 19 Su-30MK2 fighters.", "aircraft", 19),
        ("The army displayed 40 Russian-made anti-aircraft missiles at the parade.", "weapons", 40),
        ("The planes flew within 75 kilometers of the coastline.", "distance", 75),
        ("The island lies only 11 miles off the mainland.", "distance", 11),
        ("The State Department raised its reward to $25 million on Friday.", "money", 25_000_000),
        ("Officials said 14 military strikes had been carried out by Monday night.", "strikes", 14),
        ("The coast guard seized three oil tankers in a week.", "ships", 3),
        ("The carrier can carry about 70 aircraft on deck.", "aircraft", 70),
        ("He said the talks would go on and that 9,000 troops remain on the island.", "personnel", 9000),
    ],
)
def test_kind_from_the_counted_noun(extractor: FigureExtractor, text: str, kind: str, value: float) -> None:
    only(extractor, text, kind, value)


@pytest.mark.parametrize(
    ("text", "value", "scope"),
    [
        ("The strike on Thursday killed five people aboard the speedboat, officials said.", 5, "event"),
        ("Nine people were killed when the vessel was hit.", 9, "event"),
        ("At least 12 bodies of migrants were recovered; among the dead were four children.", 4, "event"),
        ("The bodies of 13 fishermen were recovered near the coast.", 13, "event"),
        ("The attack brought the death toll from the maritime campaign to 74.", 74, "cumulative"),
        ("The death toll from the bombing campaign has now risen to at least 92 people.", 92, "cumulative"),
        ("US strikes on suspected smuggling boats have killed 87 people since early September.", 87, "cumulative"),
        ("Deaths from the campaign have now passed 120, according to a tally by reporters.", 120, "cumulative"),
        ("Kyiv said 950 enemy soldiers were lost over the past 24 hours.", 950, "cumulative"),
        ("So far, 31 people have died in the raids.", 31, "cumulative"),
        ("Havana said 17 of its citizens were killed in the raid.", 17, "event"),
        ("The strikes killed 9 people on Oct. 14 off the coast.", 9, "event"),
        ("The raid killed seven people, the 19th such strike since early September.", 7, "event"),
    ],
)
def test_killed_and_its_scope(extractor: FigureExtractor, text: str, value: float, scope: str) -> None:
    assert only(extractor, text, "killed", value).scope == scope


@pytest.mark.parametrize(
    ("text", "value", "scope"),
    [
        ("It was the 14th such strike since the operation began.", 14, "cumulative"),
        ("Officials confirmed a third deadly attack on a suspected drug boat.", 3, "cumulative"),
        ("The military has carried out 21 strikes on alleged smuggling vessels since September.", 21, "cumulative"),
        ("Forces hit four boats in three strikes on Saturday.", 3, "event"),
        ("Officials said the attack was the 31st since the campaign began.", 31, "cumulative"),
    ],
)
def test_strikes_and_ordinals(extractor: FigureExtractor, text: str, value: float, scope: str) -> None:
    assert only(extractor, text, "strikes", value).scope == scope


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers asked who ordered the second strike on the two survivors clinging to the wreck.",
        "Two survivors clung to the hull.\nThe admiral said he ordered the second strike himself.",
    ],
)
def test_second_strike_in_a_survivors_story_is_not_a_count(extractor: FigureExtractor, text: str) -> None:
    assert [f for f in figures(extractor, text) if f.kind == "strikes"] == []


@pytest.mark.parametrize(
    ("text", "kind", "value", "qualifier", "low"),
    [
        ("More than 6,000 troops are taking part in the drills.", "personnel", 6000, "more than", None),
        ("At least 27 people died in the blaze.", "killed", 27, "at least", None),
        ("Nearly 9,000 sailors are now deployed in the region.", "personnel", 9000, "about", None),
        ("Up to 30 drones were spotted over the base.", "aircraft", 30, "up to", None),
        ("The raid brought the death count of the campaign up to 88.", "killed", 88, None, None),
        ("Six to 8 navy helicopters were sent to help.", "aircraft", 8, "range", 6),
        ("Venezuela has no less than 3,000 such missiles, the general claimed.", "weapons", 3000, "at least", None),
        ("The flotilla now counts over a dozen warships.", "ships", 12, "more than", None),
    ],
)
def test_qualifiers(
    extractor: FigureExtractor, text: str, kind: str, value: float, qualifier: str, low: float | None
) -> None:
    f = only(extractor, text, kind, value)
    assert (f.qualifier, f.low) == (qualifier, low)


def test_money_and_distance_units(extractor: FigureExtractor) -> None:
    assert only(extractor, "Prosecutors seized $1.2 billion in assets.", "money", 1_200_000_000).unit == "USD"
    assert only(extractor, "The radar covers 300 km of coastline.", "distance", 300).unit == "km"
    assert only(extractor, "The jets stayed 40 miles offshore.", "distance", 40).unit == "miles"
    assert (
        only(extractor, "The destroyer sailed 12 nautical miles off the coast.", "distance", 12).unit
        == "nautical miles"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The first strike took place on September 2, 2025.",  # dates and years
        "Talks resumed on 14 October in Doha.",
        "The general, 61, has led the navy since 2019.",  # ages and years
        "The 45-year-old captain was detained.",
        "Explosions were heard at 2 a.m. local time.",  # times
        "Polls give the opposition 70 percent of the vote.",  # percentages
        "Turnout reached 42% in the capital.",
        "The boat carried enough drugs to kill 25 to 50 thousand people, he wrote.",  # hypothetical
        "Dozens of people were killed in the clashes.",  # vague amount
        "Thousands of troops are massing near the border.",
        "Only one or two patrol boats usually work the area.",  # vague range
        "Call 1-800-555-0199 for details.",  # phone number
        "The Category 5 storm hit the island with 180 mph winds.",  # labels and speeds
        "The bill failed in a 49-51 vote.",
        "The video lasted 20 seconds and showed 2 survivors.",
        "The team has lost five straight games.",  # "lost" counts the dead only for people
        "Airlines grounded every Boeing 737 after the warning.",  # a name, not a count
        "Fourteen protesters in 21 cities were detained.",
    ],
)
def test_not_figures(extractor: FigureExtractor, text: str) -> None:
    assert figures(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value", "qualifier"),
    [
        ("Los bombardeos han dejado al menos 57 muertos desde septiembre.", "killed", 57, "at least"),
        ("El Pentágono desplegó más de 12.000 soldados en la región.", "personnel", 12000, "more than"),
        ("El gobierno ofrece 25 millones de dólares por su captura.", "money", 25_000_000, None),
        ("В результате удара погибли 6 человек.", "killed", 6, None),
        ("США перебросили более 8 тысяч военнослужащих в регион.", "personnel", 8000, "more than"),
    ],
)
def test_spanish_and_russian_digits(
    extractor: FigureExtractor, text: str, kind: str, value: float, qualifier: str | None
) -> None:
    assert only(extractor, text, kind, value).qualifier == qualifier


def test_history_opening_a_sentence_is_not_news(extractor: FigureExtractor) -> None:
    assert figures(extractor, "In 1983, the US sent 7,600 troops to Grenada.") == []
    found = figures(extractor, "The air force operates 18 jets bought in 2006.")
    assert [(f.kind, f.value) for f in found] == [("aircraft", 18)]


def test_one_claim_per_kind_and_value_keeps_evidence(extractor: FigureExtractor) -> None:
    text = (
        "Officials said the strike killed four men.\n"
        "The four men were killed in international waters, the statement added."
    )
    found = figures(extractor, text)
    assert [(f.kind, f.value) for f in found] == [("killed", 4)]
    ev = found[0].evidence
    assert text[ev.start : ev.end] == ev.sentence == "Officials said the strike killed four men."


def test_list_of_numbers_shares_its_unit(extractor: FigureExtractor) -> None:
    assert figures(extractor, "The children who died were about seven and nine or ten years old.") == []


def test_borrowed_kind_in_ellipsis(extractor: FigureExtractor) -> None:
    found = figures(extractor, "Forces struck 12 boats, with 7 sunk in the Pacific.")
    assert {(f.kind, f.value) for f in found} == {("ships", 12), ("ships", 7)}


@pytest.mark.parametrize(
    ("text", "kind", "value", "track"),
    [
        ("The strike brought the death toll of the campaign against alleged drug boats to 90.", "killed", 90,
         "boat_strike_deaths"),
        ("In total, 25 strikes have targeted suspected drug vessels since September.", "strikes", 25, "boat_strikes"),
        ("The US now has 16,000 troops deployed in the Caribbean region.", "personnel", 16000, "us_personnel"),
        ("Fourteen US Navy warships are now deployed in the Caribbean.", "ships", 14, "us_warships"),
        ("The reward for information leading to Maduro's capture is now $60 million.", "money", 60_000_000,
         "maduro_bounty"),
        ("Gaza's health ministry said the death toll had risen to 412 since the truce.", "killed", 412, None),
        ("The coast guard seized two oil tankers off the Venezuelan coast.", "ships", 2, None),
        ("Venezuela said it has deployed 25,000 troops along its Caribbean coast.", "personnel", 25000, None),
        ("Venezuela, for its part, announced that 30,000 troops were deployed to the region.", "personnel", 30000,
         None),  # the sentence's opening subject names the side when the clause does not
        ("Washington, for its part, has sent another 12,000 troops to the region.", "personnel", 12000,
         "us_personnel"),
        ("A strike killed six people on a boat on Monday, officials said.", "killed", 6, None),
    ],
)  # fmt: skip
def test_track_from_watch_config(
    extractor: FigureExtractor, text: str, kind: str, value: float, track: str | None
) -> None:
    lead = "Tensions between Washington and Caracas grew as Venezuela mobilized its forces.\n"
    assert only(extractor, lead + text, kind, value).track == track


@pytest.mark.parametrize(
    ("text", "value", "track"),
    [
        ("The USS Nimitz sailed for the Caribbean with four destroyers, the Navy said.", 4, None),
        ("The carrier and the two cruisers escorting it reached the Caribbean on Friday.", 2, None),
        ("The six ships in the Nimitz strike group will join the Caribbean deployment.", 6, None),
        ("Its battle group, deployed to the Caribbean, includes three guided-missile destroyers.", 3, None),
        ("The Navy now has eleven warships deployed in the Caribbean region.", 11, "us_warships"),
        ("Two escorting destroyers joined the USS Iwo Jima in the Caribbean.", 2, None),  # the group in the noun
        ("The Navy moved four frigates accompanying the Iwo Jima to the Caribbean.", 4, None),
    ],
)  # fmt: skip
def test_a_count_of_a_groups_members_is_not_the_regional_total(
    extractor: FigureExtractor, text: str, value: float, track: str | None
) -> None:
    lead = "Tensions between Washington and Caracas grew as Venezuela mobilized its forces.\n"
    assert only(extractor, lead + text, "ships", value).track == track


def test_no_track_in_an_article_off_the_watch(extractor: FigureExtractor) -> None:
    text = "Officials said the death toll from the strikes on fishing boats has risen to 140."
    assert only(extractor, text, "killed", 140).track is None


def test_tracks_come_from_the_watch_not_the_code() -> None:
    watch = WatchConfig(
        name="storm",
        baseline_date=dt.date(2025, 1, 1),
        baseline_documents=[],
        tracks=[
            TrackConfig(
                name="hurricane_deaths",
                kind="killed",
                description="people killed by the hurricane",
                scope="cumulative",
                keywords=["hurricane", "storm", "death toll"],
            )
        ],
    )
    found = figures(FigureExtractor(watch), "The hurricane's death toll has climbed to 48 across the island.")
    assert [(f.kind, f.value, f.track) for f in found] == [("killed", 48, "hurricane_deaths")]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("A four-ship flotilla left Mayport on Friday.", "ships", 4),  # count glued to its noun
        ("The 12-vessel task group is led by a cruiser.", "ships", 12),
        ("Pilots flew a two-bomber mission along the coast.", "aircraft", 2),
        ("The launcher has a 300-kilometer reach.", "distance", 300),
        ("Ships must keep outside a 12-mile zone.", "distance", 12),
        ("The navy still lists 18 airframes as flyable.", "aircraft", 18),  # aircraft noun
        ("Caracas asked for 20 sets of anti-ship missiles.", "weapons", 20),  # a measure holds what it counts
        ("Officials said 300,000 members of the national militia were called up.", "personnel", 300_000),
        ("The company said it would give $3 million to the recovery fund.", "money", 3_000_000),  # reported pledge
        ("The governor said 15 people, most of them fishermen, were killed in the blast.", "killed", 15),
        ("Havana said 21 members of its armed forces died in the raid.", "killed", 21),
        ("El ataque dejó cuatro muertos frente a la costa.", "killed", 4),  # Spanish number words
        ("La Armada envió seis buques a la zona.", "ships", 6),
        ("Al menos 40 personas han muerto en los ataques.", "killed", 40),
        ("Caracas has called up 3 million militia members.", "personnel", 3_000_000),  # a modifier names them
        ("The total killed in the bombing campaign climbed to 131.", "killed", 131),
        ("The Marines sent a force of 2,400 to the island.", "personnel", 2400),  # a bare count after "force of"
        ("Caracas claims to field about 3,000 Igla-S along the coast.", "weapons", 3000),  # a weapon system's name
        ("The destroyers fired 18 Tomahawks at the airfield.", "weapons", 18),
        ("The administration's $15-million bounty on the minister stands.", "money", 15_000_000),  # hyphenated scale
        ("The Coast Guard's 6 cutters in the area boarded the tanker.", "ships", 6),  # a possessive owns the count
        ("The raids killed 5 Venezuelans and 3 Colombians, officials said.", "killed", 3),  # a list shares its verb
        ("The carrier's arrival raised the number of American warships in the area to 13.", "ships", 13),
        ("The new orders bring the total number of U.S. troops in the region to 16,500.", "personnel", 16_500),
        ("Officials say 12K troops are now on the island.", "personnel", 12_000),  # "K" is thousands
        ("The campaign has killed upward of 90 people.", "killed", 90),
    ],
)
def test_held_out_phrasings(extractor: FigureExtractor, text: str, kind: str, value: float) -> None:
    only(extractor, text, kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "Brent crude settled at $71.20 a barrel.",  # a price per unit is a rate, not an amount
        "Diesel now costs $4 per gallon on the island.",
        "The cartel would pay $2 million for a safe route, the report speculated.",  # still hypothetical
        "Ten members of Congress signed the letter.",  # members of a body that is not armed: no personnel
        "Crews have flown at least nine B-1 missions off the coast.",  # counts missions, not bombers
        "Pilots logged 30 F-35 flights from the island last month.",
        "The one-ship navy of the island patrols its waters.",  # one is not a count
    ],
)
def test_held_out_non_figures(extractor: FigureExtractor, text: str) -> None:
    assert figures(extractor, text) == []


# Round 5 (stream2 round): phrasings written for these tests, one row per rule.
@pytest.mark.parametrize(
    ("text", "kind", "value", "scope", "track"),
    [
        # an estimate of the toll: "puts the dead at"
        ("A count by the monitoring group puts the dead in the boat campaign at 104.", "killed", 104, "cumulative",
         "boat_strike_deaths"),
        ("An Airwars tally places the death toll from the boat strikes at between 96 and 99.", "killed", 99,
         "cumulative", "boat_strike_deaths"),
        # "killed a total of"
        ("The boat strikes have killed a total of 92 people, officials said.", "killed", 92, "cumulative",
         "boat_strike_deaths"),
        # "the strikes, now numbering 14": the noun before the verb is counted, as a running total
        ("The boat strikes, which now number 27, began in early September.", "strikes", 27, "cumulative",
         "boat_strikes"),
        ("The attacks on drug boats, now numbering 31, continue.", "strikes", 31, "cumulative", "boat_strikes"),
        ("The dead of the boat campaign now number 101, by one count.", "killed", 101, "cumulative",
         "boat_strike_deaths"),
        # an ordinal after an owner: "the military's 26th"
        ("The strike on the boat was the Navy's 29th since early September.", "strikes", 29, "cumulative",
         "boat_strikes"),
        # one incident summed up "in total" stays an event
        ("Nine crew members died in total in the ambush near the border.", "killed", 9, "event", None),
        ("Six people were killed altogether in Tuesday's raid on the camp.", "killed", 6, "event", None),
        # the whole group named before "all were killed"
        ("Four men were on board and all were killed, Southern Command said.", "killed", 4, "event", None),
        # a complement between the counted noun and its verb
        ("Seventeen soldiers stationed at the airbase near Maracay had been killed, the army said.", "killed", 17,
         "event", None),
        # a range written "between X and Y" is one figure, its upper bound
        ("Between 40 and 45 boats have been struck since September.", "ships", 45, "cumulative", None),
    ],
)  # fmt: skip
def test_round5_phrasings(
    extractor: FigureExtractor, text: str, kind: str, value: float, scope: str, track: str | None
) -> None:
    lead = "The US campaign against alleged drug boats off Venezuela went on, Hegseth said.\n"
    found = only(extractor, lead + text, kind, value)
    assert (found.scope, found.track) == (scope, track)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Bataan group carries roughly 4,200 sailors and Marines into the Caribbean.", 4200),
        ("About 2,500 sailors and Marines are aboard the three amphibious ships in the Caribbean.", 2500),
        ("Some 3,000 Marines were embarked aboard the ships of the amphibious group in the region.", 3000),
        ("The 2,400 Marines of the 26th MEU reached the Caribbean this week.", 2400),
        ("About 1,200 sailors from the carrier air wing are deployed in the region.", 1200),
    ],
)
def test_personnel_of_one_group_is_not_the_regional_total(extractor: FigureExtractor, text: str, value: float) -> None:
    lead = "Tensions between Washington and Caracas grew as the US Navy deployed more forces.\n"
    assert only(extractor, lead + text, "personnel", value).track is None


def test_between_range_has_its_low_bound(extractor: FigureExtractor) -> None:
    found = only(extractor, "Between 105 and 110 people have died in the strikes.", "killed", 110)
    assert (found.low, found.qualifier) == (105, "range")


@pytest.mark.parametrize(
    ("text", "kind", "value", "scope", "track"),
    [
        # Spanish and Russian: "since <month>" / "in total" open a running total; a lone strike noun after 21
        ("С октября в результате ударов по катерам погибли 90 человек.", "killed", 90, "cumulative",
         "boat_strike_deaths"),
        ("Всего американские военные нанесли 31 удар по катерам.", "strikes", 31, "cumulative", "boat_strikes"),
        ("Desde octubre, las fuerzas de EE.UU. han realizado 26 ataques contra lanchas.", "strikes", 26, "cumulative",
         "boat_strikes"),  # "contra" ends the noun phrase: the count is of attacks, not of boats
        ("La cifra de muertos por los ataques asciende a 99 desde septiembre.", "killed", 99, "cumulative",
         "boat_strike_deaths"),
        ("En total, ocho personas murieron en el ataque del martes.", "killed", 8, "event", None),
    ],
)  # fmt: skip
def test_round5_spanish_and_russian(
    extractor: FigureExtractor, text: str, kind: str, value: float, scope: str, track: str | None
) -> None:
    lead = "Los ataques de EE.UU. contra lanchas frente a Venezuela continúan, dijo Hegseth.\n"
    found = only(extractor, lead + text, kind, value)
    assert (found.scope, found.track) == (scope, track)


@pytest.mark.parametrize(
    ("text", "value", "track"),
    [
        # "along with" after a personnel count joins a second total of the same force
        ("The Pentagon now has 14,000 troops, along with 12 Navy warships, in the Caribbean.", 12, "us_warships"),
        # "along with" after a named ship still counts that ship's escorts
        ("The USS Nimitz, along with 3 destroyers, reached the Caribbean.", 3, None),
        # what a buildup includes is the whole force; what a strike group includes is that group
        ("The Caribbean buildup now includes 14 Navy warships.", 14, "us_warships"),
        ("The carrier strike group includes four destroyers deployed in the Caribbean.", 4, None),
    ],
)
def test_along_with_after_a_force_count(extractor: FigureExtractor, text: str, value: float, track: str | None) -> None:
    lead = "Tensions between Washington and Caracas grew as the US Navy deployed more forces.\n"
    assert only(extractor, lead + text, "ships", value).track == track


def test_troops_aboard_a_named_ship_are_its_complement(extractor: FigureExtractor) -> None:
    lead = "Tensions between Washington and Caracas grew as the US Navy deployed more forces.\n"
    text = "About 5,000 sailors are aboard the USS Nimitz and its escorts in the Caribbean."
    assert only(extractor, lead + text, "personnel", 5000).track is None


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon plans to raise the number of troops in the Caribbean to 20,000 by March.",  # far from "plans"
        "Officials are considering sending as many as 25,000 troops to the region.",
        "A Senate proposal would increase the bounty for the Venezuelan leader to $150 million.",
    ],
)
def test_plans_and_proposals_are_not_figures(extractor: FigureExtractor, text: str) -> None:
    assert figures(extractor, text) == []


def test_a_reported_pledge_is_still_a_figure(extractor: FigureExtractor) -> None:
    only(
        extractor, "The Navy said on Monday that it would send 3,000 more sailors to the Caribbean.", "personnel", 3000
    )
