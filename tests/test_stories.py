"""Story independence on made-up wire copy: syndicated copies and light rewrites are one story, reports of
the same event by other outlets are not; plus the gold duplicate pairs of the dev stream."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.support.alerts import INDEPENDENT, ORIGINAL, REWRITE, SAME_WIRE_OTHER_STORY, SYNDICATED, article
from watchers.jsonl import read_articles
from watchers.models import KnownState
from watchers.stories import Fingerprint, fingerprint, match_story, record_story

DAY = dt.date(2031, 3, 4)


def known_with(text: str, article_id: str = "orig", day: dt.date = DAY) -> KnownState:
    state = KnownState()
    record_story(state, match_story(state, article(article_id, text, day=day)))
    return state


@pytest.mark.parametrize(
    ("name", "text", "day", "copy"),
    [
        ("syndicated copy with headline and boilerplate", SYNDICATED, DAY + dt.timedelta(days=1), True),
        ("light rewrite", REWRITE, DAY, True),
        ("same event, independent report sharing a quote", INDEPENDENT, DAY, False),
        ("same wire, another story days later", SAME_WIRE_OTHER_STORY, DAY + dt.timedelta(days=5), False),
        ("the same text far outside the window", ORIGINAL, DAY + dt.timedelta(days=60), False),
    ],
)
def test_copies_and_independent_stories(name: str, text: str, day: dt.date, copy: bool) -> None:
    state = known_with(ORIGINAL)
    match = match_story(state, article("new", text, day=day))
    assert match.is_copy is copy, (name, match.similarity)
    assert match.story_id == ("orig" if copy else "new")


def test_a_copy_is_not_recorded_and_a_new_story_is() -> None:
    state = known_with(ORIGINAL)
    record_story(state, match_story(state, article("copy", SYNDICATED, day=DAY)))
    record_story(state, match_story(state, article("other", INDEPENDENT, day=DAY)))
    assert sorted(state.stories) == ["orig", "other"]


def test_the_same_article_again_is_a_copy_of_itself() -> None:
    assert match_story(known_with(ORIGINAL), article("orig", ORIGINAL, day=DAY)).is_copy


def test_fingerprint_is_compact_and_round_trips() -> None:
    fp = fingerprint(article("orig", ORIGINAL, day=DAY))
    encoded = fp.encode()
    assert Fingerprint.decode(encoded) == fp
    assert fp.wire == "" and fp.published == DAY and len(fp.sentences) == 8
    assert len(encoded) < 0.6 * len(ORIGINAL)  # three characters a word, whatever its length


def test_wire_credit_is_read_from_the_dateline() -> None:
    assert fingerprint(article("r", "LONDON (Reuters) - Ships were seized on Tuesday near the port.")).wire == "reuters"
    assert fingerprint(article("r", "Ships were seized on Tuesday near the port, officials said.")).wire == ""


def test_dev_stream_duplicates_found_and_nothing_else_merged(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev"
    gold = {r["id"]: r for r in map(json.loads, (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    articles = sorted(
        read_articles(dev / "articles.jsonl"), key=lambda a: (a.published or dt.datetime.min, a.article_id)
    )
    by_url = {a.url: a.article_id for a in articles}
    expected = {i: by_url[r["dup_of"]] for i, r in gold.items() if r.get("dup_of") in by_url}
    state, found = KnownState(), {}
    for a in articles:  # every article of the dev set, so also pairs outside the stream
        match = match_story(state, a)
        if match.is_copy:
            found[a.article_id] = match.story_id
        record_story(state, match)
    pairs = {frozenset(p) for p in expected.items()}
    assert {frozenset(p) for p in found.items()} == pairs
