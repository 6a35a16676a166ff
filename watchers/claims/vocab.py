"""Closed word lists for reading names: titles, organisation head-words, place words, non-name words.

General English/Spanish newswire knowledge; nothing here is tied to one article.
"""

from __future__ import annotations


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that come before a person's name as a title or role ("Defense Secretary Pete Hegseth").
TITLE_WORDS = _wordset(
    """President Vice Secretary Minister Prime Attorney General Gen. Gen Sen. Senator Sens. Rep. Reps. Representative
    Gov. Governor Adm. Admiral Rear Lt. Lt Col. Col Maj. Capt. Sgt. Cmdr. Mr. Mrs. Ms. Dr. Prof. Judge Justice Chief
    Deputy Acting Former Foreign Defense Defence War Interior Communications Commander Ambassador Director Chairman
    Chairwoman Chair Speaker Leader Spokesman Spokeswoman Spokesperson Pope King Queen Prince Princess Sheikh
    Lieutenant Colonel Major Captain Sergeant Marshal Brig. Special Envoy Senior Top Majority Minority Whip Chancellor
    Premier Mayor
    Dictator Strongman Opposition First Lady Rev. Father Congressman Congresswoman Lawmaker Inspector Prosecutor
    District U.S. US Treasury State Homeland Security Energy Commerce Health Navy Army Marine Coast Guard Press
    National Adviser Advisor Gens. Adms. Democratic Republican GOP Sen Rep Mr Mrs Ms Dr Presidente Ministro Ministra
    Canciller Fiscal Diputado Diputada Vicepresidenta Vicepresidente Comandante Chairs Joint Chiefs Staff Officer
    Executive Economy Finance Trade Transport Transportation Agriculture Education Culture Information Oil Petroleum
    Public Affairs Intelligence Emergency Management Civil Aviation Immigration Border Patrol Police Commissioner
    Senators Representatives Lawmakers Congressmen Ministers Secretaries Presidents Leaders
    Superintendent Commandant Head Officer Official CEO Founder President-elect Vice-President Ex-President U.S
    Petty Airman Seaman Corporal Private Specialist Staff Master Gunnery Warrant Chief Class Commodore Brigadier Ensign
    Almirante Coronel"""
)

# Words that end (or head) an organisation's name.
ORG_HEADS = _wordset(
    """Ministry Department Agency Command Party Army Airlines Airways Airline Force Forces Police Council Assembly Court
    Tribunal Guard Administration Commission Committee Office Embassy Consulate Authority Bank Corporation Company Corp.
    Corp Inc. Inc Group Cartel Front Brigade Brigades Congress Parliament League Confederation Federation Union Service
    Services Institute Foundation University Organization Organisation Coalition Movement Navy Corps Bureau Association
    Fund Cabinet Government Senate Secretariat Directorate Staff Chamber Alliance
    Militia Guards Network Center Centre Board Agencies Ministerio Fuerzas Fuerza Armada Tribunal Partido Gobierno
    Asamblea Policía Guardia Consejo Comando Servicio Instituto Banco Empresa Cámara Legislature Sheriff Patrol
    International Holdings Petroleum Oil Energy Airport Authority Port Customs Intelligence Directorate Prosecutor's
    Parliamentarians Caucus Commission Team Squad Detachment Clan Clans Gang Gangs Academy"""
)

# Heads whose organisation is an armed group rather than an institution.
GROUP_HEADS = _wordset("Cartel Front Brigade Brigades Militia Gang Guerrilla Guerrillas Clan Clans")

# Words that make a capitalised run a place, event, law or thing rather than an actor.
PLACE_WORDS = _wordset(
    """Sea Ocean Island Islands Bay Gulf River Lake Mount Mountains Fort Port Street Avenue Square Base Stadium Estadio
    State City County Province Hemisphere Strait Canal Coast Peninsula Valley Beach Park Palace Hotel Prison Plaza
    Road Bridge Tower Building Airport Station Harbor Harbour Region District Territory Cape Reef Keys Desert Jungle
    Highway Refinery Terminal Field Hill Hills Heights Coastline Basin Campus Operation Act Law Resolution Order
    Series Cup Classic Games Olympics Summit Prize Award Doctrine Plan Program Programme Project Initiative Day Week
    Month War Wars Revolution Accords
    Year Eve Christmas Thanksgiving Easter Ramadan Internet Street Stock Exchange Index Dollar Bolivar Bolívar Peso
    Ruble Election Elections Convention Accord Accords Agreement Treaty Protocol Declaration Memorandum Report
    Strategy Review Policy Manual Guide Times Post Journal News Herald Tribune Gazette Magazine Weekly Daily Press
    Radio Television TV Channel Network Online Live Podcast Show Hour Today Tonight Morning Evening Weekend
    Sunday Monday Tuesday Wednesday Thursday Friday Saturday January February March April May June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec God Jesus Lord Bible Church
    Cathedral Mosque Temple Catholic Christian Christians Muslim Muslims Jewish Spear Scum Terrorist Terrorists
    Narco Narcos MANPADS Tomahawk Tomahawks Reaper Poseidon Lancer Hornet Super Raptor Lightning Stratofortress
    Osprey Seahawk Black Hawk Apache Chinook Destroyer Carrier Cruiser Submarine Frigate Class Missile Missiles
    Monumental Rinconada Wall Street Hollywood Broadway Pentagon Capitol Kremlin Unit Units Wing Squadron Fleet
    Battalion Regiment Division Amphibious Expeditionary Strike Ready Carrier Hurricane Storm Tropical Typhoon Hospital
    Clinic San Santa Santo São Media Systems Area Responsibility Detention Jail Penitentiary Correctional
    Palacio Palace Roads Boulevard Seas Antilles"""
)

# Place words that, right after a country's name, make the whole a place ("Panama City", "Virgin Islands").
GEO_SUFFIXES = _wordset("City Island Islands Antilles Strait Peninsula Canal Basin Bay Gulf")

# Nouns in NON_NAME that are also surnames, kept after a given name ("Jason Liberty").
SURNAME_NOUNS = _wordset("Liberty Justice Peace Freedom Victory")

# Capitalised words that are not names: sentence openers, pronouns, determiners, common newswire labels.
NON_NAME = _wordset(
    """The A An In On At But And Or Nor As If When While After Before Since During Despite Although Though Meanwhile
    However Still Yet So Then Now Today Tonight Yesterday Tomorrow Earlier Later Last Next This That These Those Its It
    He She They We I You His Her Their Our My Your Some Many Most Several Other Others Another Both Each Every All Any
    No Not Only Even Also According Asked Speaking Under Over About Among Amid Against With Without From For By To Of
    Here There What Who Why How Where Which Whether Analysts Officials Experts Critics Residents Sources Reports
    Satellite Military Breaking Watch Update Updated Live Exclusive Analysis Opinion Editorial Photo Video Read Share
    Comment Like Follow Click Sign Subscribe Advertisement Sponsored Related More Recommended Trending Latest Top
    Getty Images Image Photos Credit Courtesy File Illustration Graphic Map Source Note Editor's Editors Correction
    Thank Thanks Please Yes Oh Well Just Let Do Does Did Is Are Was Were Be Been Has Have Had Will Would Could Should
    Can May Might Must Shall Once Twice First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth One Two Three
    Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions Billion Million Percent Per Nearly Almost
    Around Roughly Approximately Until Unless Because Whereas Instead Rather Such Much Few Less Least Lower Upper
    Northern Southern Eastern Western North South East West Central Greater Lesser Upper New Old Great Little Big
    High Low Far Near Inside Outside Above Below Between Through Throughout Toward Towards Upon Within Across Along
    Behind Beyond Into Onto Off Out Up Down Again Ever Never Always Often Sometimes Perhaps Maybe Indeed Already
    Background Context Timeline Key Takeaways Summary Highlights Confirmation Escalating Tensions Reaction Response
    Powerful Deadly Lethal Major Minor Total Full Complete Official Unofficial Alleged Suspected Known Unknown
    Members Fighters Militants Gunmen Rebels Dissidents
    Sailors Soldiers Troops Prosecutors Investigators Authorities Diplomats Witnesses Protesters Activists Supporters
    Opponents Observers Negotiators Legislators Lawmakers Regulators Traders Shippers Insurers
    Correspondent Correspondents Reporter Columnist Photographer Contributor Writer Producer
    Con Sin Para Por En Desde Según Sobre Entre Hacia Tras Ante Durante Mientras Pero
    Mr Mrs Ms Dr Sr Jr Jr. Sr. Inc Ltd Co LLC Corp AM PM EST EDT GMT UTC ET PT CT
    Neither Either Unlike Following Per Via El La Los Las Del Un Una
    Including Like Whereas Upon I’m I'm I’ve I've I’ll I'll I’d I'd We’re We're We’ve It’s It's Let’s Let's Don’t Don't
    Drug Drugs Human Sick People Children Terrorism Dealers Traffickers Smuggling Trafficking Pilots Families
    Citizens Country Nation World Homeland Hemisphere Freedom Democracy Liberty Justice Peace Victory Assets
    Crime"""
)

# Verbs of saying; a name right before or after one is a speaker (and so an actor).
SPEECH_VERBS = (
    "said|says|told|added|wrote|writes|posted|stated|states|continued|noted|explained|warned|argued|declared|insisted|"
    "tweeted|announced|claimed|stressed|asserted|replied|responded|recalled|urged|vowed|acknowledged|admitted|"
    "confirmed|remarked|observed|emphasized|emphasised|commented|suggested|predicted|cautioned|pledged|promised|"
    "reiterated|maintained|contended|countered|complained|lamented|boasted|quipped|joked|mused|concluded|asked|clarified"
)

# Lowercase words that join the capitalised words of one name ("Tren de Aragua", "Department of the Treasury").
CONNECTORS = _wordset("de del la las los da das do dos di du van von der den bin ibn al el y of the and &")

# Heads of organisations whose name holds a country only as their home ("Chile's Latam Airlines", "Mexico's … Cartel").
COMPANY_HEADS = _wordset(
    "Airlines Airways Air Company Corp Corporation Group Inc Bank University College School Cartel"
)

# Words that, next to a country, name its forces in general ("U.S. Forces"), not an organisation.
GENERIC_FORCES = _wordset("Forces Force Military Armed Troops Special")

# Demonyms that are also languages ("he spoke in Spanish").
LANGUAGES = _wordset("Spanish English French Russian Portuguese Chinese Arabic German Italian")

# Roles that make the institution named just before them part of a title, not an actor
# ("Homeland Security Secretary Kristi Noem", "Foreign Ministry spokeswoman Maria Zakharova").
ROLE_WORDS = _wordset(
    """Secretary Minister Spokesman Spokeswoman Spokesperson Chief Director Chair Chairman Chairwoman Commander
    Administrator Head spokesman spokeswoman spokesperson chief director chair chairman chairwoman commander head"""
)

# Spanish (and Portuguese) organisations put their head word first ("Fundación ...", "Ministerio de Defensa").
HEAD_FIRST = _wordset(
    """Fundación Ministerio Instituto Consejo Partido Frente Comando Servicio Tribunal Asamblea Organización
    Observatorio Federación Confederación Asociación Sindicato Fundação Ministério Movimiento Foro
    Defensoría Fiscalía Procuraduría Contraloría Superintendencia Corporación Empresa Banco Cámara Comisión
    Departamento Secretaría Cancillería Oficina Agencia Dirección Autoridad Policía Guardia Ejército Armada Gobierno
    Congreso Senado Corte Junta Unidad Comité"""
)

# Head words of bodies named after a country that are not its state: their name does not make the country an actor.
NON_STATE_HEADS = _wordset(
    """Nobel University Institute Foundation Caucus Association Society Chamber Club Church Museum Orchestra Festival
    Studies"""
)

# Statements (attribution.py): verb forms of reporting that do not end like a regular past tense.
REPORTING_IRREGULAR = _wordset(
    "said says told tells wrote writes spoke speaks put puts read reads thought gave dijo dice escribió"
)
# Statements: words shaped like a past tense or a third-person verb that are not verbs of any clause.
NOT_VERBS = _wordset(
    """based led armed need needs red united its his hers us news series yes less thus plus various previous famous
    serious numerous dangerous indeed instead ahead hundred sacred alleged naked wicked aged beloved embed speed
    was has is as this does goes whereas always perhaps sometimes afterwards towards besides across unless
    seized killed struck wounded detained arrested destroyed sunk sank launched deployed designated sanctioned
    tensions forces troops officials analysts ships boats vessels strikes attacks drugs cartels talks"""
)
# Statements (attribution.py): words that may stand between a subject and its verb ("Trump has also said").
SUBJECT_VERB_FILLERS = _wordset(
    """has have had also later then again previously further repeatedly once earlier recently then has would
    will could had already ya también luego además last this week month year on today yesterday night morning
    publicly privately directly quickly openly"""
)
# Statements: prepositions before a name make it an object, not a speaker ("against Petro", "por el Tesoro").
PREPOSITIONS = _wordset(
    """of to by with against at for from on in about over toward towards into onto under between among than like
    de del por contra con en sobre para al a entre hacia desde"""
)
