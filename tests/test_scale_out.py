"""Several runs at once: a backfill split into parts (run in any order) leaves the known state and the alerts of
one serial run; two monitor runs assessing the same pending articles at once assess each exactly once. On
SQLite and on PostgreSQL (where the state's writer lock is an advisory lock). No Prefect here: the flows
only spread these functions over workers (tests/test_integration_prefect.py runs them there)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from config.settings import Settings
from flows import steps
from flows.backfill_core import BackfillRequest, finish_backfill, part_range, prepare_part, run_backfill
from flows.runtime import Runtime, open_runtime
from storage.tables import ClaimRow
from tests.support.store import PG_URL, postgres_schema
from tests.support.watchenv import write_watch
from watchers.jsonl import count_articles, read_articles

STREAMS = Path(__file__).resolve().parent / "data"
ARTICLES = [STREAMS / "stream" / "articles.jsonl", STREAMS / "stream2" / "articles.jsonl"]


@contextmanager
def database(kind: str, directory: Path, name: str) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{directory / f'{name}.db'}"
        return
    with postgres_schema() as schema:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"


def runtime(db_url: str, watch_file: Path) -> Runtime:
    return open_runtime(Settings(database_url=db_url, watch_file=watch_file, data_dir=watch_file.parent))


def combined_jsonl(directory: Path) -> Path:
    """Two held-out streams in one file (out of publication order across the two)."""
    path = directory / "articles.jsonl"
    path.write_text("".join(p.read_text(encoding="utf-8") for p in ARTICLES), encoding="utf-8")
    return path


def snapshot(rt: Runtime) -> tuple[object, list[tuple[str, str]]]:
    """The known state and the outbox's (alert key, route) pairs: what must not depend on how work was split."""
    outbox = sorted((e.alert.key, e.route) for e in rt.store.list_outbox())
    return rt.store.load_state(), outbox


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_split_backfill_leaves_the_state_of_a_serial_run(kind: str, tmp_path: Path) -> None:
    watch_file = write_watch(tmp_path, [], routes=[{"name": "email"}])
    source = combined_jsonl(tmp_path)
    req = BackfillRequest(jsonl=source, deliver=False)
    with database(kind, tmp_path, "serial") as serial_url, database(kind, tmp_path, "split") as split_url:
        serial = runtime(serial_url, watch_file)
        split = runtime(split_url, watch_file)
        try:
            report = run_backfill(serial, req)
            assert report.assessed.articles == count_articles(source) and report.alerts  # the streams do raise alerts
            for part in (2, 0, 3, 1):  # parts finish in any order, on any worker
                prepare_part(split, req, "b1", part, 4)
            assert prepare_part(split, req, "b1", 2, 4) == 0  # a retried part adds nothing
            with pytest.raises(RuntimeError, match="have not finished"):
                finish_backfill(split, req, "b2", 2)
            split_report = finish_backfill(split, req, "b1", 4)
            assert split_report.assessed.articles == count_articles(source)
            assert snapshot(split) == snapshot(serial)
            assert [a.key for a in split_report.alerts] == [a.key for a in report.alerts]
        finally:
            serial.close()
            split.close()


def test_parts_cover_every_position_once() -> None:
    for total in (0, 1, 7, 48):
        for parts in (1, 2, 3, 5):
            positions = [i for p in range(parts) for i in part_range(total, p, parts)]
            assert positions == list(range(total))
    with pytest.raises(ValueError, match="part must be in"):
        part_range(10, 3, 3)


@pytest.mark.parametrize("kind", BACKENDS)
def test_two_runs_assessing_at_once_assess_each_article_once(kind: str, tmp_path: Path) -> None:
    watch_file = write_watch(tmp_path, [], routes=[{"name": "email"}])
    articles = [a for p in ARTICLES for a in read_articles(p)]
    with database(kind, tmp_path, "serial") as serial_url, database(kind, tmp_path, "shared") as shared_url:
        serial = runtime(serial_url, watch_file)
        runs = [runtime(shared_url, watch_file) for _ in range(2)]
        try:
            for rt in (serial, runs[0]):
                steps.ensure_baseline(rt)
                for a in articles:  # stored as fetched: what a monitor cycle leaves for assessment
                    rt.store.save_article(a, a.url, steps.content_hash(a), rt.now())
            expected = steps.assess_pending(serial).articles
            outcomes: list[int] = []
            barrier = threading.Barrier(2)

            def assess(rt: Runtime) -> None:
                barrier.wait()
                outcomes.append(steps.assess_pending(rt).articles)

            threads = [threading.Thread(target=assess, args=(rt,)) for rt in runs]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            assert sorted(outcomes)[-1] >= 1 and sum(outcomes) == expected == len(articles)  # each once
            assert runs[0].store.pending_articles() == ([], [])
            with runs[0].store._tx() as s:
                claim_articles = {r.article_id for r in s.query(ClaimRow)}
            assert len(claim_articles) <= len(articles)
            state, outbox = snapshot(runs[0])
            serial_state, serial_outbox = snapshot(serial)
            assert len(outbox) == len(set(outbox))  # no alert twice
            # both runs took the lock chunk by chunk in publication order, so the result equals the serial one
            assert json.dumps(outbox) == json.dumps(serial_outbox)
            assert state == serial_state
        finally:
            for rt in (serial, *runs):
                rt.close()
