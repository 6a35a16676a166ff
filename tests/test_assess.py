"""The per-article step end to end on made-up articles (relevance, story, diff), and the dev alert stream."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from tests.support.alerts import (
    BASELINE,
    BASELINE_DATE,
    INDEPENDENT,
    ORIGINAL,
    SYNDICATED,
    actor,
    article,
    claims,
    dep,
    fig,
    make_watch,
)
from watchers.assess import Assessment, GivenClaims, assess_article
from watchers.baseline import baseline_from_claims
from watchers.claims.relevance import RelevanceJudge
from watchers.models import Article, ArticleClaims, KnownState

ROOT = Path(__file__).resolve().parent.parent
DAY = BASELINE_DATE + dt.timedelta(days=3)
FOOTBALL = (
    "Strelsau beat Zenda 3-1 in the final of the Ruritanian football cup on Sunday, with two goals from the young "
    "striker. Fans filled the national stadium in Strelsau, and the Ruritania coach praised his midfield."
)


class Run:
    """A baseline, then articles assessed in order, each with claims given by id."""

    def __init__(self, given: dict[str, ArticleClaims]) -> None:
        self.watch = make_watch()
        self.state: KnownState = baseline_from_claims(
            self.watch, [("seed.txt", claims("seed.txt", fig("sailors_detained", 40), actor("Rupert of Hentzau")))]
        )
        self.source = GivenClaims(given, RelevanceJudge(self.watch, BASELINE))

    def assess(self, a: Article) -> Assessment:
        return assess_article(self.state, self.source, None, a, self.watch, BASELINE_DATE)


def test_story_copy_and_independent_report() -> None:
    run = Run(
        {
            "orig": claims("orig", fig("sailors_detained", 52), dep("USS Osra"), actor("Colonel Sapt")),
            "copy": claims("copy", fig("sailors_detained", 60), dep("USS Princess Flavia"), actor("Colonel Sapt")),
            "indep": claims("indep", fig("sailors_detained", 52), actor("Sapt")),
        }
    )
    first = run.assess(article("orig", ORIGINAL, day=DAY))
    assert first.relevant and not first.story.is_copy
    assert [d.type for d in first.diffs] == ["figure_changed", "new_deployment"]
    copy = run.assess(article("copy", SYNDICATED, day=DAY + dt.timedelta(days=1)))
    assert copy.story.is_copy and copy.story.story_id == "orig" and copy.diffs == []
    indep = run.assess(article("indep", INDEPENDENT, day=DAY + dt.timedelta(days=1)))
    assert not indep.story.is_copy
    assert [(d.type, d.independent_sources) for d in indep.diffs] == [("new_actor", 2)]  # 52 is stale now
    assert run.state.tracks["sailors_detained"] == 52
    assert sorted(run.state.stories) == ["indep", "orig"]  # the copy is no story of its own


def test_off_topic_articles_raise_nothing_and_are_not_remembered() -> None:
    run = Run({"cup": claims("cup", fig("sailors_detained", 99), actor("Colonel Sapt"))})
    result = run.assess(article("cup", FOOTBALL, title="Strelsau wins the cup", day=DAY))
    assert not result.relevant and result.diffs == []
    assert "cup" not in run.state.stories and run.state.candidate_actors == []
    assert run.state.tracks["sailors_detained"] == 40


def test_articles_before_the_baseline_raise_nothing_but_their_copies_are_known() -> None:
    run = Run({"old": claims("old", fig("sailors_detained", 70)), "new": claims("new", fig("sailors_detained", 71))})
    old = run.assess(article("old", ORIGINAL, day=BASELINE_DATE - dt.timedelta(days=2)))
    assert old.relevant and old.before_baseline and old.diffs == []
    reprint = run.assess(article("new", SYNDICATED, day=BASELINE_DATE + dt.timedelta(days=1)))
    assert reprint.story.is_copy and reprint.diffs == []


def test_dev_stream_with_gold_claims(shared_dir: Path, tmp_path: Path) -> None:
    dev = shared_dir / "eval" / "dev"
    out = tmp_path / "alerts.jsonl"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "run_stream.py"), str(dev / "stream.jsonl"), "--out", str(out),
         "--claims", str(dev / "gold.jsonl"), "--baseline-claims", str(dev / "baseline_gold.jsonl")],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), "alerts", str(dev / "alerts_gold.jsonl"), str(out)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    macro = float(scored.stdout.strip().splitlines()[-1].split()[2])
    assert macro >= 0.95, scored.stdout  # measured: 1.000 (own relevance and story matching, gold claims)
