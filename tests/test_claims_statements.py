"""Statement extraction: quotes, their speakers, and the quotes that are not statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.watch import load_watch
from tests.support.dev_scoring import dev_set_f1, load_scorer
from watchers.claims.actors import ActorExtractor
from watchers.claims.quotes import find_quotes, is_statement_quote
from watchers.claims.statements import StatementExtractor
from watchers.claims.text import prepare
from watchers.models import Article, claim_to_json


@pytest.fixture(scope="module")
def extractors() -> tuple[ActorExtractor, StatementExtractor]:
    watch = load_watch()
    return ActorExtractor(watch), StatementExtractor(watch)


def _statements(extractors: tuple[ActorExtractor, StatementExtractor], text: str) -> list[tuple[str, str]]:
    actors, statements = extractors
    doc = prepare(Article(article_id="t", url="https://example.test/a", text=text))
    return [(s.speaker, s.quote) for s in statements.extract(doc, actors.extract(doc))]


@pytest.mark.parametrize(
    ("paragraph", "quotes"),
    [
        ('He said "we will not back down" today.', ["we will not back down"]),
        ("“We are ready,” she said. “The fleet is in place.”", ["We are ready,", "The fleet is in place."]),
        ("the “Al Qaeda” of our hemisphere", ["Al Qaeda"]),
        (
            "“These groups are the “cartels” of the sea, and we will act.”",
            ["These groups are the “cartels” of the sea, and we will act."],
        ),
        ("«Мы готовы ответить», — заявила она.", ["Мы готовы ответить"]),
        ("'Nobody is above the law,' it said in a release.", ["Nobody is above the law,"]),
        ("“The quote goes on into the next paragraph", ["The quote goes on into the next paragraph"]),
        ("The minister's plan and the sailors' boats", []),
    ],
)
def test_find_quotes(paragraph: str, quotes: list[str]) -> None:
    assert [q.text for q in find_quotes(paragraph)] == quotes


@pytest.mark.parametrize(
    ("quote", "ok"),
    [
        ("we will respond", True),
        ("precision", False),
        ("narco terrorists", False),
        ("Operation Southern Spear", False),
        ("Department of War.", False),
        ("BE WARNED — WE ARE COMING FOR YOU", True),
    ],
)
def test_is_statement_quote(quote: str, ok: bool) -> None:
    assert is_statement_quote(quote) is ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speaker after the quote, by surname, resolved to the full name
        (
            "Defense Minister Laura Quintero visited the base. "
            "“Our navy will defend every mile of coast,” Quintero said.",
            [("Laura Quintero", "Our navy will defend every mile of coast,")],
        ),
        # "said" before the speaker, with title
        (
            '"The ships will stay as long as needed," said Rear Adm. Carla Benton, the task force commander.',
            [("Carla Benton", "The ships will stay as long as needed,")],
        ),
        # speaker in the clause before the quote
        (
            "Sen. Mark Holloway told reporters on Tuesday, “Congress must vote before any strike.”",
            [("Mark Holloway", "Congress must vote before any strike.")],
        ),
        (
            "Attorney General Ruth Calder accused the cartel of running “a network of terror and fear.”",
            [("Ruth Calder", "a network of terror and fear.")],
        ),
        # split quote and "he said" → the last named speaker
        (
            "Governor Tom Alvarado spoke at the port. “We are safe tonight,” he said. “The storm has passed.”",
            [("Tom Alvarado", "We are safe tonight,"), ("Tom Alvarado", "The storm has passed.")],
        ),
        # an institution as speaker, and "the agency" resolved to it
        (
            "The FAA warned pilots on Friday. “Operators should exercise caution over the region,” the agency said.",
            [("FAA", "Operators should exercise caution over the region,")],
        ),
        # according to
        (
            "The strike was “fully consistent with the law,” according to the Pentagon.",
            [("Pentagon", "fully consistent with the law,")],
        ),
        # a colon-ended paragraph introduces the next one
        (
            "Trump wrote on Truth Social:\n\n“The boat was carrying poison to our shores. It is gone now.”",
            [("Trump", "The boat was carrying poison to our shores. It is gone now.")],
        ),
        # a pronoun refers to the subject of the sentence before, not to a name in its own clause
        (
            "Judge Paula Ortega opened the hearing. Asked about Maduro, she said, “The court will hear every side.”",
            [("Paula Ortega", "The court will hear every side.")],
        ),
        # a possessive right before the quote, then "he" for the same person
        (
            'The ministry rejected Senator Dale Munro\'s "reckless threat," in which he called the government '
            '"a gang of criminals in suits."',
            [("Dale Munro", "a gang of criminals in suits.")],
        ),
        # "he" after a new person took over as subject
        (
            '"This is not a war," says Rebecca Lin, a historian. Omar Haddad disagreed. '
            'He argued that the fleet "could strike within hours."',
            [("Rebecca Lin", "This is not a war,"), ("Omar Haddad", "could strike within hours.")],
        ),
        # a description between the speaker and the verb, an aside before the verb
        (
            "Speaking to a radio station, Ana Ruiz, an analyst at the Crisis Institute, "
            'said it was "designed to scare."',
            [("Ana Ruiz", "designed to scare.")],
        ),
        # a government as speaker
        (
            "The Venezuelan government condemned the raid as a “grave military aggression against our people.”",
            [("Venezuelan government", "grave military aggression against our people.")],
        ),
        # “…’ closed by a single mark
        (
            "“We are going to stop them, OK? We will stop them,’ President Donald Trump told reporters.",
            [("Donald Trump", "We are going to stop them, OK? We will stop them,")],
        ),
        # "she" is not misled by "they" inside the quote
        (
            "Luisa Marcano, 52, said nobody had called her. “They killed my boy like an animal,” she said.",
            [("Luisa Marcano", "They killed my boy like an animal,")],
        ),
        # "according to" stops before a relative clause naming someone else
        pytest.param(
            "The State Department announced the move. According to a statement released by the department "
            "headed by Marco Rubio, the cartel is “a terrorist organization in all but name.”",
            [("State Department", "a terrorist organization in all but name.")],
            marks=pytest.mark.xfail(
                strict=True, reason="ranking: the agent of 'released by' wins over the description it heads"
            ),
        ),
        # Russian attribution after the quote
        (
            "«В ближайшее время министерство сделает заявление», - сообщила Захарова.",
            [("Захарова", "В ближайшее время министерство сделает заявление")],
        ),
    ],
)
def test_statement_found(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _statements(extractors, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # unnamed sources
        '"The strikes will continue," officials said.',
        "“We saw nothing,” a source told the newspaper.",
        "Analysts warned that the buildup was “a prelude to a wider war.”",
        "U.S. officials have called the government “a criminal enterprise in disguise.”",
        # a country is not a speaker
        "Venezuela called the deployment “an act of open aggression.”",
        # short quotes and names in quotation marks
        'Hegseth called it a "precision" strike.',
        "The Pentagon unveiled plaques reading “Department of War.”",
        # a post reproduced without quotation marks
        "We will find them and stop them. pic.twitter.com/abc123\n"
        "— Secretary of War Pete Hegseth (@SecWar) October 3, 2025",
        # the quote's sentence names no one
        "“Strikes will go on,” read a banner outside the embassy.",
        # "he" whose antecedent is an unnamed spokesperson
        "A Navy spokesperson, quoted by local media, was blunt: he called the maneuver “a reckless show of force.”",
        # quotes inside an embedded post are the post's, not the article's
        'Your "sources" claiming to have "knowledge of the situation" are wrong https://t.co/abc\n'
        "— Jane Roe (@janeroe) October 31, 2025",
    ],
)
def test_not_a_statement(extractors: tuple[ActorExtractor, StatementExtractor], text: str) -> None:
    assert _statements(extractors, text) == []


def test_one_claim_per_distinct_quote(extractors: tuple[ActorExtractor, StatementExtractor]) -> None:
    text = (
        "“We will not be intimidated,” said Foreign Minister Elena Vargas.\n"
        "Vargas repeated: “We will not be intimidated.”"
    )
    assert _statements(extractors, text) == [("Elena Vargas", "We will not be intimidated,")]


def test_evidence_is_the_quote_sentence(extractors: tuple[ActorExtractor, StatementExtractor]) -> None:
    actors, statements = extractors
    text = "The talks failed. “Nobody wants this war,” Prime Minister Ana Ferrer said on Monday."
    doc = prepare(Article(article_id="t", url="https://example.test/a", text=text))
    (claim,) = statements.extract(doc, actors.extract(doc))
    assert claim.evidence.sentence == text[claim.evidence.start : claim.evidence.end]
    assert claim.evidence.sentence.startswith("“Nobody wants this war,”")


def test_dev_set_statement_f1(shared_dir: Path, extractors: tuple[ActorExtractor, StatementExtractor]) -> None:
    """The hand-annotated dev set: statement F1 stays at the product bar (scored with the shared scorer's rules)."""
    actors, statements = extractors
    score = load_scorer(shared_dir)
    f1 = dev_set_f1(
        shared_dir,
        score,
        "statement",
        lambda doc: [claim_to_json(s) for s in statements.extract(doc, actors.extract(doc))],
    )
    assert f1 >= 0.88  # the learned ranking; the rule cascade tuned on this set reached 0.90


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role noun after the quote means the person last titled so
        (
            "“The defendant will sit,” U.S. District Judge Mary Castle told the court. "
            "“You will have your chance,” the judge said.",
            [("Mary Castle", "The defendant will sit,"), ("Mary Castle", "You will have your chance,")],
        ),
        # the speech verb's own clause: the regulator warned, not the airlines
        (
            "Airlines cancelled flights after the Federal Aviation Administration warned of “a risk to every "
            "civilian aircraft.”",
            [("Federal Aviation Administration", "a risk to every civilian aircraft.")],
        ),
        # a description set off after the name ("the only …") is not the speaker
        (
            "Chevron, the last U.S. producer in the country, said its wells “remain in normal operation.”",
            [("Chevron", "remain in normal operation.")],
        ),
        # a next sentence's source is not this quote's source
        (
            "PDVSA called the blockade “an illegal act of war” and promised to keep exporting. "
            "According to two brokers, three tankers turned back.",
            [("PDVSA", "an illegal act of war")],
        ),
        # a new sentence after a closed quote is not its attribution
        (
            "ExxonMobil said its output would “continue to grow this year.” Its rigs in Guyana were not affected, "
            "the company told analysts.",
            [("ExxonMobil", "continue to grow this year.")],
        ),
        # the government of a country speaks, named as the country (as the gold names it)
        (
            "Cuba's government called the seizure “a grotesque act of piracy.”",
            [("Cuba", "a grotesque act of piracy.")],
        ),
        # a quote that runs on into the next paragraph is one statement
        (
            "“We have asked for calm,” said Foreign Minister Elena Vargas. “We will not respond to provocations.\n\n"
            "“Our patience is not weakness,” she continued.",
            [
                ("Elena Vargas", "We have asked for calm,"),
                ("Elena Vargas", "We will not respond to provocations. Our patience is not weakness,"),
            ],
        ),
        # Spanish verbs of saying
        (
            "“No vamos a ceder ante ninguna amenaza”, insistió el canciller Yván Gil.",
            [("Yván Gil", "No vamos a ceder ante ninguna amenaza")],
        ),
    ],
)
def test_attribution_rules(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _statements(extractors, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a sign or banner is not a speaker, whoever was quoted before
        "“We will not leave,” Vargas said. ‘No war for oil,’ read a placard at the gate.",
        # "a quien pidió": the one asked is not the speaker
        pytest.param(
            "El ministro criticó al presidente de Chile, Gabriel Boric, a quien pidió “no opinar sobre nuestros "
            "asuntos”.",
            marks=pytest.mark.xfail(strict=True, reason="ranking: an object relative clause is not a feature yet"),
        ),
    ],
)
def test_attribution_rules_skip(extractors: tuple[ActorExtractor, StatementExtractor], text: str) -> None:
    speakers = {speaker for speaker, _ in _statements(extractors, text)}
    assert "Gabriel Boric" not in speakers
    assert all(quote != "No war for oil," for _, quote in _statements(extractors, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence after a closed quote has its own subject and message: not the quote's attribution
        (
            "Rubio said Washington expected “the release of all prisoners, without exception.” "
            "A State Department official said talks on restoring relations were under way.",
            [("Rubio", "the release of all prisoners, without exception.")],
        ),
        pytest.param(
            "The ministry said the remarks were “a direct threat to our sovereignty.” "
            "Petro replied on X, writing that he had been misled by his advisers.",
            [],
            marks=pytest.mark.xfail(
                strict=True, reason="ranking: a next sentence's subject still beats an unresolved 'the ministry'"
            ),
        ),
        # "the president" is the president who last spoke, not the one last titled so
        (
            "President Donald Trump called President Gustavo Petro a liar. Petro replied on X. "
            "Trump also said tariffs would rise. “He had better stop the drug trade now,” the president said.",
            [("Donald Trump", "He had better stop the drug trade now,")],
        ),
        # Spanish drops the subject: "…", añadió — the speaker is still the last one quoted
        (
            "“No vamos a intervenir en Venezuela”, dijo la presidenta Claudia Sheinbaum.\n\n"
            "La mandataria evitó opinar sobre la legitimidad de Nicolás Maduro. "
            "“Tenemos una buena relación con Washington”, añadió.",
            [
                ("Claudia Sheinbaum", "No vamos a intervenir en Venezuela"),
                ("Claudia Sheinbaum", "Tenemos una buena relación con Washington"),
            ],
        ),
        # a country after the verb is its object: the clause's subject is further back
        (
            "La presidenta Claudia Sheinbaum condenó la operación de Estados Unidos y afirmó que “ningún país "
            "puede intervenir en otro”.",
            [("Claudia Sheinbaum", "ningún país puede intervenir en otro")],
        ),
    ],
)
def test_attribution_rules_from_a_second_round(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _statements(extractors, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agent of a passive is not the subject: Petro rejected the sanctions and said …
        (
            "El presidente Gustavo Petro rechazó las sanciones impuestas por el Departamento del Tesoro y "
            "aseguró que «no vamos a ceder».",
            [("Gustavo Petro", "no vamos a ceder")],
        ),
        # "según" is "according to"
        (
            "Según la Oficina de Control de Activos Extranjeros (OFAC), el ministro «ayudó a lavar dinero del cartel».",
            [("Oficina de Control de Activos Extranjeros", "ayudó a lavar dinero del cartel")],
        ),
        # a Spanish bare verb after the quote: the subject named before it in the same sentence speaks
        (
            "«Hay que negociar ya», dijo Armando Benedetti.\n\nEl canciller Luis Gilberto Murillo pidió calma: "
            "«No podemos romper con nuestro aliado», afirmó.",
            [
                ("Armando Benedetti", "Hay que negociar ya"),
                ("Luis Gilberto Murillo", "No podemos romper con nuestro aliado"),
            ],
        ),
        # the next sentence's source ("according to a tracking firm") is not the quote's
        (
            "Foreign Minister Bruno Rodríguez said Washington had committed “a crime of aggression.” "
            "Oil shipments have stopped, according to tanker-tracking firm Kpler.",
            [("Bruno Rodríguez", "a crime of aggression.")],
        ),
    ],
)
def test_attribution_rules_from_a_third_round(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _statements(extractors, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "what he called": the subject of the clause before it, not the person named earlier
        (
            "Senator Ana Pruitt met the envoy. Honduran President Ramón Cáceres condemned what he called "
            '"a reckless act of aggression."',
            [("Ramón Cáceres", "a reckless act of aggression.")],
        ),
        # "what officials described as": unnamed, skipped even with an institution named before it
        ('Two U.S. Navy jets flew near the coast in what officials described as "a routine patrol mission."', []),
        # the agent of "described by … as" speaks
        (
            "The maneuvers were described by Vice Adm. Lena Ortiz, the fleet's commander, as "
            '"a test of our readiness in every domain."',
            [("Lena Ortiz", "a test of our readiness in every domain.")],
        ),
        # "in a statement read by" names the speaker after the quote
        (
            'The government called the sanctions "an economic crime against our people" in a statement read by '
            "Foreign Minister Tomás Arce.",
            [("Tomás Arce", "an economic crime against our people")],
        ),
        # an attribution ending in a colon introduces the next quote
        (
            'Sen. Joan Miller said the plan was "a war nobody has voted for." Sen. Peter Lund, a co-sponsor, said: '
            '"Congress must decide this, not the White House."',
            [
                ("Joan Miller", "a war nobody has voted for."),
                ("Peter Lund", "Congress must decide this, not the White House."),
            ],
        ),
        # a part opening with a verb continues the earlier subject; the name inside it is an object
        (
            'Elena Ruiz, who had led the party since 2019, praised Tomás Vera and said the vote "will not be stolen."',
            [("Elena Ruiz", "will not be stolen.")],
        ),
        # the attribution after the quote is the speaker, not a name in the clause that follows it
        (
            '"They killed a fisherman who was only working," Mayor Diego Salas wrote on X, naming the man as '
            "Iván Mora. He said the boat had no cargo.",
            [("Diego Salas", "They killed a fisherman who was only working,")],
        ),
        # a second quote of one sentence: its subject speaks, not a country named after the first quote
        (
            'Prime Minister Ana Cole said Britain would "stand with" Guyana and suggested that allies would send '
            '"ships, planes and whatever it takes."',
            [("Ana Cole", "ships, planes and whatever it takes.")],
        ),
        # a quoted fragment whose speaker is named later in the sentence, after a prepositional phrase
        (
            'Cuba will "never abandon its brothers" despite U.S. pressure, Foreign Minister Rosa Pérez said on Monday.',
            [("Rosa Pérez", "never abandon its brothers")],
        ),
        # an institution that is the clause's subject speaks through "a spokesperson"
        (
            'Caribbean Airlines, the regional carrier, said it would keep flying to Caracas "as long as it is safe," a '
            "spokesperson said.",
            [("Caribbean Airlines", "as long as it is safe,")],
        ),
        # a lowercase description between the subject and its verb ("rival de …") names no speaker
        (
            "La exministra Carmen Vidal, rival de Nicolás Maduro, pidió calma: «No podemos caer en provocaciones», "
            "afirmó.",
            [("Carmen Vidal", "No podemos caer en provocaciones")],
        ),
        # "the administration" with no institution of that name is unnamed
        (
            "The Coast Guard Cutter Reliance left port. The administration has told lawmakers it is in "
            '"a state of armed conflict with the cartels."',
            [],
        ),
    ],
)
def test_attribution_rules_from_a_fourth_round(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _statements(extractors, text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a capitalised description with a relative clause describes the speaker; its institution does not speak
        (
            "Sen. Dana Whitfield, the Ohio Democrat who sits on the Senate Foreign Relations Committee, said the "
            'panel would "hold hearings before the holidays."',
            "Dana Whitfield",
        ),
        (
            "Rep. Omar Lind, the Texas Republican that leads the House Homeland Security Committee, said it "
            'was "a failure of planning from the start."',
            "Omar Lind",
        ),
        # Spanish: "lo que calificó como" drops the pronoun, and "por parte de …" after the quote names no speaker
        (
            'La ministra de Exteriores de Cuba, Elena Prado, condenó el lunes lo que calificó como un "ataque '
            'cobarde y criminal" por parte de Estados Unidos y pidió calma.',
            "Elena Prado",
        ),
        (
            'El canciller Tomás Reyes rechazó lo que llamó "una campaña de mentiras sin fin" contra su país.',
            "Tomás Reyes",
        ),
    ],
)
def test_a_described_speaker_keeps_the_quote(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speaker: str
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quote that ends its sentence belongs to that sentence's speaker, not to the next sentence's subject
        (
            'Lena Ostberg, head of the review panel, told the hall that the envoy had "kept every promise made '
            'to the families." Tomas Varga read the closing prayer.',
            "Lena Ostberg",
        ),
        (
            'Senator Rosa Quintero said the minister had "traded an ally for a headline." Former president '
            "Julio Amaya has urged voters to stay home.",
            "Rosa Quintero",
        ),
        # a trailing attribution with no object of its own still counts
        ('Rear Adm. Carl Denby spoke first. "The fleet will stay on station." Denby said.', "Carl Denby"),
    ],
)
def test_a_quote_ending_its_sentence_keeps_its_own_speaker(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speaker: str
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a known person named with a second surname keeps the fullest name; the short surname still speaks
        (
            "Nicolás Maduro Moros addressed the troops on Friday. "
            '"We will defend every inch of the homeland," Maduro said.',
            "Nicolás Maduro Moros",
        ),
        (
            "Edmundo González Urrutia, who lives in exile, spoke in Madrid. "
            '"The vote of July was stolen from us," González said.',
            "Edmundo González Urrutia",
        ),
    ],
)
def test_a_second_surname_extends_a_known_speaker(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speaker: str
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a capital that is the subject of a relative clause speaks (under its name, as the gold rules say),
        # not the institution named earlier in the sentence
        (
            "Dos aviones rusos aterrizaron en Maiquetía, informó el Ministerio de Defensa, en una visita que Moscú "
            'calificó de "un ejercicio de rutina".',
            ["Moscú"],
        ),
        pytest.param(
            'Two bombers landed at the base, the Defense Ministry said, on a visit that Moscow described as "a '
            'routine training flight".',
            ["Moscow"],
            marks=pytest.mark.xfail(
                strict=True,
                reason="ranking: a capital speaking is rare in the data; the institution's 'said' outweighs it",
            ),
        ),
    ],
)
def test_a_country_subject_of_a_relative_clause_speaks(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speakers: list[str]
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "Country's government" speaks as the country, as it is written
        (
            'Colombia\'s government, in a statement, called the raid "a flagrant violation of sovereignty".',
            ["Colombia"],
        ),
        ('Cuba’s government said the blockade was "an act of piracy on the high seas".', ["Cuba"]),
        # "the Venezuelan government" keeps its head noun
        ('The Venezuelan government called the move "a grotesque and illegal threat".', ["Venezuelan government"]),
    ],
)
def test_a_countrys_government_speaks_as_the_country(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speakers: list[str]
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "clarified" is a verb of saying: the body that clarifies speaks, not the person quoted before it
        (
            'Marco Rubio said he would talk to "whoever is in charge there" soon. The Pentagon later clarified that '
            '"no ground troops are being sent."',
            ["Marco Rubio", "Pentagon"],
        ),
        ('"The strikes will continue for now," Pete Hegseth clarified.', ["Pete Hegseth"]),
    ],
)
def test_clarified_is_a_verb_of_saying(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speakers: list[str]
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # an institution named only by another of its names speaks under the name the article gives
        ('The State Department said on Friday that "the embassy will stay closed for now."', ["State Department"]),
        ('The Treasury Department said it would "freeze every asset of the network."', ["Treasury Department"]),
        # its canonical name, when written, stays
        (
            'The Department of State said on Friday that "the embassy will stay closed for now."',
            ["Department of State"],
        ),
        # an acronym is the name written too
        ('The FAA said the area posed "a potentially hazardous situation" for pilots.', ["FAA"]),
    ],
)
def test_an_institution_speaks_under_the_name_written(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speakers: list[str]
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a quote inside a "that" clause of someone's declaration is the declarer's
        pytest.param(
            "Cuba’s government on Sunday condemned Marco Rubio’s statement that the island should be treated as "
            '"a state sponsor of terrorism again".',
            ["Marco Rubio"],
            marks=pytest.mark.xfail(
                strict=True, reason="ranking: the owner of a declaration is not yet a candidate feature"
            ),
        ),
        # unless another verb of saying follows the declaration
        (
            "Gustavo Petro mocked Marco Rubio's statement that the cartel exists and said it was "
            '"a fiction of the far right".',
            ["Gustavo Petro"],
        ),
    ],
)
def test_a_quote_in_a_declarations_that_clause_is_the_declarers(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speakers: list[str]
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a relative clause between the name and its verb describes the speaker; he still speaks
        (
            'María Corina Machado, whom the opposition calls its leader, called the vote "a fraud" and urged '
            'soldiers "to stand with the people and the law."',
            ["María Corina Machado"],
        ),
        (
            'Diosdado Cabello, who leads the ruling party, dismissed the warning and vowed "to defend every inch '
            'of the homeland."',
            ["Diosdado Cabello"],
        ),
    ],
)
def test_a_relative_clause_after_the_name_keeps_the_speaker(
    extractors: tuple[ActorExtractor, StatementExtractor], text: str, speakers: list[str]
) -> None:
    assert [s for s, _ in _statements(extractors, text)] == speakers
