"""The backfill of real pages against trafilatura alone, measured in one run: the 181 pages of the
article-extraction benchmark repeated `--repeat` times (default 10: 1,810 pages), each with its own id and URL,
as an articles JSONL with `html` (extract, claims, diff, store in a fresh SQLite database, no delivery).

    python -m bench.backfill [--repeat 10] [--workers 1 2] [--rounds 1] [--profile OUT.prof]   (`make bench`)

"trafilatura alone" is `trafilatura.extract` with the body settings `extract_article` uses (`BODY_SETTINGS`) on the
same pages, without metadata; "backfill" is `run_backfill` on the file. With several `--workers` values, each is
run (interleaved with trafilatura in every round) and the alerts and known state of every run must equal the first
one's. CPU time counts the workers too: with several, the CPU ratio says what spreading the work costs, a
speed-up measure that a busy machine does not distort as it does wall time (the load average is printed at the
start and the end). `--profile` writes a cProfile (CPU time) of one serial backfill and prints its top 15 by own and by
cumulative time. Before any of it, both sides run untimed on a few pages (`warm_up`).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import trafilatura

from config.settings import Settings
from flows.backfill_core import BackfillRequest, run_backfill
from flows.runtime import open_runtime
from watchers.extract import BODY_SETTINGS
from watchers.fetch import decode_html

ROOT = Path(__file__).resolve().parent.parent
WARM_UP_PAGES = 10


def shared_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("CLAIMWATCH_SHARED_DIR") or os.environ.get("CLAIMWATCH_SHARED")
    candidates = [Path(env)] if env else [ROOT.parent / "shared", Path("/work/shared")]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def load_pages(bench_dir: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(key, url, decoded html) of each benchmark page, in key order."""
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((bench_dir / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, truth[key].get("url") or f"https://bench.example/{key}", decode_html(raw)[0]))
    return pages


def rows(pages: list[tuple[str, str, str]], repeat: int) -> Iterator[dict[str, str]]:
    """Each page `repeat` times, each copy its own article (id and URL); the HTML is the same."""
    for r in range(repeat):
        for key, url, html in pages:
            yield {"id": f"{key}-{r}", "url": f"{url}{'&' if '?' in url else '?'}copy={r}", "html": html}


def write_jsonl(path: Path, pages: list[tuple[str, str, str]], repeat: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows(pages, repeat):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def time_trafilatura(path: Path) -> tuple[float, float]:
    """trafilatura alone over the same file (read line by line like the backfill reads it): wall and CPU s."""
    started, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            trafilatura.extract(row["html"], url=row["url"], **BODY_SETTINGS)
    return time.perf_counter() - started, time.process_time() - cpu


def run_once(
    path: Path, workdir: Path, workers: int, profile: Path | None = None
) -> tuple[float, float, dict[str, Any]]:
    """One backfill into a fresh database: wall and CPU seconds (this process's: the whole work only with one
    worker) and what must not depend on how it ran."""
    db = workdir / f"backfill-{workers}-{time.monotonic_ns()}.db"
    rt = open_runtime(Settings(data_dir=workdir, database_url=f"sqlite:///{db}"))
    try:
        req = BackfillRequest(jsonl=path, deliver=False, workers=workers)
        # CPU time, not wall: other processes on the machine must not stretch the profile
        profiler = cProfile.Profile(time.process_time) if profile else None
        started, cpu = time.perf_counter(), _cpu_with_workers()
        if profiler:
            profiler.enable()
        report = run_backfill(rt, req)
        if profiler:
            profiler.disable()
        elapsed, cpu = time.perf_counter() - started, _cpu_with_workers() - cpu
        if profiler and profile:
            profiler.dump_stats(str(profile))
        state = rt.store.load_state()
        outcome = {
            "articles": report.assessed.articles,
            "relevant": report.assessed.relevant,
            "alerts": sorted(json.dumps(a.payload, sort_keys=True, default=str) for a in report.alerts),
            "state": repr(state),
        }
    finally:
        rt.close()
        db.unlink(missing_ok=True)
    return elapsed, cpu, outcome


def warm_up(pages: list[tuple[str, str, str]], workdir: Path) -> None:
    """Both sides once on a few pages, untimed: what a process pays once (imports, htmldate's month names from
    dateparser's locales, the claim model) is not per-page work, and with `--repeat 2` it would be a fifth of
    the backfill's time. Few pages, so the timed runs still meet most pages for the first time."""
    path = workdir / "warm-up.jsonl"
    write_jsonl(path, pages, 1)
    time_trafilatura(path)
    run_once(path, workdir, 1)
    path.unlink()


def _cpu_with_workers() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers, joined when it closes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def print_profile(path: Path, top: int = 15) -> None:
    for order in ("tottime", "cumulative"):
        print(f"\n--- top {top} by {order} ---")
        pstats.Stats(str(path)).strip_dirs().sort_stats(order).print_stats(top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--pages", type=int, default=None, help="use only the first N benchmark pages")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--profile", type=Path, help="cProfile one serial backfill into this file")
    args = ap.parse_args(argv)
    bench_dir = shared_dir(args.shared) / "corpora" / "article-extraction-benchmark"
    if not bench_dir.is_dir():
        print(f"skipped: no benchmark pages at {bench_dir}")
        return 0
    warnings.filterwarnings("ignore")
    print(_load())
    pages = load_pages(bench_dir, args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "articles.jsonl"
        n = write_jsonl(path, pages, args.repeat)
        print(f"{n} pages ({len(pages)} x {args.repeat}), {path.stat().st_size / 1e6:.0f} MB of JSONL")
        warm_up(pages[-WARM_UP_PAGES:], workdir)
        if args.profile:
            elapsed, _, _ = run_once(path, workdir, 1, args.profile)
            print(f"profiled serial backfill: {elapsed:.1f} s (under cProfile)")
            print_profile(args.profile)
            return 0
        # wall seconds per run and round; CPU seconds for trafilatura and the serial backfill (robust when other
        # processes share the machine: contention stretches wall time, not the CPU time of the work)
        wall: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        reference: dict[str, Any] | None = None
        for r in range(args.rounds):
            names = ["trafilatura alone"] + [f"backfill workers={w}" for w in args.workers]
            for name in names:
                if name == "trafilatura alone":
                    elapsed, used = time_trafilatura(path)
                else:
                    elapsed, used, outcome = run_once(path, workdir, int(name.split("=")[1]))
                    reference = reference or outcome
                    if outcome != reference:
                        print(f"MISMATCH: {name} gave other alerts or another known state than the first run")
                        return 1
                wall.setdefault(name, []).append(elapsed)
                cpu.setdefault(name, []).append(used)
            print(f"round {r + 1}: " + " | ".join(f"{k} {v[-1]:.1f} s" for k, v in wall.items()), flush=True)
        assert reference is not None
        counts = {k: reference[k] for k in ("articles", "relevant")} | {"alerts": len(reference["alerts"])}
        print(f"\n{counts}; alerts and known state the same in every run")
        plain_wall, plain_cpu = wall["trafilatura alone"], cpu["trafilatura alone"]
        print(f"{'run':24} {'wall s':>16} {'ms/page':>8} {'wall ratio':>16} {'CPU ratio':>16}  (per round)")
        for name in wall:
            ratio = " ".join(f"{t / p:.2f}" for t, p in zip(wall[name], plain_wall, strict=True))
            cpu_ratio = " ".join(f"{t / p:.2f}" for t, p in zip(cpu[name], plain_cpu, strict=True))
            ms = statistics.median(wall[name]) / n * 1000
            print(f"{name:24} {_each(wall[name]):>16} {ms:8.1f} {ratio:>16} {cpu_ratio:>16}")
        serial = wall.get("backfill workers=1")
        for name, times in wall.items():
            if serial and name.startswith("backfill") and name != "backfill workers=1":
                speedups = " ".join(f"{s / t:.2f}" for s, t in zip(serial, times, strict=True))
                print(f"speed-up of {name} over workers=1 (wall, per round): {speedups}")
    print(_load())
    return 0


def _load() -> str:
    """The load average: wall times mean little when it exceeds the cores."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def _each(values: list[float]) -> str:
    return " ".join(f"{v:.1f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
