"""Actor failure classes met on unseen articles, each a table of sentences written for its mechanism (other names
and wording than the dev sets): page clutter by layout, capitals in languages we do not read, names used as
modifiers, organisations the lexicon lacks, names cut at the wrong place, routes and history asides, and lexicon
names the article never uses. Also `claimwatch extract --explain`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from config.watch import load_watch
from flows.cli import app
from watchers.claims.actors import ActorExtractor, fit_actor_model
from watchers.claims.fitting import FITTERS, AnnotatedArticle
from watchers.claims.learned import load_models
from watchers.claims.text import detect_language, is_heading, prepare
from watchers.models import ActorClaim, Article, DeploymentClaim, Evidence, claim_to_json


@pytest.fixture(scope="module")
def extractor() -> ActorExtractor:
    return ActorExtractor(load_watch())


def _actors(extractor: ActorExtractor, text: str) -> list[ActorClaim]:
    return extractor.extract(prepare(Article(article_id="t", url="https://example.test/a", text=text)))


def _names(extractor: ActorExtractor, text: str) -> set[str]:
    return {a.name for a in _actors(extractor, text)}


def _check(extractor: ActorExtractor, text: str, present: set[str], absent: set[str]) -> None:
    names = _names(extractor, text)
    assert present <= names, names
    assert not absent & names, names


BODY = "The coast guard of Grenada intercepted a speedboat on Tuesday, officials said."


# --------------------------------------------------------------------------- page clutter, by layout


@pytest.mark.parametrize(
    ("clutter", "absent"),
    [
        # a numbered teaser widget, its header glued to the first item
        (
            "More Reading\nlist of 3 items- list 1 of 3Why Oslo hosts the talks with Lukashenko",
            {"Norway", "Lukashenko"},
        ),
        ("- list 2 of 5Brazil weighs a new gas deal with Bolivia", {"Brazil", "Bolivia"}),
        # a title-case subhead: its capitals are not names
        ("Fresh Doubts Over Harbour Deal", {"Fresh Doubts", "Harbour Deal"}),
        ("Quiet Diplomacy Behind Closed Doors", {"Quiet Diplomacy", "Closed Doors"}),
        # a names-only byline line and a dated byline line
        ("Marta Olsen and Piet Vrijman", {"Marta Olsen", "Piet Vrijman"}),
        ("Kofi Mensah, Daily Wire Service March 3, 2026 at 9:15 PM", {"Kofi Mensah"}),
    ],
)
def test_page_clutter_names_no_actor(extractor: ActorExtractor, clutter: str, absent: set[str]) -> None:
    names = _names(extractor, f"{BODY}\n{clutter}\nThe boat carried 200 kilograms of cocaine.")
    assert "Grenada" in names
    assert not absent & names, names


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Talks Stall as Ports Reopen", True),
        ("Harbour Chief Steps Down", True),
        ("Ana Ruiz and Tom Baker", True),
        ("The minister said the talks would resume.", False),
        ("Officials met in Lima on Monday to discuss the harbour", False),
        ("“We Will Not Back Down,” He Said.", False),
    ],
)
def test_a_heading_is_title_case_without_sentence_punctuation(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


# --------------------------------------------------------------------------- languages we do not read


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Regierung hat am Montag mitgeteilt, dass die Schiffe nicht mit der Fracht auslaufen.", "de"),
        ("Le gouvernement a annoncé que les navires ne sont pas sortis du port avec la cargaison.", "fr"),
        ("O governo disse que os navios não saíram do porto com a carga e que a polícia investiga.", "pt"),
        ("El gobierno dijo que los barcos no salieron del puerto con la carga y que la policía investiga.", "es"),
        ("The government said the ships had not left the port with the cargo, and that police were looking.", "en"),
        ("Правительство заявило, что суда не покидали порт с грузом.", "ru"),
        ("قالت الحكومة إن السفن لم تغادر الميناء", "other"),
    ],
)
def test_each_paragraph_has_its_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # German capitalises every noun: none of these is a person
        (
            "Die Frachter seien mit schwerem Gerät nach Kuba gefahren, teilte die Behörde mit.",
            set(),
            {"Die Frachter", "Gerät", "Die Behörde"},
        ),
        ("An Bord waren zwölf Soldaten und viele Kisten Munition aus Russland.", set(), {"An Bord", "Kisten Munition"}),
        (
            "Laut Angaben der Marine wurden drei Boote Richtung Norden gesteuert.",
            set(),
            {"Laut Angaben", "Boote Richtung"},
        ),
        # French and Portuguese likewise; names the lexicon knows still count
        ("Selon Le Monde Diplomatique, Caracas a reçu les avions la semaine dernière.", {"Venezuela"}, {"Le Monde"}),
        ("Segundo Fontes Oficiais, os aviões chegaram a Havana na semana passada.", {"Cuba"}, {"Fontes Oficiais"}),
    ],
)
def test_capitals_in_unread_languages_are_not_guessed_as_names(
    extractor: ActorExtractor, text: str, present: set[str], absent: set[str]
) -> None:
    _check(extractor, text, present, absent)


# --------------------------------------------------------------------------- names used as modifiers


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a leader's possessive before "administration" names the administration (and the leader)
        ("President Javier Milei’s administration froze the accounts.", {"Javier Milei’s administration"}, set()),
        ("Rodrigo Chaves's administration denied the request.", {"Rodrigo Chaves's administration"}, set()),
        # an official of an institution acts for it
        ("A Pentagon official said the drills would continue.", {"Pentagon"}, set()),
        ("Two Kremlin officials declined to comment on the flights.", {"Russia"}, set()),
        ("Under pressure from the White House, two senators changed their votes.", {"White House"}, set()),
        # the chief of a body holds a title: the body takes no part by it
        ("Southern Command chief Ellen Marsh toured the base.", {"Ellen Marsh"}, {"U.S. Southern Command"}),
        ("Coast Guard commander Ilse Varga urged calm.", {"Ilse Varga"}, {"U.S. Coast Guard", "Coast Guard"}),
    ],
)
def test_names_used_as_modifiers(extractor: ActorExtractor, text: str, present: set[str], absent: set[str]) -> None:
    _check(extractor, text, present, absent)


# --------------------------------------------------------------------------- organisations the lexicon lacks


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("The Alliance for Coastal Justice called the seizure illegal.", "Alliance for Coastal Justice"),
        ("Lena Ortiz of the Movement for Fair Elections spoke to reporters.", "Movement for Fair Elections"),
        (
            "A report by the Center for Maritime and Border Studies found gaps.",
            "Center for Maritime and Border Studies",
        ),
        ("The Council on Hemispheric Trade published the figures.", "Council on Hemispheric Trade"),
        (
            "The Office for the Protection of Fishermen said boats stayed ashore.",
            "Office for the Protection of Fishermen",
        ),
    ],
)
def test_organisations_the_lexicon_lacks_keep_their_official_titles(
    extractor: ActorExtractor, text: str, organisation: str
) -> None:
    assert organisation in _names(extractor, text)


# --------------------------------------------------------------------------- names cut at the wrong place


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a known name joined by "and" inside an official title is part of the title
        (
            "The Ministry of Trade and CARICOM Integration issued a note.",
            {"Ministry of Trade and CARICOM Integration"},
            {"Ministry of Trade", "CARICOM"},
        ),
        (
            "The Ministry of Mines and OPEC Relations replied on Friday.",
            {"Ministry of Mines and OPEC Relations"},
            {"OPEC"},
        ),
        # ... but not before a title and a person
        ("Talks between Brazil and Colombia President Gustavo Petro ended.", {"Colombia", "Brazil"}, set()),
        # a title-case subhead does not lengthen a name
        ("Nicolás Maduro Addresses Troops At Fort Tiuna\nMaduro spoke for an hour.", {"Nicolás Maduro"}, set()),
        ("Delcy Rodríguez Meets Envoys\nRodríguez said little.", {"Delcy Rodríguez"}, set()),
    ],
)
def test_names_cut_at_the_right_place(
    extractor: ActorExtractor, text: str, present: set[str], absent: set[str]
) -> None:
    _check(extractor, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a prefixed title is a title ("Then-Secretary", "Ex-President")
        ("Then-Secretary Lidia Ferrand declined to comment.", {"Lidia Ferrand"}, {"Then-Secretary Lidia Ferrand"}),
        ("Ex-President Oscar Villalba spoke on radio.", {"Oscar Villalba"}, {"Ex-President Oscar Villalba"}),
        ("Vice-Admiral Ruth Kane said the patrols would continue.", {"Ruth Kane"}, {"Vice-Admiral Ruth Kane"}),
        # "the town of X" names a place, not a person
        ("The migrants set out from the northern town of Port-Margot at dawn.", set(), {"Port-Margot"}),
        ("Police searched the fishing village of Playa Grande after the landing.", set(), {"Playa Grande"}),
    ],
)
def test_titles_with_prefixes_and_named_places(
    extractor: ActorExtractor, text: str, present: set[str], absent: set[str]
) -> None:
    _check(extractor, text, present, absent)


# --------------------------------------------------------------------------- routes and history asides


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The cargo plane reached Caracas after hopping through Mali, Niger and Chad.", {"Mali", "Niger", "Chad"}),
        ("The tanker sailed via Angola before turning west.", {"Angola"}),
        ("The jet refuelled in Morocco and flew on to Havana.", {"Morocco"}),
        ("Crews transited through Senegal on the way to the Caribbean.", {"Senegal"}),
        ("The 1983 invasion of Grenada is the closest comparison, historians say.", {"Grenada"}),
        ("Like the Panama operation of 1989, the raid was planned for months.", {"Panama"}),
    ],
)
def test_route_countries_and_history_asides_are_not_actors(
    extractor: ActorExtractor, text: str, absent: set[str]
) -> None:
    names = _names(extractor, text)
    assert not absent & names, names


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a route or a history cue only reaches the names of its own clause
        ("The tanker sailed via Aruba; Colombia protested the seizure.", {"Colombia"}, {"Aruba"}),
        ("Crews flew over Belize, but Guatemala said it was not told.", {"Guatemala"}, {"Belize"}),
        ("The 1989 invasion of Panama is recalled — Panama itself condemned the raid.", {"Panama"}, set()),
        ("Analysts compare it to the 1965 intervention, while Brazil sent envoys.", {"Brazil"}, set()),
        ("Pilots refuelled in Aruba: Haiti later closed its airspace.", {"Haiti"}, {"Aruba"}),
        # passed through first, a party later: a party
        ("The jet flew over Belize. Belize protested on Monday.", {"Belize"}, set()),
        # a route passes places, not institutions
        ("Two jets flew over the Coast Guard cutter off Aruba.", {"Coast Guard"}, set()),
        # a year in a law's name tells no history
        ("The Alien Enemies Act of 1798 gives Congress no say, lawyers told the court.", {"Congress"}, set()),
        ("Under the War Powers Resolution of 1973, Congress must be told within 48 hours.", {"Congress"}, set()),
    ],
)
def test_keyword_filters_stay_in_their_clause(
    extractor: ActorExtractor, text: str, present: set[str], absent: set[str]
) -> None:
    _check(extractor, text, present, absent)


# --------------------------------------------------------------------------- lexicon names the article never uses


@pytest.mark.parametrize(
    ("text", "name", "lexicon_name"),
    [
        ("The Socialist Party held a rally in Caracas.", "Socialist Party", "United Socialist Party of Venezuela"),
        ("The FAA told airlines to be careful.", "FAA", "Federal Aviation Administration"),
        ("SOUTHCOM posted a video of the strike.", "SOUTHCOM", "U.S. Southern Command"),
        ("Petro answered on social media.", "Petro", "Gustavo Petro"),
        ("The Treasury froze the assets on Monday.", "Treasury", "Department of the Treasury"),
    ],
)
def test_names_as_written_with_the_lexicon_name_as_alias(
    extractor: ActorExtractor, text: str, name: str, lexicon_name: str
) -> None:
    by_name = {a.name: a for a in _actors(extractor, text)}
    assert name in by_name, by_name
    assert lexicon_name not in by_name
    assert lexicon_name in by_name[name].aliases


@pytest.mark.parametrize(
    ("text", "one"),
    [
        # Cyrillic and Latin spellings of one person merge; the surname joins the full name
        ("Senator Ana Kowalczyk spoke first. Later, Анна Ковальчик ответила. Kowalczyk left.", "Ana Kowalczyk"),
        ("Госсекретарь Марко Рубио прибыл. Secretary of State Marco Rubio said so.", "Marco Rubio"),
        ("Minister Sergei Dvornikov arrived. Sergey Dvornikov said he would stay.", "Sergei Dvornikov"),
        ("Nicolás Maduro spoke. Later Nicolas Maduro left the palace.", "Nicolás Maduro"),
        ("Commander Ilya Khegay spoke. Илья Хегай ответил.", "Ilya Khegay"),
        # ... also declined, as Russian declines names: the Latin form names the person
        ("Senator Olga Sokolova spoke first. Журналисты спросили Ольгу Соколову о сделке.", "Olga Sokolova"),
        ("Minister Lucia Mendes arrived. Журналисты спросили Люсию Мендес о визите.", "Lucia Mendes"),
        ("General Ivan Petrov said so. Журналисты повторили слова Ивана Петрова.", "Ivan Petrov"),
        ("Commander Helga Bauer spoke. Журналисты довольны Хельгой Бауэр.", "Helga Bauer"),
        ("Admiral Peter Brenner arrived. Журналисты встретились с Питером Бреннером.", "Peter Brenner"),
    ],
)
def test_spellings_of_one_person_merge(extractor: ActorExtractor, text: str, one: str) -> None:
    people = [a for a in _actors(extractor, text) if a.category == "person"]
    assert len(people) == 1, people
    assert one in (people[0].name, *people[0].aliases)


@pytest.mark.parametrize(
    ("text", "ship"),
    [
        ("The destroyer Lina Marsh sailed south. Lina Marsh carries 300 sailors.", "USS Lina Marsh"),
        ("USS Paul Okafor docked at Roseau; Paul Okafor will stay a week.", "USS Paul Okafor"),
    ],
)
def test_a_ship_named_after_a_person_is_no_person(extractor: ActorExtractor, text: str, ship: str) -> None:
    actors = _actors(extractor, text)
    deployment = DeploymentClaim(ship, "ship", Evidence(text, 0, len(text)))
    names = {a.name for a in extractor.without_units(actors, [deployment])}
    assert not {n for n in names if n in ship}, names


# --------------------------------------------------------------------------- --explain


def test_actors_explain_why_they_are_actors(extractor: ActorExtractor) -> None:
    text = "Cuba protested. The ship then sailed via Jamaica to Cuba. Havana said it would respond."
    doc = prepare(Article(article_id="t", url="https://example.test/a", text=text), explain=True)
    by_name = {a.name: a for a in extractor.extract(doc)}
    cuba = by_name["Cuba"].explain
    assert cuba is not None and cuba["mentions"] == 3 and cuba["lexicon"] == "Cuba"
    assert "lexicon country" in cuba["evidence"]
    assert "Jamaica" not in by_name


def test_extract_explain_flag_adds_explanations_only_when_asked(tmp_path: Path) -> None:
    articles = tmp_path / "a.jsonl"
    text = "President Gustavo Petro said Colombia would not take part. Petro spoke in Bogota."
    articles.write_text(json.dumps({"id": "x1", "url": "https://example.test/x", "title": "", "text": text}) + "\n")
    runner = CliRunner()
    plain = runner.invoke(app, ["extract", str(articles), "--out", str(tmp_path / "plain.jsonl")])
    explained = runner.invoke(app, ["extract", str(articles), "--explain", "--out", str(tmp_path / "ex.jsonl")])
    assert plain.exit_code == 0 and explained.exit_code == 0, (plain.output, explained.output)
    plain_row = json.loads((tmp_path / "plain.jsonl").read_text())
    explained_row = json.loads((tmp_path / "ex.jsonl").read_text())
    assert all("explain" not in c for c in plain_row["claims"])
    actors = [c for c in explained_row["claims"] if c["type"] == "actor"]
    assert actors and all(c["explain"]["mentions"] >= 1 for c in actors)
    # with the explanations taken out, the output is the same
    assert [{k: v for k, v in c.items() if k != "explain"} for c in explained_row["claims"]] == plain_row["claims"]


def test_claim_to_json_keeps_its_shape_without_explain() -> None:
    claim = ActorClaim("Ana Ruiz", "person", Evidence("Ana Ruiz spoke.", 0, 15), explain={"mentions": 1})
    assert "explain" not in claim_to_json(claim)
    assert claim_to_json(claim, explain=True)["explain"] == {"mentions": 1}
    assert claim == ActorClaim("Ana Ruiz", "person", Evidence("Ana Ruiz spoke.", 0, 15))  # explain is not compared


def test_explanations_are_not_stored() -> None:
    from storage.codec import claim_from_dict, claim_to_dict

    claim = ActorClaim("Ana Ruiz", "person", Evidence("Ana Ruiz spoke.", 0, 15), ("Ruiz",), explain={"mentions": 2})
    data = claim_to_dict(claim)
    assert "explain" not in data
    assert claim_from_dict(data) == claim


# --------------------------------------------------------------------------- units are deployments, not actors


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a numbered formation is a unit (deployments.py reads it), not a body taking part
        ("The 93rd Mechanized Brigade moved to the border, Colombia said.", {"Mechanized Brigade"}),
        ("Soldiers of the 4th Infantry Division trained with Colombian troops.", {"Infantry Division"}),
        ("The 21st Signal Battalion set up radios in Cúcuta.", {"Signal Battalion"}),
        ("Pilots of the 305th Air Mobility Wing flew the cargo.", {"Air Mobility Wing"}),
        ("The 2nd Cavalry Regiment stayed in Germany, a spokesman said.", {"Cavalry Regiment"}),
    ],
)
def test_numbered_formations_are_no_actors(extractor: ActorExtractor, text: str, absent: set[str]) -> None:
    names = _names(extractor, text)
    assert not absent & names, names


@pytest.mark.parametrize(
    ("text", "unit", "team", "parent"),
    [
        ("DEA Special Operations Team agents joined the raid.", "DEA Special Operations Team",
         "Special Operations Team", "DEA"),
        ("An ATF Special Response Team stood by at the port.", "ATF Special Response Team",
         "Special Response Team", "ATF"),
        ("FBI Evidence Recovery Team members searched the house.", "FBI Evidence Recovery Team",
         "Evidence Recovery Team", "FBI"),
        ("Army's Delta Force operators led the raid.", "Delta Force", "Delta Force", "Army"),
        ("The Joint Task Force Bravo crews flew in supplies.", "Joint Task Force Bravo", "Joint Task Force Bravo", ""),
    ],
)  # fmt: skip
def test_an_agencys_team_deployed_is_no_actor_but_its_agency_is(
    extractor: ActorExtractor, text: str, unit: str, team: str, parent: str
) -> None:
    actors = _actors(extractor, text)
    kept = {a.name for a in extractor.without_units(actors, [DeploymentClaim(unit, "unit", Evidence(text, 0, 9))])}
    assert team not in kept, kept
    assert not parent or any(parent in name for name in kept) or parent not in {a.name for a in actors}, kept


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        # a team or office named after the agency it belongs to: the agency takes part through it
        ("DEA Special Operations Team agents joined the raid on the port.", "DEA"),
        ("A CIA Ground Branch Team landed near the border.", "CIA"),
        ("ICE Special Response Team officers made the arrests in Miami.", "ICE"),
        ("OPEC Fund Board members met in Vienna on Friday.", "OPEC"),
        ("FBI Evidence Recovery Team members searched the house.", "FBI"),
    ],
)
def test_an_agency_takes_part_through_its_team(extractor: ActorExtractor, text: str, parent: str) -> None:
    assert parent in _names(extractor, text)


# --------------------------------------------------------------------------- the fitted actor model


def _annotated(text: str, gold: list[str]) -> AnnotatedArticle:
    article = Article(article_id=str(abs(hash(text))), url="https://example.test/a", text=text)
    return AnnotatedArticle(article, [{"type": "actor", "name": name} for name in gold])


# Sentences written for this test: the parties act; the countries a flight or a ship only passes do not.
ROUTES = [
    ("Chile protested after the jet flew over Peru.", ["Chile"]),
    ("Brazil said the tanker sailed via Uruguay to reach Santos.", ["Brazil"]),
    ("Mexico condemned the flight, which refuelled in Belize.", ["Mexico"]),
    ("Cuba welcomed the ship, which transited through Jamaica.", ["Cuba"]),
    ("Haiti asked for help; the cargo went via Panama.", ["Haiti"]),
    ("Bolivia complained after the plane flew over Paraguay.", ["Bolivia"]),
]


def test_the_actor_model_learns_from_gold_actors() -> None:
    model = fit_actor_model([_annotated(text, gold) for text, gold in ROUTES], load_watch())
    assert model.name == "actor" and model.weights["weak=route"] < 0
    extractor = ActorExtractor(load_watch(), model)
    doc = prepare(
        Article(article_id="t", url="https://example.test/a", text="Peru protested after the jet flew over Chile.")
    )
    scores = {c.name: model.probability(c.features(doc)) for c in extractor.candidates(doc)}
    assert scores["Peru"] > 0.5 > scores["Chile"], scores


@pytest.mark.parametrize(
    ("text", "actor", "not_actor"),
    [
        ("Ecuador protested after the plane flew over Colombia.", "Ecuador", "Colombia"),
        ("Guyana said the freighter sailed via Suriname.", "Guyana", "Suriname"),
        ("Historians recall the 1983 invasion of Grenada; Honduras condemned the raid.", "Honduras", "Grenada"),
        (
            "Senator Lia Moss, who chairs the panel, said the late Omar Torrijos was a hero.",
            "Lia Moss",
            "Omar Torrijos",
        ),
        ("Argentina voted no; the ship refuelled in Uruguay.", "Argentina", "Uruguay"),
    ],
)
def test_the_shipped_model_scores_every_candidate_and_explains_the_actors(
    extractor: ActorExtractor, text: str, actor: str, not_actor: str
) -> None:
    doc = prepare(Article(article_id="t", url="https://example.test/a", text=text), explain=True)
    scores = {c.name: extractor.model.probability(c.features(doc)) for c in extractor.candidates(doc)}
    assert scores[actor] >= 0.5 > scores[not_actor], scores
    claims = {a.name: a for a in extractor.extract(doc)}
    assert actor in claims and not_actor not in claims
    explain = claims[actor].explain or {}
    assert explain["probability"] == round(scores[actor], 3) and explain["features"]


def test_the_actor_model_is_registered_and_shipped() -> None:
    assert "actor" in FITTERS
    assert load_models()["actor"].weights  # weights/actor.json, refitted by scripts/fit_claims.py


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Журналисты спросили Ольгу Соколову о сделке. Senator Olga Sokolova answered.", "Olga Sokolova"),
        ("Журналисты спросили Люсию Мендес о визите. Minister Lucia Mendes arrived.", "Lucia Mendes"),
        ("Журналисты повторили слова Ивана Петрова. General Ivan Petrov said so.", "Ivan Petrov"),
        ("Журналисты довольны Хельгой Бауэр. Commander Helga Bauer spoke.", "Helga Bauer"),
        ("Журналисты встретились с Питером Бреннером. Admiral Peter Brenner arrived.", "Peter Brenner"),
    ],
)
def test_a_person_is_named_by_the_latin_form_not_a_declined_one(
    extractor: ActorExtractor, text: str, name: str
) -> None:
    assert [a.name for a in _actors(extractor, text) if a.category == "person"] == [name]
