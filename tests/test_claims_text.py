"""Text preparation: sentence splitting, boilerplate removal, credits and bylines."""

from __future__ import annotations

import pytest

from watchers.claims.text import byline_names, is_boilerplate, prepare, split_sentences
from watchers.models import Article


def _article(text: str) -> Article:
    return Article(article_id="t1", url="https://example.test/a", text=text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Navy moved two ships. Officials in Caracas protested.",
            ["The U.S. Navy moved two ships.", "Officials in Caracas protested."],
        ),
        (
            "Sen. Jane Roe (D-Calif.) spoke first. Gen. Mark Doe answered.",
            ["Sen. Jane Roe (D-Calif.) spoke first.", "Gen. Mark Doe answered."],
        ),
        (
            "The vote came on Nov. 4 after a long debate. It failed.",
            ["The vote came on Nov. 4 after a long debate.", "It failed."],
        ),
        (
            '"We will respond," the minister said. "Nobody wants a war."',
            ['"We will respond," the minister said.', '"Nobody wants a war."'],
        ),
        ("Vice President J.D. Vance broke the tie.", ["Vice President J.D. Vance broke the tie."]),
        ("“Is this a war?” he asked reporters.", ["“Is this a war?” he asked reporters."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_offsets_point_into_the_text() -> None:
    text = "First line here.\n\nThe Pentagon said it would respond. Caracas denied it."
    doc = prepare(_article(text))
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1]


@pytest.mark.parametrize(
    ("paragraph", "boiler"),
    [
        ("Read These Next", True),
        ("Related Articles", True),
        ("Sign up for our daily newsletter and get the news first.", True),
        ("Advertisement", True),
        ("CLICK HERE to demand the truth!", True),
        ("By Jane Doe", True),
        ("Author: Ivan Petrov", True),
        ("— Ministry of Defence (@modgov) November 3, 2025", True),
        # a caption is article text, its credit is not (prepare() cuts the credit off)
        ("The ship sails at dawn. (Photo by John Roe/Getty Images)", False),
        ("(Photo by John Roe/Getty Images)", True),
        ("ua en ru", True),
        ("The destroyer arrived in the Caribbean on Monday, officials said.", False),
        ("By Thursday the carrier group had reached the coast of Puerto Rico.", False),
    ],
)
def test_is_boilerplate(paragraph: str, boiler: bool) -> None:
    assert is_boilerplate(paragraph) is boiler


def test_link_list_after_read_next_is_dropped() -> None:
    text = (
        "The strike killed three people, the defense secretary said.\n"
        "Read These Next\n"
        "Senator fined over parking tickets\n"
        "Ten recipes for the holidays\n"
    )
    kept = [p.text for p in prepare(_article(text)).paragraphs]
    assert kept == ["The strike killed three people, the defense secretary said."]


def test_inline_read_next_tail_is_cut() -> None:
    text = "Moscow sent a cargo plane to Caracas. Read These Next Poster freed after a month. Report an error"
    doc = prepare(_article(text))
    assert [p.text for p in doc.paragraphs] == ["Moscow sent a cargo plane to Caracas."]


def test_ad_block_with_teasers_is_dropped() -> None:
    text = (
        "The carrier entered the Caribbean on Sunday.\n"
        "Lock Them Up! The scandal is back…\n"
        "The senators are all on the hook!\n"
        "CLICK HERE to sign the petition!\n"
        "Two bombers flew near the coast on Thursday.\n"
    )
    kept = [p.text for p in prepare(_article(text)).paragraphs]
    assert kept == ["The carrier entered the Caribbean on Sunday.", "Two bombers flew near the coast on Thursday."]


def test_broken_lines_of_one_paragraph_are_joined() -> None:
    text = "The treasury chief said production “\nhas exploded to record levels” this year.\nA new paragraph starts."
    paragraphs = prepare(_article(text)).paragraphs
    assert len(paragraphs) == 2
    assert paragraphs[0].text == text[: text.index("\nA new")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Missiles in the hills\nBy Ana López, Mark Roe and Li Wei, CNN\n(CNN) — Text.",
            ["Ana López", "Mark Roe", "Li Wei"],
        ),
        ("World | Putin meets Maduro By Tom Smith withNewser.AI Posted Oct 31", ["Tom Smith"]),
        ("(Reporting by Jane Doe; Editing by Peter Pan)", ["Jane Doe", "Peter Pan"]),
        ("The bill was signed by President Donald Trump on Friday.", []),
    ],
)
def test_byline_names(text: str, names: list[str]) -> None:
    assert byline_names(text) == names


def test_credits_are_masked() -> None:
    text = "Maduro spoke in Caracas. Chip Roe/Getty Images\nThe plane landed (Photo: Ana Diaz/AP) on Sunday."
    doc = prepare(_article(text))
    masked = [text[s:e] for s, e in doc.masked]
    assert any("Chip Roe" in m for m in masked)
    assert any("Ana Diaz" in m for m in masked)
    assert not any("Maduro" in m for m in masked)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Paula Grant and Omar Haddad\nNov. 3, 2025\n\nText.", ["Paula Grant", "Omar Haddad"]),
        ("Jan. 9, 2026 | By Sean O'Malley, Latin America Editor", ["Sean O'Malley"]),
        ("Courtroom sketch by Elizabeth Stone.", ["Elizabeth Stone"]),
    ],
)
def test_byline_names_on_one_line_with_irish_and_sketch_credits(text: str, names: list[str]) -> None:
    assert byline_names(text) == names


@pytest.mark.parametrize(
    "header",
    ["Read more:", "Read next", "Latest Stories", "More from Latin America", "Lea también:", "Читайте также"],
)
def test_link_list_headers_drop_the_headlines_after_them(header: str) -> None:
    text = (
        "The minister spoke on Monday about the border.\n\n"
        f"{header}\n• Rubio warns Caracas over tanker\n- Lula offers to mediate talks"
    )
    doc = prepare(_article(text))
    assert [p.text for p in doc.paragraphs] == ["The minister spoke on Monday about the border."]


def test_byline_with_two_authors_is_boilerplate() -> None:
    assert is_boilerplate("By Paula Grant and Omar Haddad")
    assert is_boilerplate("By Paula Grant, Omar Haddad and Li Wei")


def test_a_post_on_x_ends_its_sentence() -> None:
    sentences = split_sentences("Petro replied on X. Trump also said tariffs would rise.")
    assert [s.text for s in sentences] == ["Petro replied on X.", "Trump also said tariffs would rise."]
    assert [s.text for s in split_sentences("Adm. Frank M. Bradley briefed them.")] == [
        "Adm. Frank M. Bradley briefed them."
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "By Joanna Pike | Politics Desk",
        "By Lt. Col. (ret.) Adam Greer, Military Correspondent",
        "Related analysis: What the blockade means for Cuba | Haiti's fuel crisis",
        "More in World",
        "Further reading: Oil after sanctions; The cartel indictment explained",
        "Caption: Sailors on the deck of a destroyer. Photo by Jo Lee.",
    ],
)
def test_desk_bylines_and_labelled_link_lists_are_boilerplate(paragraph: str) -> None:
    assert is_boilerplate(paragraph)


def test_more_in_header_drops_the_headlines_after_it() -> None:
    text = (
        "Troops landed on Tuesday, officials said.\n\nMore in Defense\nArmy unveils new drone unit | Navy cuts frigates"
    )
    doc = prepare(_article(text))
    assert [p.text for p in doc.paragraphs] == ["Troops landed on Tuesday, officials said."]


@pytest.mark.parametrize("paragraph", ["By Tuesday, the Navy had moved three more ships.", "By the end of the week."])
def test_sentences_opening_with_by_are_kept(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)


@pytest.mark.parametrize(
    ("paragraph", "boiler"),
    [
        # a print-edition note carries the print headline, whose words are no names
        (
            "A version of this article appears in print on March 3, 2026, Section A, Page 6 of the New York "
            "edition with the headline: Navy Boards Tanker.",
            True,
        ),
        ("A version of this story appeared in print with the headline: Caracas Braces.", True),
        ("See more on: Delcy Rodríguez, Marco Rubio", True),
        # a sentence that merely mentions print stays
        ("The decree will appear in print in the official gazette on Monday, the minister said.", False),
    ],
)
def test_print_edition_notes_are_boilerplate(paragraph: str, boiler: bool) -> None:
    assert is_boilerplate(paragraph) is boiler
