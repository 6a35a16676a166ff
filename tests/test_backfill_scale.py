"""The backfill at scale: worker processes give what the serial run gives, batched writes store what one-by-one
writes store, one parse of a page gives what trafilatura's own metadata reading gives, the off-topic early exit
keeps the relevance score, and a bad line loses nothing. Then each benchmark once on a tiny input (a smoke test:
it runs and its checks hold; no timing is asserted)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from config import CONFIG_DIR
from config.settings import Settings
from config.watch import load_watch
from flows.backfill_core import BackfillRequest, default_workers, run_backfill
from flows.runtime import Runtime, open_runtime
from tests.support.watchenv import demo_articles_jsonl
from watchers.claims import ClaimExtractor
from watchers.extract import BODY_SETTINGS, DATE_PARAMS, extract_article, parse_date
from watchers.jsonl import read_articles
from watchers.models import Article

DATA = Path(__file__).resolve().parent / "data"
DEMO_PAGES = sorted((CONFIG_DIR / "demo").glob("*.html"))


@contextmanager
def runtime(directory: Path) -> Iterator[Runtime]:
    directory.mkdir(parents=True, exist_ok=True)
    rt = open_runtime(Settings(data_dir=directory, database_url=f"sqlite:///{directory / 'bf.db'}"))
    try:
        yield rt
    finally:
        rt.close()


def backfill(directory: Path, path: Path, workers: int) -> dict[str, Any]:
    """Run a backfill into a fresh database; what must not depend on how it ran."""
    with runtime(directory) as rt:
        report = run_backfill(rt, BackfillRequest(jsonl=path, deliver=False, workers=workers))
        ids = {a.article_id for a in read_articles(path)}
        return {
            "alerts": [json.dumps(a.payload, sort_keys=True, default=str) for a in report.alerts],
            "state": repr(rt.store.load_state()),
            "counts": (report.assessed.articles, report.assessed.relevant, report.assessed.copies),
            "claims": {i: rt.store.load_claims(i) for i in sorted(ids)},
        }


def stream_with_pages(tmp_path: Path) -> Path:
    """A stream with alerts, the demo pages as HTML (extracted in the workers) and a URL given twice."""
    lines = (DATA / "stream" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    again = json.loads(lines[0]) | {"id": "again", "text": "An unrelated note about the weather this weekend."}
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n" + demo_articles_jsonl() + json.dumps(again) + "\n", encoding="utf-8")
    return path


def test_two_workers_give_the_serial_result(tmp_path: Path) -> None:
    path = stream_with_pages(tmp_path)
    serial = backfill(tmp_path / "serial", path, workers=1)
    parallel = backfill(tmp_path / "parallel", path, workers=2)
    assert serial["alerts"] and serial["counts"][1] > 10
    assert parallel == serial


def test_a_bad_line_is_reported_and_the_others_are_processed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (DATA / "stream" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    bad, clean = tmp_path / "in.jsonl", tmp_path / "clean.jsonl"
    bad.write_text("\n".join([*lines[:5], "{not json", *lines[5:]]) + "\n", encoding="utf-8")
    clean.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for workers in (1, 2):
        with runtime(tmp_path / f"bad{workers}") as rt:
            report = run_backfill(rt, BackfillRequest(jsonl=bad, deliver=False, workers=workers))
            assert report.errors == [f"{bad}:6: not JSON: Expecting property name enclosed in double quotes"]
            state = repr(rt.store.load_state())
        expected = backfill(tmp_path / f"clean{workers}", clean, workers=1)
        assert [json.dumps(a.payload, sort_keys=True, default=str) for a in report.alerts] == expected["alerts"]
        assert state == expected["state"]


def test_an_article_that_cannot_be_stored_is_reported_and_its_batch_is_kept(tmp_path: Path) -> None:
    """A line whose id another URL already has fails its insert: the batch's one-statement insert gives way
    to one savepoint per article, so the others of the batch are stored all the same."""
    lines = (DATA / "stream" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    clash = json.dumps(first | {"url": "https://elsewhere.example/another-story", "text": "A different page."})
    bad, clean = tmp_path / "in.jsonl", tmp_path / "clean.jsonl"
    bad.write_text("\n".join([*lines[:3], clash, *lines[3:]]) + "\n", encoding="utf-8")
    clean.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with runtime(tmp_path / "bad") as rt:
        report = run_backfill(rt, BackfillRequest(jsonl=bad, deliver=False, workers=1))
        assert len(report.errors) == 1 and report.errors[0].startswith("https://elsewhere.example/another-story")
        state, counts = repr(rt.store.load_state()), rt.store.article_counts()
    expected = backfill(tmp_path / "clean", clean, workers=1)
    assert [json.dumps(a.payload, sort_keys=True, default=str) for a in report.alerts] == expected["alerts"]
    assert state == expected["state"]
    assert counts == {"assessed": len(lines)}


def test_off_topic_articles_are_recorded_assessed_with_their_relevance(tmp_path: Path) -> None:
    """Off-topic articles skip the assessment (they change no known state) but are stored and marked assessed:
    nothing is fetched again or left pending, and their relevance is kept."""
    path = stream_with_pages(tmp_path)
    with runtime(tmp_path / "db") as rt:
        report = run_backfill(rt, BackfillRequest(jsonl=path, deliver=False, workers=1))
        ids = list(dict.fromkeys(a.article_id for a in read_articles(path) if a.article_id != "again"))
        claims = {i: rt.store.load_claims(i) for i in ids}
        assert rt.store.article_counts() == {"assessed": len(ids)} and report.assessed.articles == len(ids)
        off_topic = [i for i, c in claims.items() if c is not None and not c.relevant]
        assert off_topic and all(claims[i] is not None for i in ids)
        assert all(not c.claims and c.relevance >= 0 for i, c in claims.items() if i in off_topic and c)
        assert rt.store.pending_articles() == ([], [])


def test_default_workers_one_per_cpu_only_for_a_large_input() -> None:
    assert default_workers(0) == default_workers(50) == 1
    assert default_workers(100_000) >= 1
    assert default_workers(100_000) >= default_workers(200)


def _trafilatura_page(html: str, url: str | None) -> tuple[Any, ...]:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS,
                                      **BODY_SETTINGS)  # fmt: skip
    assert doc is not None and not isinstance(doc, dict)
    return (doc.text, doc.title or "", doc.author or "", doc.sitename or "", parse_date(doc.date), doc.url or "")


def _pages() -> list[tuple[str, str | None]]:
    pages: list[tuple[str, str | None]] = [(p.read_text(encoding="utf-8"), f"https://demo.example/{p.name}")
                                           for p in DEMO_PAGES]  # fmt: skip
    return pages + [(html, None) for html, _ in pages]


@pytest.mark.parametrize("index", range(2 * len(DEMO_PAGES)))
def test_one_parse_gives_trafilaturas_body_and_metadata(index: int) -> None:
    html, url = _pages()[index]
    warnings.simplefilter("ignore")
    page = extract_article(html, url)
    assert page is not None
    ours = (page.text, page.title, page.author, page.site_name, page.published, page.url)
    expected = _trafilatura_page(html, url)
    assert ours[:4] == expected[:4] and ours[5] == expected[5]
    assert ours[4] == (expected[4] or ours[4])  # trafilatura's date, else our <meta>/URL fallback
    lean = extract_article(html, url, title=False, date=False, byline=False)
    assert lean is not None and lean.text == page.text
    assert (lean.author, lean.published) == ("", None)
    from_file = extract_article(html, url, byline=False)  # what a backfill file's page gets: no byline search
    assert from_file is not None
    assert (from_file.text, from_file.title, from_file.published) == (page.text, page.title, page.published)
    assert from_file.url == page.url


def test_off_topic_early_exit_keeps_the_relevance_score() -> None:
    watch = load_watch()
    extractor = ClaimExtractor(watch, [p.read_text(encoding="utf-8") for p in watch.baseline_paths()])
    articles = [a for name in ("heldout", "stream") for a in read_articles(DATA / name / "articles.jsonl")]
    pages = [extract_article(p.read_text(encoding="utf-8")) for p in DEMO_PAGES]
    articles += [Article(f"demo-{i}", "", p.text, p.title) for i, p in enumerate(pages) if p]
    articles.append(Article("weather", "", "Heavy rain is expected over the weekend near the river. " * 20))
    off_topic = 0
    for article in articles:
        full, quick = extractor.extract(article), extractor.extract(article, relevant_only=True)
        assert (quick.relevant, quick.relevance) == (full.relevant, full.relevance), article.article_id
        assert quick.claims == (full.claims if full.relevant else ())
        off_topic += not full.relevant
    assert off_topic >= 2 and len(articles) - off_topic >= 10


# ---------------------------------------------------------------------------------------- benchmark smoke tests


@pytest.mark.smoke
def test_bench_memory_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import memory

    assert memory.main(["--sizes", "30", "60"]) == 0
    out = capsys.readouterr().out
    assert "peak RSS at 60 / at 30 articles" in out


@pytest.mark.smoke
def test_bench_poll_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import poll_304

    assert poll_304.main(["--feeds", "6", "--changed", "2", "--items", "3", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "4 answer 304, 2 changed" in out and "304 cycle is" in out


@pytest.mark.smoke
@pytest.mark.corpus
def test_bench_backfill_smoke(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench import backfill as bench_backfill

    args = ["--shared", str(shared_dir), "--pages", "3", "--repeat", "2", "--workers", "1", "2"]
    assert bench_backfill.main(args) == 0
    out = capsys.readouterr().out
    assert "MISMATCH" not in out and "'articles': 6" in out


@pytest.mark.smoke
@pytest.mark.corpus
def test_bench_pipeline_smoke(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench import pipeline

    assert pipeline.main(["--shared", str(shared_dir), "--pages", "3", "--rounds", "1"]) == 0
    assert "ratio" in capsys.readouterr().out
