"""Relevance on made-up articles of a made-up watch, and its accuracy on the dev set's 79 articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from config.watch import load_watch
from tests.support.alerts import BASELINE, article, make_watch
from watchers.claims.relevance import RelevanceJudge, latin_words
from watchers.claims.text import prepare
from watchers.jsonl import read_articles
from watchers.models import Article

ROOT = Path(__file__).resolve().parent.parent

ON_TOPIC = [
    ("escalation", "Ruritania seizes a fourth ship", "The Ruritanian coast guard seized a fourth cargo ship near "
     "Zenda on Monday as the blockade of Strelsau entered its third week. Elphbergia said its frigates would escort "
     "merchant vessels through the gulf from Wednesday, and the detained sailors' families appealed for release."),
    ("talks", "", "Talks on the seized ships opened in Zenda under the regional shipping council. Ruritania's "
     "interior minister said the blockade would continue until Elphbergia paid for the lost fishing season; the navy "
     "of Elphbergia kept two warships at the edge of the gulf, and insurers left war-risk premiums unchanged."),
    ("another language", "", "Руритания задержала ещё одно грузовое судно у порта Зенда. Береговая охрана "
     "Руритании сообщила, что блокада Стрелсау продолжится, пока Эльфбергия не выплатит компенсацию."),
]  # fmt: skip

OFF_TOPIC = [
    ("football in the capital", "Strelsau wins the Ruritanian cup", "Strelsau beat Zenda 3-1 in the final of the "
     "Ruritanian football cup on Sunday, with two goals from the young striker. Fans filled the national stadium in "
     "Strelsau, and the Ruritania coach praised his midfield. The Zenda supporters sang until the final whistle, and "
     "the league said next season's fixtures would be published in July."),
    ("storm", "", "A tropical storm flooded coastal villages across the southern islands on Saturday, killing at least "
     "twelve people and cutting power to tens of thousands of homes, the disaster agency said. Rescue teams used "
     "boats to reach families stranded on rooftops, and the weather service warned of more heavy rain this week."),
    ("politics that merely mention it", "Budget talks stall again", "Budget negotiations in the capital stalled "
     "again on Thursday as the two parties traded blame over spending cuts and the pension reform. The opposition "
     "leader said the government cared more about Ruritania than about its own voters. Talks resume on Monday, and "
     "the finance minister warned that public salaries could be delayed."),
]  # fmt: skip


@pytest.fixture(scope="module")
def judge() -> RelevanceJudge:
    return RelevanceJudge(make_watch(), BASELINE)


@pytest.mark.parametrize(("name", "title", "text"), ON_TOPIC, ids=[c[0] for c in ON_TOPIC])
def test_on_topic(judge: RelevanceJudge, name: str, title: str, text: str) -> None:
    score = judge.score(prepare(article("x", text, title=title)))
    assert judge.is_relevant(score), score


@pytest.mark.parametrize(("name", "title", "text"), OFF_TOPIC, ids=[c[0] for c in OFF_TOPIC])
def test_off_topic(judge: RelevanceJudge, name: str, title: str, text: str) -> None:
    score = judge.score(prepare(article("x", text, title=title)))
    assert not judge.is_relevant(score), score


def test_keywords_match_inflected_and_transliterated_forms(judge: RelevanceJudge) -> None:
    found, in_lead = judge.anchors(prepare(article("x", "В Руританию прибыли. Ruritanian's ships.")))
    assert (found, in_lead) == (1, True)  # Ruritania and Ruritanian are one keyword family


def test_without_baseline_the_keywords_decide() -> None:
    judge = RelevanceJudge(make_watch(), None)
    assert judge.is_relevant(judge.score(prepare(article("x", ON_TOPIC[0][2], title=ON_TOPIC[0][1]))))
    assert not judge.is_relevant(judge.score(prepare(article("x", OFF_TOPIC[1][2]))))


def test_dev_articles_accuracy(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev"
    watch = load_watch(ROOT / "config" / "watch.yaml")
    judge = RelevanceJudge(watch, [p.read_text(encoding="utf-8") for p in watch.baseline_paths()])
    gold = {r["id"]: r["topic"] == "on_topic" for r in map(json.loads, (dev / "gold.jsonl").read_text().splitlines())}
    articles = list(read_articles(dev / "articles.jsonl"))
    right = sum(judge.is_relevant(judge.score(prepare(a))) == gold[a.article_id] for a in articles)
    assert len(articles) == 79
    assert right / len(articles) >= 0.95  # measured: 78/79 (the miss: an on-topic story naming no keyword)


SHIPPED_OFF_TOPIC = [
    ("cruise season", "Cruise lines add Caribbean sailings for the winter", "Cruise lines are adding Caribbean "
     "sailings for the winter as bookings recover after the hurricane season, executives said on Tuesday. Royal "
     "Caribbean will base two more ships in Miami, and Carnival said its new terminal in Galveston would open in "
     "December. Itineraries that call at Aruba and Curaçao, a few miles off the coast of Venezuela, were unchanged, "
     "and travel agents reported strong demand for family cabins and shore excursions over the holidays."),
    ("freight rates", "Container rates ease on Caribbean routes", "Container freight rates on Caribbean routes eased "
     "for a third week as the Panama Canal added transit slots, brokers said. Carriers are adding feeder calls at "
     "Kingston and Cartagena, and insurers kept premiums for ports in Venezuela unchanged. Analysts expect rates to "
     "fall further by March as new vessels join the trade."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "title", "text"), SHIPPED_OFF_TOPIC, ids=[c[0] for c in SHIPPED_OFF_TOPIC])
def test_shipped_watch_turns_down_trade_stories_that_name_its_places(name: str, title: str, text: str) -> None:
    watch = load_watch(ROOT / "config" / "watch.yaml")
    judge = RelevanceJudge(watch, [p.read_text(encoding="utf-8") for p in watch.baseline_paths()])
    doc = prepare(article("x", text, title=title))
    assert judge.anchors(doc)[0] >= 2  # it names the watch's places: the topic, not the names, must turn it down
    assert not judge.is_relevant(judge.score(doc))


_PIECES = ["Nicolás Maduro", "Венесуэлы", "Каракасе", "e\u0301", "ﬁve", "İstanbul", "Read more:", "—", "U.S.", "\n",
           "\n\n", " ", "  ", "said.", "“quoted”", "Subscribe now", "4,500", "Zoë", "ΣΟΦΟΣ"]  # fmt: skip


@settings(deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=40).map("".join))
def test_words_read_span_by_span_are_the_words_of_the_whole(judge: RelevanceJudge, text: str) -> None:
    """Relevance folds the text a span at a time (paragraphs and what lies between them), never twice: the words
    must be those of the whole text and of its paragraphs joined, whatever the text."""
    doc = prepare(Article(article_id="t", url="https://example.test/a", title="Río Zenda", text=text))
    title, body, kept = judge._words(doc)
    assert title == latin_words("Río Zenda")
    assert body == latin_words(doc.text)
    assert kept == latin_words(" ".join(p.text for p in doc.paragraphs))
