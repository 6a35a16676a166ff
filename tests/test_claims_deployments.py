"""Deployment extraction: one table of real-style sentences per rule, written for these tests."""

from __future__ import annotations

import pytest

from config.watch import load_watch
from watchers.claims.deployments import DeploymentExtractor
from watchers.claims.text import prepare
from watchers.diff import find_asset
from watchers.models import Article, DeploymentClaim, KnownEntity


@pytest.fixture(scope="module")
def extractor() -> DeploymentExtractor:
    return DeploymentExtractor(load_watch())


def assets(extractor: DeploymentExtractor, text: str) -> list[DeploymentClaim]:
    return extractor.extract(prepare(Article(article_id="t", url="https://example.test/a", text=text)))


def summary(extractor: DeploymentExtractor, text: str) -> set[tuple[str, str, str | None]]:
    return {(a.asset, a.category, a.side) for a in assets(extractor, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The guided-missile cruiser USS Lake Erie sailed through the Panama Canal toward the Caribbean.",
         {("USS Lake Erie", "ship", "US")}),
        ("USS Lyndon B. Johnson joined the flotilla off Venezuela on Monday.",
         {("USS Lyndon B. Johnson", "ship", "US")}),
        ("US Warship USS Stockdale Docks In Trinidad", {("USS Stockdale", "ship", "US")}),
        ("Sailors aboard the USS Sampson's flight deck watched the drills.", {("USS Sampson", "ship", "US")}),
        ("Officials said the destroyer Thomas Hudner had entered the Caribbean.", {("Thomas Hudner", "ship", None)}),
        ("The Coast Guard cutter James boarded the tanker.", {("James", "ship", "US")}),
    ],
)  # fmt: skip
def test_named_ships(extractor: DeploymentExtractor, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert summary(extractor, text) == expected


def test_name_variants_are_one_asset_with_the_fullest_name(extractor: DeploymentExtractor) -> None:
    text = (
        "The Nimitz Carrier Strike Group left Norfolk for the Caribbean on Tuesday.\n"
        "The USS Chester W. Nimitz is the oldest carrier in the fleet.\n"
        "Commanders aboard the USS Nimitz said the Nimitz would reach the region by Friday."
    )
    found = assets(extractor, text)
    assert [(a.asset, a.category) for a in found] == [("USS Chester W. Nimitz", "ship")]
    ev = found[0].evidence
    assert text[ev.start : ev.end] == ev.sentence and ev.sentence.startswith("The Nimitz Carrier Strike Group")


def test_ready_group_without_a_named_ship(extractor: DeploymentExtractor) -> None:
    text = "The Bataan Amphibious Ready Group is operating in the Caribbean Sea."
    assert summary(extractor, text) == {("Bataan Amphibious Ready Group", "ship", None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pentagon officials confirmed a nuclear-powered attack submarine is operating off South America.",
         {("nuclear-powered attack submarine", "ship")}),
        ("Two Aegis destroyers patrol the approaches to Puerto Rico.", {("Aegis destroyers", "ship")}),
        ("Three amphibious ships carry the Marines and their helicopters.", {("amphibious ships", "ship")}),
        ("Washington has now sent an aircraft carrier to the region.", {("aircraft carrier", "ship")}),
        ("Several warships and naval vessels are in the area.", set()),
    ],
)  # fmt: skip
def test_ship_types(extractor: DeploymentExtractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert {(a.asset, a.category) for a in assets(extractor, text)} == expected


def test_generic_mentions_of_named_ships_are_not_extra_assets(extractor: DeploymentExtractor) -> None:
    text = (
        "The aircraft carrier USS Abraham Lincoln arrived on Sunday.\n"
        "The carrier joins two guided-missile destroyers, USS Sterett and USS Spruance, in the Caribbean.\n"
        "A nuclear submarine is also in the region."
    )
    assert {a.asset for a in assets(extractor, text)} == {
        "USS Abraham Lincoln",
        "USS Sterett",
        "USS Spruance",
        "nuclear submarine",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two B-1B Lancer bombers flew along the Venezuelan coast on Thursday.", {("B-1B Lancer", "aircraft", None)}),
        ("MV-22B Ospreys from the USS Kearsarge landed in Trinidad.",
         {("MV-22B Osprey", "aircraft", "US"), ("USS Kearsarge", "ship", "US")}),
        ("Venezuelan Su-30MK2 fighters shadowed the US ships.", {("Su-30MK2", "aircraft", "Venezuela")}),
        ("A Russian Tu-160 bomber landed at Maiquetia airport.", {("Tu-160", "aircraft", "Russia")}),
        ("В ответ ВВС Венесуэлы подняли истребители Су-30МК2.", {("Су-30МК2", "aircraft", "Venezuela")}),
        ("F-35s and F-35B jets are based in Puerto Rico.", {("F-35B", "aircraft", None)}),
        ("An E-2D Hawkeye and KC-135 tankers supported the mission.",
         {("E-2D Hawkeye", "aircraft", None), ("KC-135", "aircraft", None)}),
        ("The US Navy flies Super Hornets from the carrier deck.", {("Super Hornet", "aircraft", "US")}),
    ],
)  # fmt: skip
def test_aircraft(extractor: DeploymentExtractor, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert summary(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Venezuela showed off Russian-made Buk-M2E air defense systems at the parade.",
         {("Buk-M2E", "weapon_system", "Venezuela")}),
        ("Caracas has positioned S-300VM batteries near the coast.", {("S-300VM", "weapon_system", "Venezuela")}),
        ("US destroyers carry Tomahawks that can hit targets far inland.", {("Tomahawk", "weapon_system", "US"),
                                                                           ("destroyers", "ship", "US")}),
        ("The Igla-S is a shoulder-fired missile in Venezuela's arsenal.", {("Igla-S", "weapon_system", "Venezuela")}),
        ("The weapon is similar to the American Stinger missile.", set()),
        ("He called himself a patriot at the rally.", set()),
    ],
)  # fmt: skip
def test_weapon_systems(extractor: DeploymentExtractor, text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert summary(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marines of the 26th Marine Expeditionary Unit trained in Puerto Rico.", {"26th Marine Expeditionary Unit"}),
        ("Paratroopers from the 82nd Airborne Division were put on alert.", {"82nd Airborne Division"}),
        ("The ships belong to the U.S. Fourth Fleet.", {"Fourth Fleet"}),
        ("Carrier Strike Group 10 and Destroyer Squadron 26 sailed together.",
         {"Carrier Strike Group 10", "Destroyer Squadron 26"}),
        ("The mission is run by Joint Task Force Southern Spear.", {"Joint Task Force Southern Spear"}),
        ("A Coast Guard Maritime Security Response Team boarded the tanker.",
         {"Coast Guard Maritime Security Response Team"}),
        ("Airman 1st Class Jane Roe refueled the jets.", set()),
        ("Delta Force operators flew in on helicopters of the Night Stalkers.", {"Delta Force", "Night Stalkers"}),
    ],
)  # fmt: skip
def test_units(extractor: DeploymentExtractor, text: str, expected: set[str]) -> None:
    found = assets(extractor, text)
    assert {a.asset for a in found} == expected
    assert all(a.category == "unit" for a in found)


def test_aircraft_name_merges_with_its_designator(extractor: DeploymentExtractor) -> None:
    text = "Two MQ-9 Reaper drones flew from Puerto Rico. The Reaper drones stayed aloft for hours."
    assert [a.asset for a in assets(extractor, text)] == ["MQ-9 Reaper"]


def test_unit_abbreviation_merges_with_full_name(extractor: DeploymentExtractor) -> None:
    text = "The 24th Marine Expeditionary Unit is aboard. The 24th MEU has 2,000 Marines."
    assert [a.asset for a in assets(extractor, text)] == ["24th Marine Expeditionary Unit"]


def test_assets_only_elsewhere_are_not_deployed(extractor: DeploymentExtractor) -> None:
    text = "The USS Bulkeley is in the Red Sea, an official said.\nThe USS Gonzalez arrived in the Caribbean on Monday."
    assert [a.asset for a in assets(extractor, text)] == ["USS Gonzalez"]


def test_type_word_before_a_name_is_that_ship(extractor: DeploymentExtractor) -> None:
    text = "The Russian frigate Admiral Golovko and the nuclear-powered submarine Arkhangelsk docked in Havana."
    assert summary(extractor, text) == {("Admiral Golovko", "ship", "Russia"), ("Arkhangelsk", "ship", "Russia")}


@pytest.mark.parametrize(
    "text",
    [
        "Students on J-1 visas and workers with F-1 status were told to wait.",
        "The company withdrew its S-1 filing on Monday.",
        "The national carrier Conviasa suspended flights to Madrid.",
        "He ate a sub at the airport.",
    ],
)
def test_codes_and_words_that_are_not_assets(extractor: DeploymentExtractor, text: str) -> None:
    assert assets(extractor, text) == []


def test_no_assets_in_plain_text(extractor: DeploymentExtractor) -> None:
    assert assets(extractor, "The Senate voted 49-51 on the resolution after a long debate on Thursday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El Pentágono envió un submarino nuclear al Caribe.", {("submarino nuclear", "ship", None)}),
        ("La Armada desplegó dos submarinos de ataque en la zona.", {("submarinos de ataque", "ship", None)}),
        ("The task force operates autonomous unmanned surface vessels in the Caribbean.",
         {("autonomous unmanned surface vessels", "ship", None)}),
        ("The dock landing ship Whidbey Island arrived in the region.", {("Whidbey Island", "ship", None)}),
        ("The amphibious transport dock Mesa Verde left port for the Caribbean.", {("Mesa Verde", "ship", None)}),
        ("Marine Harriers flew patrols over the Caribbean.", {("Harrier", "aircraft", "US")}),
        ("The destroyer USS Thomas Hudner docked in Port of Spain on Sunday.",  # Trinidad's capital, not Spain
         {("USS Thomas Hudner", "ship", "US")}),
        ("MQ-9B SkyGuardian drones flew from El Salvador over the eastern Pacific.",
         {("MQ-9B SkyGuardian", "aircraft", None)}),
        ("Operators of the 1st Special Forces Operational Detachment-Delta led the raid on Caracas.",
         {("Special Forces Operational Detachment-Delta", "unit", None)}),  # the target of a raid is not its owner
    ],
)  # fmt: skip
def test_held_out_asset_phrasings(
    extractor: DeploymentExtractor, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert summary(extractor, text) == expected


# Round 5: a ship's group named without its type word, and "MV" ships by what introduces them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Navy said the Wasp group would stay in the Caribbean through March.", {"Wasp group"}),
        ("Two destroyers left to rejoin the Bataan group off Puerto Rico.", {"Bataan group", "destroyers"}),
        ("The Wagner group sent instructors to Caracas, officials said.", set()),  # no naval word
        ("The Lima Group condemned the naval buildup.", set()),  # a capitalised Group is a body's name
        ("The Cartel de los Soles group moved cocaine through naval bases.", set()),  # the end of a longer name
        ("The force includes the special operations mothership MV Ocean Trader.", {"MV Ocean Trader"}),
        ("Coast Guard teams boarded the oil tanker MV Skipper off Venezuela.", set()),  # a merchant ship: a target
        ("A Russian Yasen-class submarine called at Havana on Monday.", {"Yasen-class submarine"}),  # a class name
    ],
)  # fmt: skip
def test_round5_groups_and_mv_ships(extractor: DeploymentExtractor, text: str, expected: set[str]) -> None:
    assert {a.asset for a in assets(extractor, text)} == expected


@pytest.mark.parametrize(
    ("text", "asset"),
    [
        # an amphibious type whose noun names it alone needs no "amphibious"
        ("Some 1,500 Marines waited on assault ships off St. Croix.", "assault ships"),
        ("Two dock landing ships reached the Caribbean on Friday.", "dock landing ships"),
        ("A transport dock arrived in the Caribbean with helicopters aboard.", "transport dock"),
        ("The amphibious assault ship sailed for the Caribbean.", "amphibious assault ship"),
        # ... while a plain "ships" still does
        ("Amphibious ships carrying Marines moved into the Caribbean.", "Amphibious ships"),
    ],
)
def test_amphibious_types_named_by_their_noun(extractor: DeploymentExtractor, text: str, asset: str) -> None:
    assert [(a.asset, a.category) for a in assets(extractor, text)] == [(asset, "ship")]


def test_plain_ships_are_no_type(extractor: DeploymentExtractor) -> None:
    assert assets(extractor, "Cargo ships waited in the Caribbean for the storm to pass.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a"/"an" introduces a ship of its own beside the named ones ...
        ("The USS Halvorsen reached the Caribbean, with 900 Marines aboard an amphibious assault ship.",
         {"USS Halvorsen", "amphibious assault ship"}),
        ("USS Marlow docked in Ponce; a guided-missile cruiser followed a day later.",
         {"USS Marlow", "guided-missile cruiser"}),
        ("The USS Okonjo left port, and another frigate joined it off Aruba.", {"USS Okonjo", "frigate"}),
        # ... but describing a named ship, or referring back to it, it is that ship
        ("The USS Halvorsen, a guided-missile cruiser, reached the Caribbean.", {"USS Halvorsen"}),
        ("USS Marlow is a destroyer based in Mayport; the destroyer reached Ponce.", {"USS Marlow"}),
        ("The USS Okonjo reached the Caribbean. The frigate will stay a month.", {"USS Okonjo"}),
    ],
)  # fmt: skip
def test_an_indefinite_type_beside_named_ships_is_a_ship_of_its_own(
    extractor: DeploymentExtractor, text: str, expected: set[str]
) -> None:
    assert {a.asset for a in assets(extractor, text)} == expected


@pytest.mark.parametrize(
    ("text", "ship", "alias"),
    [
        ("The aircraft carrier USS Nathan Brill arrived on Sunday.", "USS Nathan Brill", "aircraft carrier"),
        ("The newest aircraft carrier, USS Nathan Brill, sailed south.", "USS Nathan Brill", "aircraft carrier"),
        ("Marines boarded the amphibious assault ship USS Corvina.", "USS Corvina", "amphibious assault ship"),
        ("The guided-missile destroyer USS Pell fired on the boat.", "USS Pell", "guided-missile destroyer"),
        ("The frigate USS Adair docked in Roseau.", "USS Adair", "frigate"),
    ],
)
def test_a_ship_keeps_the_type_it_was_introduced_with(
    extractor: DeploymentExtractor, text: str, ship: str, alias: str
) -> None:
    (found,) = assets(extractor, text)
    assert (found.asset, found.aliases) == (ship, (alias,))


def test_ships_of_a_plural_type_do_not_take_it_as_their_name(extractor: DeploymentExtractor) -> None:
    found = assets(extractor, "Two destroyers, USS Pell and USS Adair, reached Aruba.")
    assert {(a.asset, a.aliases) for a in found} == {("USS Pell", ()), ("USS Adair", ())}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agency's tactical team: its acronym, a name and Team/Squad/Detachment
        ("DEA Special Operations Team agents joined the raid in Caracas.", {"DEA Special Operations Team"}),
        ("An ATF Special Response Team stood by at the port.", {"ATF Special Response Team"}),
        ("CBP Tactical Unit Squad members boarded the boat off Puerto Rico.", {"CBP Tactical Unit Squad"}),
        ("USMS Special Operations Detachment officers escorted the prisoner.", {"USMS Special Operations Detachment"}),
        ("FBI Evidence Recovery Team members searched the compound in Caracas.", {"FBI Evidence Recovery Team"}),
        # without an agency's acronym, a team is just a team
        ("The National Football Team played in Caracas on Sunday.", set()),
        ("The USA Baseball Team beat Venezuela in Caracas.", set()),  # a country's team plays
        ("A legal team from Caracas filed the appeal.", set()),
    ],
)
def test_an_agencys_tactical_team_is_a_unit(extractor: DeploymentExtractor, text: str, expected: set[str]) -> None:
    assert {a.asset for a in assets(extractor, text) if a.category == "unit"} == expected


@pytest.mark.parametrize(
    "text",
    [
        # units of another war, where only that war is named, are not deployed in the theatre
        "The 93rd Mechanized Brigade held the line near Bakhmut, in Ukraine's east.",
        "The 3rd Assault Brigade is among the best-equipped units in the Ukrainian army.",
        "The 101st Airborne Division rotated out of Iraq in 2008.",
        "Israeli F-16 jets struck targets in Gaza overnight.",
        "Russian Su-34 bombers flew sorties over Syria last year.",
    ],
)
def test_assets_in_other_wars_are_not_deployed(extractor: DeploymentExtractor, text: str) -> None:
    assert assets(extractor, text) == []


KNOWN = "Two Aegis destroyers and three amphibious ships patrol. A nuclear-powered submarine is near Aruba."


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # a type by its one-word base noun is the type already known, whatever its modifiers
        ("Two guided-missile destroyers reached the Caribbean.", "Aegis destroyers"),
        ("A guided-missile destroyer reached the Caribbean.", "Aegis destroyers"),
        ("An attack submarine reached the Caribbean.", "nuclear-powered submarine"),
        # a more specific type, or another type, is new
        ("Marines waited aboard an amphibious assault ship in the Caribbean.", None),
        ("A guided-missile cruiser reached the Caribbean.", None),
        ("Two dock landing ships reached the Caribbean.", None),
    ],
)
def test_a_type_is_known_by_its_base_noun(extractor: DeploymentExtractor, text: str, known: str | None) -> None:
    pool = [KnownEntity(a.asset, a.category, list(a.aliases)) for a in assets(extractor, KNOWN)]
    (found,) = assets(extractor, text)
    match = find_asset(pool, found.asset, list(found.aliases))
    assert (match.name if match else None) == known
