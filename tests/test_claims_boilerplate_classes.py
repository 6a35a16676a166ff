"""Page clutter that survives body extraction, by class: each line here is our own wording, not from any page."""

from __future__ import annotations

import pytest

from watchers.claims.text import credit_spans, is_boilerplate, prepare, strip_credit
from watchers.models import Article


def _kept(text: str) -> list[str]:
    return [p.text for p in prepare(Article(article_id="t", url="", text=text)).paragraphs]


# --------------------------------------------------------------------------- caption credits

CAPTIONS = [
    ("Fishing boats wait in the harbour of Puerto Ayora. (Photo: Lena Ortiz/Reuters)", "Fishing boats wait"),
    ("A convoy crosses the river near Tumbes. (Marco Ruiz/AFP via Getty Images)", "A convoy crosses"),
    ("Nurses queue outside the clinic in Kisumu. Photo by Amos Kiprop", "Nurses queue"),
    ("The cutter returns to base in Key West. Credit: Dana Webb/US Coast Guard", "The cutter returns"),
    ("Protesters fill the square in Tbilisi on Friday. Irakli Gedenidze/Getty Images", "Protesters fill"),
    ("| Engineers inspect the booster at the test stand. (credit: NASA/Rob Kline) |", "| Engineers inspect"),
    ("Volunteers sort aid parcels in Odesa. Photograph: Olena Hrytsenko", "Volunteers sort"),
]


@pytest.mark.parametrize(("caption", "opening"), CAPTIONS)
def test_a_caption_keeps_its_text_and_loses_its_credit(caption: str, opening: str) -> None:
    text = f"The ministry confirmed the figures on Tuesday, a spokesperson said.\n{caption}"
    kept = _kept(text)
    assert len(kept) == 2
    assert kept[1].startswith(opening)
    assert not any(word in kept[1] for word in ("Photo", "Credit", "Getty", "credit", "Reuters", "AFP", "Photograph"))


@pytest.mark.parametrize(
    "credit",
    [
        "(Photo: Lena Ortiz/Reuters)",
        "Photo by Amos Kiprop",
        "Credit: Dana Webb/US Coast Guard",
        "Irakli Gedenidze/Getty Images",
        "(Courtesy of the Harbour Authority)",
    ],
)
def test_a_credit_alone_is_boilerplate(credit: str) -> None:
    assert is_boilerplate(credit)


@pytest.mark.parametrize(
    "prose",
    [
        "The senator said the vote would come on Friday (the third this month).",
        "Officials named the vessel the Aurora (a tanker flagged in Panama).",
        "The agency said it had photographed the site (see the report, page 4).",
        "Rebels took the town, according to the army (which did not give numbers).",
        "Two ships left the port on Monday, the coast guard said.",
    ],
)
def test_prose_ending_in_a_parenthesis_keeps_it(prose: str) -> None:
    assert strip_credit(prose) == prose


# --------------------------------------------------------------------------- contact, follow and promotion lines


@pytest.mark.parametrize(
    "line",
    [
        "Write to Nora Fell at nora.fell@example-news.com",
        "Email Piet de Vries at pdevries@example.org or follow him @pietdv.",
        "Follow our science desk on Twitter and Instagram.",
        "Follow her on Facebook for more updates from the region.",
        "Have a tip? Send it to tips@example.net.",
        "Reach the reporter at twitter.com/janekrol",
        "Like this story? Share it with your friends!",
        "If you enjoyed this article, consider becoming a member today.",
        "Follow our full coverage of the election at example.com/vote",
    ],
)
def test_contact_and_promotion_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said she would follow the court's ruling on Monday.",
        "Police followed the suspects to a farm near Salta, officials said.",
        "Voters will write to their representatives, the group said.",
        "The mayor wants the city to follow Lisbon's example on housing.",
        "We will not be intimidated pic.twitter.com/Ab12Cd34",
    ],
)
def test_sentences_with_follow_or_write_or_a_post_link_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


# --------------------------------------------------------------------------- "see more", "also on", reporting credits


@pytest.mark.parametrize(
    "line",
    [
        "SEE MORE: Floods cut off three villages in the north",
        "Also on example.com Farmers block highway over fuel prices",
        "Additional reporting by Tomas Berg",
        "This copy is for your personal, non-commercial use only.",
        "This article has been sent to",
        "Read more: Storm season starts early",
    ],
)
def test_prefix_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


# --------------------------------------------------------------------------- teasers tagged by their kind


@pytest.mark.parametrize(
    "line",
    [
        "Mayor quits after budget row [VIDEO]",
        "Border town braces for second storm\xa0[INSIGHT]",
        "Rail strike: what it means for commuters [EXPLAINED]",
        "Crowds gather for lantern festival [PICS]",
        "Minister in hot water over expenses [REACTION]|",
    ],
)
def test_teasers_tagged_by_kind_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


# --------------------------------------------------------------------------- a teaser block after the last sentence

BODY = "The navy said two patrol boats had been sent to the area and would stay there until the end of the month."


@pytest.mark.parametrize(
    "teasers",
    [
        ["- Moon Base Plans Get a New Budget", "- Ten Things We Learned From the Probe"],
        ["Harbour Festival Returns With Floating Stage", "Museum Opens New Wing for Maps and Charts"],
        ["Storm Names Announced for the Coming Season", "Why Coastal Towns Are Buying Sea Walls", "Ferry Fares Rise"],
        ["• River Cruise Operators Cut Routes", "• Port Strike Ends After Three Weeks"],
        ["Garden Show | Winners of the Glasshouse Prize", "Garden Show | The Best Stands of the Year"],
    ],
)
def test_a_short_block_of_headlines_after_the_body_is_dropped(teasers: list[str]) -> None:
    assert _kept("\n".join([BODY, *teasers])) == [BODY]


@pytest.mark.parametrize(
    "lines",
    [
        # a long list the article gives (dates, venues) is article text
        [BODY, *(f"June {d} -- City Arena Concert Hall, Springfield Town" for d in range(1, 10))],
        # one subhead-like line is not a block
        [BODY, "What Comes Next for the Fleet and Its Crews"],
        # the body goes on after the headline-shaped lines: they are subheads
        [BODY, "The Northern Route Through the Straits", "The Southern Route Around the Cape", BODY],
        # no prose before them: the end of a list, not teasers after the body
        [
            BODY,
            "The yard listed the work still to be done on the ship this winter:",
            "- Engine Room Upgrades Planned",
            "- Crew Quarters Rebuilt for Winter",
        ],
        # sentences, not headlines
        [BODY, "The ship left on Monday.", "It returns in May."],
    ],
)
def test_lists_subheads_and_sentences_after_the_body_are_kept(lines: list[str]) -> None:
    assert _kept("\n".join(lines)) == lines


# --------------------------------------------------------------------------- hover cards glued to a person link


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Maria OkaforMaria OkaforSenate passes farm bill | Vote on tariffs delayed MORE (D-Ore.) said.",
        "Rep. Tom HaleTom HaleHouse panel subpoenas records MORE (R-Tex.) voted no.",
        "Gov. Ana Lima-ReyesAna Lima-ReyesGovernor signs water law | Budget talks stall MORE (D) spoke.",
        "Rep. Dee Amos-WrightDee Amos-WrightLawmakers press for audit MORE (D-Ga.) asked.",
        "Sen. Lee ParkLee ParkSenators clash over spending MORE (D-Wash.) agreed.",
    ],
)
def test_a_hover_card_glued_to_a_name_is_masked(text: str) -> None:
    name = text.split(" ", 1)[1].split("MORE")[0]
    first = name[: len(name) // 2]
    (start, end), *_ = credit_spans(text)
    assert text[:end].endswith(" MORE")
    assert text[:start].endswith(" " + first.split(" ")[0] + " " + text[:start].split(" ")[-1])  # first copy unmasked
    assert text[start:].startswith(first.split(" ")[0])


@pytest.mark.parametrize(
    "text",
    [
        "The committee wants MORE oversight, Sen. Maria Okafor said.",
        "John Smith met John Smith's lawyers, officials said. MORE to come.",
        "Rep. Tom Hale said the bill needs MORE votes.",
        "OPEC cut output; analysts expect MORE cuts.",
        "Maria Okafor, Tom Hale and Ana Lima said they want MORE time.",
    ],
)
def test_capitals_and_more_without_a_glued_name_are_not_masked(text: str) -> None:
    assert credit_spans(text) == []


# --------------------------------------------------------------------------- Title Case captions


@pytest.mark.parametrize(
    ("line", "title_case"),
    [
        ("Sara Lind Greets The Crew Of A Frigate At The Naval Base.", True),
        ("Protesters March On The Capitol In The Rain.", True),
        ("Prime Minister Omar Diallo Arrives At The Summit With His Delegation.", True),
        ("Rescue Teams Search For Survivors In The Rubble Of A School.", True),
        ("Fishermen Unload Their Catch At The Port Of Vigo On Tuesday.", True),
        ("President of the Senate Ana Costa, Senator Rui Pinto and Senator Eva Lobo-Reis.", False),
        ("Sara Lind greeted the crew of a frigate at the naval base.", False),
        ("Viera (3-0): Talia Cross 1 goal.", False),
        ("The Ministry of Defence said it would send the ships.", False),
        ("Ana Costa and Rui Pinto met Eva Lobo at the ministry.", False),
    ],
)
def test_title_case_captions_are_read_like_headlines(line: str, title_case: bool) -> None:
    doc = prepare(Article(article_id="t", url="", text=f"{BODY}\n{line}"))
    assert (1 in doc.headings) is title_case
