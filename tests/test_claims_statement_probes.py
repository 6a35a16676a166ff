"""Statement probes of issue 8: sentences of our own for every part of the statement rule and its edge cases.

The annotation rules (shared eval README, section 1): a statement is a quote of three words or more attributed
to a named person or named institution (not "officials" or "sources"), its speaker the fullest name the text
gives; a capital speaks for its government under its own name; posts without quotation marks, boilerplate and
unnamed sources give none; a quote cut off by the end of the text counts. Names, places and numbers are
invented or taken from other conflicts (none from the dev sets). Each row: the text and the speakers expected,
in order. Rows still failing are `xfail(strict=True)` with the mechanism, so the table states the truth.
"""

from __future__ import annotations

import pytest

from tests.support.speakers import known as _known
from tests.support.speakers import speakers_of
from watchers.claims.quotes import find_quotes

ATTRIBUTION_FORMS = [
    ("“The frigate will stay in the strait,” said Vice Admiral Tomás Aguirre Lema.", ["Tomás Aguirre Lema"]),
    ("Defence Secretary Harriet Doyle said: “Our patrol aircraft are flying every night.”", ["Harriet Doyle"]),
    (
        "“We have tracked the submarine for three days,” Commodore Anjali Mehta told reporters in Kochi.",
        ["Anjali Mehta"],
    ),
    (
        "Commodore Anjali Mehta told reporters in Kochi that the navy “has tracked the submarine for days.”",
        ["Anjali Mehta"],
    ),
    ("The operation was described by Minister Karim Haddad as “a total success for our forces.”", ["Karim Haddad"]),
    ("“We are not at war with anyone,” was the reply of President Lucía Benavides.", ["Lucía Benavides"]),
    ("The strike was called “illegal and reckless” by Senator Rosalind Achterberg.", ["Rosalind Achterberg"]),
    ("According to Commodore Anjali Mehta, the submarine “surfaced only once in a week.”", ["Anjali Mehta"]),
    ("“The convoy was never in danger,” according to Colonel Dmitri Volkov.", ["Dmitri Volkov"]),
    (
        "“We are ready,” Minister Karim Haddad said, “and we will defend every mile of coast.”",
        ["Karim Haddad", "Karim Haddad"],
    ),
    ("Admiral Bagus Wirawan told Reuters the destroyers were “on a routine transit.”", ["Bagus Wirawan"]),
    ("“The missiles were never armed,” Colonel Dmitri Volkov told The Guardian.", ["Dmitri Volkov"]),
    ("“Who gave the order to fire on a fishing boat?” asked Senator Rosalind Achterberg.", ["Rosalind Achterberg"]),
    (
        "In an interview with a Lisbon newspaper, Admiral Henrique Gouveia said the submarine was “a relic of "
        "another era.”",
        ["Henrique Gouveia"],
    ),
    (
        "Minister Karim Haddad said the navy was “playing with fire” and warned of “consequences for the whole "
        "region.”",
        ["Karim Haddad", "Karim Haddad"],
    ),
    (
        "“We will not leave the islands,” Ingrid Solberg, the defence minister, told parliament on Wednesday.",
        ["Ingrid Solberg"],
    ),
    ("Commodore Anjali Mehta added that the tanker had been “drifting without power for days.”", ["Anjali Mehta"]),
    (
        "Asked whether the fleet would withdraw, General Sipho Ndlovu replied: “Not this month and not next month.”",
        ["Sipho Ndlovu"],
    ),
    _known(
        "actor extraction: 'First Sea Lord' (an ordinal and a noun outside the title words) swallows the name",
        "Speaking aboard the aircraft carrier HMS Prince of Wales, First Sea Lord Edmund Hartigan said the "
        "group would “sail east next week.”",
        ["Edmund Hartigan"],
    ),
    (
        "The message from Rear Admiral Fernanda Cabral Nogueira was blunt: “Stay out of our waters.”",
        ["Fernanda Cabral Nogueira"],
    ),
    (
        "“The strikes must stop now” — that was the demand of Senator Rosalind Achterberg on Tuesday.",
        ["Rosalind Achterberg"],
    ),
    (
        "“Nobody will sail through these waters without our permission.” The warning came from Vice Admiral "
        "Tomás Aguirre Lema on Friday.",
        ["Tomás Aguirre Lema"],
    ),
    (
        "Minister Karim Haddad said: “When they call our fishermen ‘smugglers’, they insult every family on "
        "this coast.”",
        ["Karim Haddad"],
    ),
]

NAMES_AND_TITLES = [
    (
        "Rear Admiral Fernanda Cabral Nogueira inspected the corvette. “Every sailor knows the mission,” "
        "Nogueira said.",
        ["Fernanda Cabral Nogueira"],
    ),
    (
        "“The corridor is closed to all shipping,” said Adm. Piotr Wasilewski, head of the Polish Navy.",
        ["Piotr Wasilewski"],
    ),
    (
        "Lt. Gen. Okonkwo Adebayo, the commander of the task force, said the drones were “flying blind over "
        "the delta.”",
        ["Okonkwo Adebayo"],
    ),
    ("Sen. Rosalind Achterberg (D-Minn.) called the deployment “an expensive show of force.”", ["Rosalind Achterberg"]),
    (
        "Jean-Baptiste Moreau-Lefèvre, France's defence minister, said the carrier group would “remain on station.”",
        ["Jean-Baptiste Moreau-Lefèvre"],
    ),
    (
        "Minister Karim Haddad spoke in Rabat. Haddad's deputy had resigned. “We do not negotiate under "
        "pressure,” Haddad said.",
        ["Karim Haddad"],
    ),
    (
        "“The tanker was boarded lawfully,” said Ingrid Solberg, a spokeswoman for the Norwegian Coast Guard.",
        ["Ingrid Solberg"],
    ),
    (
        "A spokeswoman for the Chilean Navy, Captain Valentina Rojas, said the cutter was “shadowing the trawler.”",
        ["Valentina Rojas"],
    ),
    (
        "The Indonesian Navy's chief of staff, Admiral Bagus Wirawan, said the patrols would “continue well "
        "into next year.”",
        ["Bagus Wirawan"],
    ),
    ("Colombia's Defense Ministry said the boat was “carrying two tons of cocaine.”", ["Colombia's Defense Ministry"]),
    (
        "Ana Lucía Ferreyra, who leads the fishermen's union in Manta, said the crews were “too afraid to go out.”",
        ["Ana Lucía Ferreyra"],
    ),
    (
        "Joaquim Tavares, 54, a trawler captain from Aveiro, said: “We saw the drone circling for an hour.”",
        ["Joaquim Tavares"],
    ),
    _known(
        "name runs: a lowercase particle ('al-') ends the name, so the speaker is the surname only",
        "Houthi military spokesman Ahmed Qasim al-Murtada said the missiles had “hit their targets precisely.”",
        ["Ahmed Qasim al-Murtada"],
    ),
    (
        "The Chilean Navy's commander in chief, Admiral Juan Andrés De la Maza, said the frigates were “ready "
        "to sail.”",
        ["Juan Andrés De la Maza"],
    ),
    (
        "Argentina's defence minister, Luis Petri Garza, said the patrol aircraft would “cover the whole coast.”",
        ["Luis Petri Garza"],
    ),
    (
        "The head of the Mexican Navy, Admiral Raymundo Morales Ángeles, said the seizure was “the largest this year.”",
        ["Raymundo Morales Ángeles"],
    ),
    (
        "Peru's foreign minister, Elena Castañeda Ruiz, called the incident “an unfriendly act.”",
        ["Elena Castañeda Ruiz"],
    ),
]

INSTITUTIONS_AND_CAPITALS = [
    (
        "The Brazilian Navy said in a statement that the corvette was “operating within national waters.”",
        ["Brazilian Navy"],
    ),
    ("“No foreign vessel entered our exclusive zone,” the Japan Coast Guard said on Thursday.", ["Japan Coast Guard"]),
    (
        "The International Maritime Organization warned that the attacks were “a grave threat to seafarers.”",
        ["International Maritime Organization"],
    ),
    ("NATO said the exercise was “purely defensive in nature.”", ["NATO"]),
    (
        "The Philippine Coast Guard's statement called the maneuver “dangerous and unprofessional.”",
        ["Philippine Coast Guard"],
    ),
    ("Brasília called the sanctions “an unacceptable interference in our affairs.”", ["Brasília"]),
    ("“We will respond proportionally to any provocation,” Tehran said in a note.", ["Tehran"]),
    ("The Houthis said the drone attack was “a response to the aggression against Yemen.”", ["Houthis"]),
    ("Hezbollah said in a statement that its fighters had “repelled the incursion.”", ["Hezbollah"]),
    ("The White House said the frigates were “a temporary measure.”", ["White House"]),
    ("Ankara said the patrol boats were “violating Turkish territorial waters.”", ["Ankara"]),
    ("“The drills will continue as planned,” Seoul said on Friday.", ["Seoul"]),
    _known(
        "actor extraction: a one-word unknown organisation is not guessed, so the quote has no candidate",
        "Greenpeace called the seizure “an act of piracy against peaceful activists.”",
        ["Greenpeace"],
    ),
]

NOT_STATEMENTS = [
    ("“The ships will be there for months,” a senior defence official said.", []),
    ("Officials in Lima said the strike was “carefully planned for weeks.”", []),
    ("A navy spokesperson said the drones were “unarmed surveillance models only.”", []),
    ("“We heard three explosions before dawn,” one fisherman told the radio station.", []),
    ("Sources familiar with the plan said it would “begin before the end of the month.”", []),
    ("Minister Karim Haddad dismissed the report as “fake news.”", []),
    ("Admiral Bagus Wirawan called the smugglers “narco-terrorists” in his speech.", []),
    ("The so-called “shadow fleet” of tankers sailed past Gotland, Ingrid Solberg said.", []),
    (
        "In a post on X, Defence Secretary Harriet Doyle wrote: Our sailors are the best in the world. We will "
        "not back down.",
        [],
    ),
    (
        "The foreign ministers of Chile and Uruguay said in a joint statement that the blockade was “contrary "
        "to international law.”",
        [],
    ),
    ("The frigate returned to port on Monday.\n\nRead more: ‘We will never surrender our waters,’ says admiral", []),
    ("“We have no choice but to respond,” a statement from the ministry said.", []),
    ("Residents said the blasts were “louder than anything we had heard.”", []),
    ("A Pentagon official, speaking on condition of anonymity, said the destroyers were “in position.”", []),
    ("“The tanker was carrying fuel oil for a power plant,” said a spokesperson for Petrobras.", []),
]

CONTEXT = [
    (
        "Admiral Bagus Wirawan visited the base on Monday. He said the fleet was “ready for any contingency.”",
        ["Bagus Wirawan"],
    ),
    (
        "“We will not be intimidated,” Minister Karim Haddad said. “Our coast guard is at full strength,” he added.",
        ["Karim Haddad", "Karim Haddad"],
    ),
    (
        "Commodore Anjali Mehta said the patrols would go on. “The submarine has been seen near the islands and we",
        ["Anjali Mehta"],
    ),
    (
        "“The exercise is routine,” said Admiral Bagus Wirawan. “It is a provocation,” replied Foreign "
        "Minister Mei Ling Chou.",
        ["Bagus Wirawan", "Mei Ling Chou"],
    ),
    (
        "Admiral Bagus Wirawan addressed the crew on the deck of the frigate. “We sail at dawn and we sail together.”",
        ["Bagus Wirawan"],
    ),
    (
        "Admiral Bagus Wirawan said the drills were routine. But Foreign Minister Mei Ling Chou disagreed. "
        "“This is a rehearsal for a blockade,” she said.",
        ["Mei Ling Chou"],
    ),
    (
        "Commodore Anjali Mehta has commanded the eastern fleet since 2023, after two decades at sea on "
        "frigates and destroyers across the Indian Ocean. Asked about the submarine on Thursday, she was "
        "categorical. “It never left international waters,” the commodore said.",
        ["Anjali Mehta"],
    ),
]

LAYOUT_AND_MARKS = [
    (
        "Lula: ‘We will not accept foreign warships in our waters’\n\nThe coast guard said on Monday that it "
        "would check all the boats in the bay and that the owners had been told.",
        ["Lula"],
    ),
    (
        "‘Every boat will be inspected,’ says Japan Coast Guard chief Hiroshi Tanaka\n\nThe coast guard said "
        "on Monday that it would check all the boats in the bay and that the owners had been told.",
        ["Hiroshi Tanaka"],
    ),
    (
        'Vice Admiral Tomás Aguirre Lema speaks at the naval base in Cartagena, Spain, on Tuesday. "We stand '
        'with our allies," he said.',
        ["Tomás Aguirre Lema"],
    ),
    ('"The helicopters will leave on Friday," said General Sipho Ndlovu.', ["Sipho Ndlovu"]),
    ("General Sipho Ndlovu said the helicopters would 'leave the base on Friday night'.", ["Sipho Ndlovu"]),
    (
        "Defence Secretary Harriet Doyle wrote on X: “Our sailors are the best in the world and they will not "
        "back down.”",
        ["Harriet Doyle"],
    ),
    (
        "‘We will not be bullied,’ says Colombian President Iván Duarte Restrepo\n\nThe coast guard said on "
        "Monday that it would check all the boats in the bay and that the owners had been told.",
        ["Iván Duarte Restrepo"],
    ),
    ("Manila accuses Beijing of ‘dangerous and reckless’ maneuvers", ["Manila"]),
    _known(
        "actor extraction: a one-word unknown name is not guessed as a person, so the headline has no candidate",
        "Marcos: ‘Our ships will stay at the shoal’\n\nThe coast guard said on Monday that it would check all "
        "the boats in the bay and that the owners had been told.",
        ["Marcos"],
    ),
]

OTHER_LANGUAGES = [
    ("«A Marinha está pronta para agir», disse o ministro José Múcio Monteiro.", ["José Múcio Monteiro"]),
    ("O almirante Marcos Sampaio Olsen afirmou que a fragata “seguirá patrulhando a costa”.", ["Marcos Sampaio Olsen"]),
    ("“No permitiremos buques extranjeros en nuestras aguas”, dijo la ministra Carolina Vargas.", ["Carolina Vargas"]),
    ("Según el almirante Hernán Quintero, los buques “llegarán antes del viernes”.", ["Hernán Quintero"]),
]
# a capital is a name the country goes by that is more than a spelling of it: "Tehran" shares letters with
# "Iran" but is no spelling of it (an accent or a letter or two apart is: "Irán", "Türkiye")
CAPITAL_SPELLING = [
    ("“The embargo will be answered in kind,” Tehran said on Sunday.", ["Tehran"]),
    ("Managua called the overflights “a violation of our sovereignty.”", ["Managua"]),
    ("“We will not hand over the tanker crew,” Algiers said in a note.", ["Algiers"]),
    ("San Salvador said the patrol boats were “operating legally in our waters.”", ["San Salvador"]),
    ("“The embargo will be answered in kind,” Irán said on Sunday.", []),
    ("Türkiye called the drills “a threat to every coastal state.”", []),
]

# military ranks are titles, not part of the name (a closed class): "Commodore Anjali Mehta" is Anjali Mehta
RANKS = [
    ("“The frigates sail at dawn,” Commodore Priya Raman told the crews.", ["Priya Raman"]),
    ("Brigadier Tomasz Nowicki said the battalion was “ready within hours.”", ["Tomasz Nowicki"]),
    ("“The channel is clear of mines,” said Ensign Paulo Reis.", ["Paulo Reis"]),
    ("El Almirante Hernán Quintero dijo que los buques “llegarán antes del viernes”.", ["Hernán Quintero"]),
    ("«La frontera está cerrada para todos», dijo el Coronel Julián Ibarra.", ["Julián Ibarra"]),
]


@pytest.mark.parametrize(
    ("text", "speakers"),
    ATTRIBUTION_FORMS
    + NAMES_AND_TITLES
    + INSTITUTIONS_AND_CAPITALS
    + NOT_STATEMENTS
    + CONTEXT
    + LAYOUT_AND_MARKS
    + OTHER_LANGUAGES
    + CAPITAL_SPELLING
    + RANKS,
)
def test_statement_probe(text: str, speakers: list[str]) -> None:
    assert speakers_of(text) == speakers


# in single quotes, the mark of a plural possessive ("the sailors’ families") does not close the quote when a
# close after punctuation follows before any new opening; a mark after a plural with no such close does
PLURAL_POSSESSIVE_IN_SINGLE_QUOTES = [
    (
        "‘The sailors’ families deserve answers from the navy,’ said Senator Rosalind Achterberg.",
        ["The sailors’ families deserve answers from the navy,"],
    ),
    (
        "‘Our pilots’ training is the best in the region,’ Brigadier Tomasz Nowicki said.",
        ["Our pilots’ training is the best in the region,"],
    ),
    (
        "'The fishermens' boats were searched twice,' the mayor of Aveiro said.",
        ["The fishermens' boats were searched twice,"],
    ),
    (
        "The senator said there were ‘no foreign warships’ in the zone. ‘We checked every radar,’ she said.",
        ["no foreign warships", "We checked every radar,"],
    ),
    ("Manila accuses Beijing of ‘dangerous and reckless’ maneuvers near the shoal", ["dangerous and reckless"]),
]


@pytest.mark.parametrize(("paragraph", "quotes"), PLURAL_POSSESSIVE_IN_SINGLE_QUOTES)
def test_plural_possessive_in_single_quotes(paragraph: str, quotes: list[str]) -> None:
    assert [q.text for q in find_quotes(paragraph)] == quotes
