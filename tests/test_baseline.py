"""The baseline from seed documents: maxima per track, known entities, quotes, each remembering its document."""

from __future__ import annotations

from pathlib import Path

from config.watch import load_watch
from tests.support.alerts import actor, claims, dep, fig, make_watch, quote
from watchers.baseline import baseline_from_claims, build_baseline
from watchers.claims import ClaimExtractor
from watchers.diff import BASELINE_PREFIX, baseline_document

ROOT = Path(__file__).resolve().parent.parent


def two_seeds() -> list[tuple[str, object]]:
    return [
        ("a.txt", claims("a.txt", fig("sailors_detained", 40), fig("sailors_detained", 25), dep("USS Flavia"),
                         actor("Rupert of Hentzau"), actor("Ruritania", "country", aliases=("Strelsau",)),
                         quote("Rupert of Hentzau", "We hold the harbour"))),
        ("b.txt", claims("b.txt", fig("sailors_detained", 45), fig("ransom_demand", 2e6, kind="money"),
                         fig("not_a_track", 7), dep("Flavia"), actor("Hentzau"), actor("Ruritania", "country",
                         aliases=("Ruritanian Republic",)))),
    ]  # fmt: skip


def test_tracks_hold_the_highest_baseline_reading_and_its_document() -> None:
    state = baseline_from_claims(make_watch(), two_seeds())  # type: ignore[arg-type]
    assert state.tracks == {"sailors_detained": 45, "ransom_demand": 2e6}
    assert [(p.value, p.source.article_id) for p in state.history["sailors_detained"]] == [
        (40, "a.txt"), (25, "a.txt"), (45, "b.txt"),
    ]  # fmt: skip
    assert baseline_document(state, "sailors_detained") == "b.txt"
    assert baseline_document(state, "ships_seized") is None


def test_entities_are_merged_under_one_name_and_remember_their_first_document() -> None:
    state = baseline_from_claims(make_watch(), two_seeds())  # type: ignore[arg-type]
    assert [(a.name, a.first_seen.article_id if a.first_seen else None) for a in state.assets] == [
        ("USS Flavia", "a.txt"),
    ]  # fmt: skip
    ruritania = next(a for a in state.actors if a.name == "Ruritania")
    assert ruritania.aliases == ["Strelsau", "Ruritanian Republic"]
    assert [a.name for a in state.actors] == ["Rupert of Hentzau", "Ruritania"]
    assert all(e.in_baseline for e in state.assets + state.actors + state.quotes)
    assert [(q.category, q.name) for q in state.quotes] == [("Rupert of Hentzau", "We hold the harbour")]
    assert state.candidate_actors == []


def test_build_baseline_from_the_shipped_seed_documents_records_them_as_stories() -> None:
    watch = load_watch(ROOT / "config" / "watch.yaml")
    documents = [(p.name, p.read_text(encoding="utf-8")) for p in watch.baseline_paths()]
    state = build_baseline(watch, ClaimExtractor(watch, [t for _, t in documents]), documents)
    names = {n for n, _ in documents}
    assert set(state.stories) == {BASELINE_PREFIX + n for n in names}
    sources = [e.first_seen for e in state.assets + state.actors + state.quotes]
    sources += [p.source for points in state.history.values() for p in points]
    assert all(s is not None and s.article_id in names for s in sources)
