"""Numbers at the boundary: a figure that is not finite, negative or above its kind's limit is rejected with a
warning, never stored nor alerted; `extract` always writes valid JSON; PostgreSQL never sees inf."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from pathlib import Path

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from config.settings import Settings
from config.watch import FigureLimits, TrackConfig, WatchConfig, WatchConfigError, load_watch
from flows import steps
from flows.cli import app
from flows.runtime import Runtime
from storage import Store
from storage.db import _json_dumps
from tests.support.watchenv import write_watch
from watchers.claims import ClaimExtractor
from watchers.figure_limits import screen_figures
from watchers.models import Article, ArticleClaims, Evidence, FigureClaim, TrackPoint

TOLL = (
    "US strikes on alleged drug boats in the Caribbean have killed {n} people so far, bringing the death toll "
    "of the campaign against Venezuela and Maduro to a new high, officials in Caracas said."
)
HUGE = "9" * 400


def figure(kind: str, value: float, low: float | None = None) -> FigureClaim:
    return FigureClaim(kind, value, "cumulative", "people", Evidence(f"{value} {kind}", 0, 5), low=low)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "value", "low", "kept"),
    [
        ("killed", 76, None, True),
        ("killed", 1_000_000, None, True),  # at the limit
        ("killed", 1_000_001, None, False),
        ("killed", math.inf, None, False),
        ("killed", math.nan, None, False),
        ("killed", -3, None, False),
        ("killed", 10, -math.inf, False),  # a range whose low end is broken
        ("personnel", 9_000_000, None, True),
        ("personnel", 20_000_000, None, False),
        ("ships", 15_000, None, False),
        ("aircraft", 12, None, True),
        ("money", 5e7, None, True),
        ("money", 1e14, None, False),
    ],
)
def test_each_kind_has_a_believable_range(kind: str, value: float, low: float | None, kept: bool) -> None:
    claims = ArticleClaims("a1", (figure(kind, value, low),), relevant=True)
    screened, warnings = screen_figures(claims, FigureLimits())
    assert (len(screened.claims) == 1) is kept
    assert (warnings == []) is kept
    if not kept:
        assert "a1" in warnings[0] and "rejected" in warnings[0]


def test_limits_are_configurable_in_watch_yaml(tmp_path: Path) -> None:
    path = write_watch(tmp_path, [])
    raw = yaml.safe_load(path.read_text())
    raw["figure_limits"] = {"killed": 500}
    path.write_text(yaml.safe_dump(raw))
    watch = load_watch(path)
    assert watch.figure_limits.killed == 500 and watch.figure_limits.ships == 1e4  # the rest keep defaults
    screened, _ = screen_figures(ArticleClaims("a", (figure("killed", 600),), True), watch.figure_limits)
    assert screened.claims == ()
    raw["figure_limits"] = {"kiled": 500}
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(WatchConfigError, match=r"figure_limits\.kiled"):
        load_watch(path)


def test_database_json_refuses_non_finite_numbers() -> None:
    with pytest.raises(ValueError):
        _json_dumps({"value": math.inf})


def _runtime(store: Store, watch: WatchConfig) -> Runtime:
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404)))
    return Runtime(Settings(), watch, store, client, ClaimExtractor(watch))


@pytest.mark.parametrize("written", [HUGE, "5,000,000"])
def test_an_absurd_toll_is_neither_stored_nor_alerted(
    store: Store, written: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Through the real extractor and the real store (SQLite and PostgreSQL): a 400-digit number, which the
    extractor may read as inf, and a finite but absurd one."""
    watch = load_watch()
    rt = _runtime(store, watch)
    before = steps.ensure_baseline(rt).tracks["boat_strike_deaths"]
    article = Article("absurd", "https://news.test/absurd", TOLL.format(n=written), "Boat strikes",
                      dt.datetime(2025, 11, 20, tzinfo=dt.UTC))  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="claimwatch.assess"):
        outcome = steps.assess_articles(rt, [article], enqueue=False)
    assert outcome.relevant == 1
    assert not [a for a in outcome.alerts if a.type == "figure_changed"]
    # a 400-digit number is no figure at all (the extractor parses it exactly and refuses it): nothing to reject
    assert "figure rejected" in caplog.text or written == HUGE
    state = store.load_state()
    assert state is not None and state.tracks["boat_strike_deaths"] == before
    assert all(math.isfinite(v) for v in state.tracks.values())
    stored = store.load_claims("absurd")
    assert stored is not None and stored.claims  # the article's other claims are kept
    assert not [c for c in stored.claims if isinstance(c, FigureClaim) and c.track == "boat_strike_deaths"]

    sane = Article("sane", "https://news.test/sane", TOLL.format(n="83"), "Boat strikes",
                   dt.datetime(2025, 11, 21, tzinfo=dt.UTC))  # fmt: skip
    after = steps.assess_articles(rt, [sane], enqueue=False)
    assert [a.payload.get("new") for a in after.alerts if a.type == "figure_changed"] == [83]  # not stuck


def test_extract_writes_valid_json_for_a_400_digit_number(tmp_path: Path) -> None:
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "big", "title": "Boat strikes", "text": TOLL.format(n=HUGE)}) + "\n")
    result = CliRunner().invoke(app, ["extract", str(articles), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output

    def no_constants(name: str) -> None:
        raise AssertionError(f"non-JSON constant {name}")

    rows = [json.loads(line, parse_constant=no_constants) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows[0]["id"] == "big"
    assert all(c["type"] != "figure" or c["value"] <= 1e6 for c in rows[0]["claims"])


def test_track_kinds_all_have_a_limit() -> None:
    kinds = TrackConfig.model_fields["kind"].annotation.__args__  # type: ignore[union-attr]
    assert all(FigureLimits().limit(k) > 0 for k in kinds)


def test_a_maximum_stuck_at_infinity_in_an_old_database_is_repaired_on_load(store: Store) -> None:
    """A database written before figure limits: the bad reading is dropped, the maximum is the best finite one."""
    watch = load_watch()
    rt = _runtime(store, watch)
    state = steps.ensure_baseline(rt)
    baseline = state.tracks["boat_strike_deaths"]
    source = state.history["boat_strike_deaths"][0].source
    state.tracks["boat_strike_deaths"] = math.inf
    state.history["boat_strike_deaths"].append(TrackPoint(math.inf, "killed 999… people", source, True))
    store.save_state(state)
    loaded = store.load_state()
    assert loaded is not None
    assert loaded.tracks["boat_strike_deaths"] == baseline
    assert all(math.isfinite(p.value) for p in loaded.history["boat_strike_deaths"])
