"""Corroboration that moves: later independent reports of an alerted figure or asset raise its source count,
and at the watch's counts a low-severity "corroborated" update says so; copies never count."""

from __future__ import annotations

import datetime as dt

from config.watch import AlertsConfig, CorroborationConfig
from tests.support.alerts import BASELINE, BASELINE_DATE, ORIGINAL, actor, article, claims, dep, fig, make_watch
from watchers.assess import GivenClaims, assess_article
from watchers.baseline import baseline_from_claims
from watchers.board import build_board
from watchers.claims.relevance import RelevanceJudge
from watchers.models import ArticleClaims, ClaimDiff, KnownState
from watchers.stories import StoryMatch

DAY = BASELINE_DATE + dt.timedelta(days=3)


class Stream:
    """Articles with given claims, each its own story unless named a copy of another."""

    def __init__(self, given: dict[str, ArticleClaims], at_sources: list[int] | None = None, enabled: bool = True):
        watch = make_watch()
        config = CorroborationConfig(enabled=enabled, at_sources=at_sources or [2, 3])
        self.watch = watch.model_copy(update={"alerts": AlertsConfig(corroboration=config)})
        seed = claims("seed.txt", fig("sailors_detained", 40), actor("Rupert of Hentzau"), dep("USS Zenda"))
        self.state: KnownState = baseline_from_claims(self.watch, [("seed.txt", seed)])
        self.source = GivenClaims(given, RelevanceJudge(self.watch, BASELINE))

    def read(self, article_id: str, copy_of: str | None = None) -> tuple[list[ClaimDiff], list[ClaimDiff]]:
        story = StoryMatch(copy_of or article_id, copy_of is not None, 1.0 if copy_of else 0.0, article_id)
        result = assess_article(
            self.state, self.source, lambda _s, _a: story, article(article_id, ORIGINAL, day=DAY), self.watch,
            BASELINE_DATE,
        )  # fmt: skip
        return result.diffs, result.corroborations


def test_independent_reports_corroborate_a_figure_and_an_asset_and_copies_do_not() -> None:
    stream = Stream(
        {
            "a": claims("a", fig("sailors_detained", 52), dep("USS Osra")),
            "a-copy": claims("a-copy", fig("sailors_detained", 52), dep("USS Osra")),
            "b": claims("b", fig("sailors_detained", 52), dep("Osra")),
            "c": claims("c", fig("sailors_detained", 52), dep("USS Osra"), dep("USS Zenda")),
            "d": claims("d", fig("sailors_detained", 52)),
        }
    )
    diffs, later = stream.read("a")
    assert [d.type for d in diffs] == ["figure_changed", "new_deployment"] and later == []
    assert stream.read("a-copy", copy_of="a") == ([], [])  # a syndicated copy is no new source
    _, later = stream.read("b")
    assert [(d.type, d.track, d.new, d.independent_sources) for d in later] == [
        ("corroborated", "sailors_detained", 52, 2),
        ("corroborated", None, None, 2),
    ]
    assert later[1].claim.asset == "Osra"  # type: ignore[union-attr]
    _, later = stream.read("c")
    assert sorted(d.independent_sources for d in later) == [3, 3]  # the baseline's USS Zenda is no alert to follow
    _, later = stream.read("d")
    assert later == []  # 4 is not one of the counts that send an update
    board = build_board(stream.state, stream.watch)
    deaths = next(t for t in board.tracks if t.name == "sailors_detained")
    assert (deaths.current, deaths.sources) == (52, 4)  # the board's count moved with every source
    assert next(e for e in board.deployments if e.name == "USS Osra").sources == 3


def test_a_new_value_starts_its_own_count_and_the_baseline_value_is_not_followed_up() -> None:
    stream = Stream(
        {
            "a": claims("a", fig("sailors_detained", 40)),  # the baseline's own value, again
            "b": claims("b", fig("sailors_detained", 40)),
            "c": claims("c", fig("sailors_detained", 55)),
            "d": claims("d", fig("sailors_detained", 52)),  # stale: not the current value
            "e": claims("e", fig("sailors_detained", 55)),
        }
    )
    assert [stream.read(x)[1] for x in ("a", "b", "c", "d")] == [[], [], [], []]
    _, later = stream.read("e")
    assert [(d.new, d.independent_sources) for d in later] == [(55, 2)]


def test_corroboration_can_be_switched_off() -> None:
    stream = Stream({"a": claims("a", dep("USS Osra")), "b": claims("b", dep("USS Osra"))}, enabled=False)
    stream.read("a")
    assert stream.read("b")[1] == []
