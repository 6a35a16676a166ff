"""Benchmark claim extraction: milliseconds per article over the shared dev set.

    python bench/claims_speed.py [--shared ../shared] [--rounds 5]
    python bench/claims_speed.py --against DIR   # this tree vs another checkout, interleaved in one process
    python bench/claims_speed.py --lengths 1,10,100   # ms vs length on long articles made of dev articles

Reports median and p90 per article for the whole `ClaimExtractor.extract`, for each of its parts (text
preparation, actors, statements, figures, deployments, relevance), and, for reference, trafilatura's
text extraction of the article-extraction benchmark pages when they are present. `--against` times the
other checkout's extractor and this one's article by article, alternately, so that the load of a shared
machine weighs on both alike: compare their ratio rather than their milliseconds. Times are the process's CPU
time (`--wall`: the wall clock).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from watchers.jsonl import read_articles  # noqa: E402
from watchers.models import Article  # noqa: E402

_PACKAGES = ("watchers", "config")


# The process's CPU time, not the wall clock: on a machine shared with other jobs a wall-clock interval of a
# few milliseconds is often preempted, and the longer intervals (a whole extraction) the more. `--wall` for wall time.
_clock = time.process_time


def _time_ms(fn: Callable[[], object]) -> float:
    t0 = _clock()
    fn()
    return (_clock() - t0) * 1000


def _summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{name:<22} median {statistics.median(ordered):7.3f} ms   p90 {p90:7.3f} ms   (n={len(ordered)})"


def load_tree(root: Path) -> SimpleNamespace:
    """The claim extractor of the checkout at `root`, imported apart from any other (its own module objects)."""
    for name in [n for n in sys.modules if n.split(".")[0] in _PACKAGES]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        claims = importlib.import_module("watchers.claims")
        text = importlib.import_module("watchers.claims.text")
        watch = importlib.import_module("config.watch").load_watch()
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n.split(".")[0] in _PACKAGES]:
            del sys.modules[name]  # the next tree imports its own
    return SimpleNamespace(root=root, extractor=claims.ClaimExtractor(watch), prepare=text.prepare)


def _parts(tree: SimpleNamespace, a: Article) -> dict[str, float]:
    """Milliseconds of each part of one article's extraction (after a whole `extract` of it)."""
    ex = tree.extractor
    out = {"whole extract": _time_ms(lambda: ex.extract(a))}
    t0 = _clock()
    doc = tree.prepare(a)
    t1 = _clock()
    actors = ex.actors.extract(doc)
    t2 = _clock()
    ex.statements.extract(doc, actors)
    t3 = _clock()
    out.update({"text prep": (t1 - t0) * 1000, "actors": (t2 - t1) * 1000, "statements": (t3 - t2) * 1000})
    out["figures"] = _time_ms(lambda: ex.figures.extract(doc))
    out["deployments"] = _time_ms(lambda: ex.deployments.extract(doc))
    out["relevance"] = _time_ms(lambda: ex.relevance.score(doc))
    return out


def bench_claims(trees: list[SimpleNamespace], articles: list[Article], rounds: int) -> None:
    samples: list[dict[str, list[float]]] = [{} for _ in trees]
    for tree in trees:
        for a in articles:  # warm-up
            tree.extractor.extract(a)
    for _ in range(rounds):
        for a in articles:
            for tree, got in zip(trees, samples, strict=True):
                for part, ms in _parts(tree, a).items():
                    got.setdefault(part, []).append(ms)
    chars = statistics.median(len(a.text) for a in articles)
    print(f"claim extraction over {len(articles)} dev articles x {rounds} rounds (median {chars:.0f} chars/article)")
    for tree, got in zip(trees, samples, strict=True):
        if len(trees) > 1:
            print(f"-- {tree.root}")
        for name, values in got.items():
            print(_summary(name, values))
    if len(trees) == 2:
        print(f"-- ratio of medians, {trees[1].root} / {trees[0].root}")
        for name in samples[0]:
            ratio = statistics.median(samples[1][name]) / statistics.median(samples[0][name])
            print(f"{name:<22} {ratio:6.3f}")


def bench_lengths(tree: SimpleNamespace, articles: list[Article], factors: list[int]) -> None:
    """Whole extraction of one long article made of consecutive dev articles, `factor` times the median length:
    milliseconds per 1,000 characters should stay flat if the work is linear in length."""
    median = statistics.median(len(a.text) for a in articles)
    print(f"ms vs length (dev articles joined; 1x = {median:.0f} chars)")
    for factor in factors:
        texts: list[str] = []
        i = 0
        while sum(len(t) + 1 for t in texts) < factor * median:
            texts.append(articles[i % len(articles)].text)
            i += 1
        long = Article(article_id=f"long{factor}", url="https://example.test/long", title="", text="\n".join(texts))
        tree.extractor.extract(long)  # warm-up
        extract = functools.partial(tree.extractor.extract, long)
        runs = [_time_ms(extract) for _ in range(3 if factor >= 50 else 7)]
        ms = statistics.median(runs)
        per_k = ms / len(long.text) * 1000
        print(f"{factor:>5}x  {len(long.text):>8} chars  {ms:9.1f} ms   {per_k:6.3f} ms per 1,000 chars")


def bench_trafilatura(pages_dir: Path, limit: int) -> None:
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed; skipped")
        return
    pages = sorted(pages_dir.glob("*.html.gz"))[:limit]
    if not pages:
        print(f"no benchmark pages in {pages_dir}; trafilatura reference skipped")
        return
    html = [gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace") for p in pages]
    samples = [_time_ms(lambda h=h: trafilatura.extract(h)) for h in html]
    print(_summary("trafilatura.extract", samples) + f"   over {len(html)} benchmark pages (reference)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    # ../shared from the project root (a worktree sits one level deeper, so look one more level up too)
    default = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").exists()), None)
    ap.add_argument("--shared", default=str(default or ROOT.parent / "shared"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", type=int, default=40, help="how many benchmark pages to run trafilatura on")
    ap.add_argument("--against", type=Path, help="another checkout to time alongside this one (before → after)")
    ap.add_argument("--lengths", help="comma-separated multiples of the median article length, e.g. 1,10,100")
    ap.add_argument("--wall", action="store_true", help="time by the wall clock rather than the CPU time")
    args = ap.parse_args(argv)
    if args.wall:
        global _clock
        _clock = time.perf_counter
    shared = Path(args.shared)
    dev = shared / "eval" / "dev" / "articles.jsonl"
    if not dev.exists():
        print(f"no dev set at {dev}; nothing to benchmark")
        return 0
    articles = [a for a in read_articles(dev) if a.text]
    trees: list[Any] = [load_tree(args.against.resolve())] if args.against else []
    trees.append(load_tree(ROOT))
    if args.lengths:
        for tree in trees:
            print(f"-- {tree.root}")
            bench_lengths(tree, articles, [int(f) for f in args.lengths.split(",")])
        return 0
    bench_claims(trees, articles, args.rounds)
    if not args.against:
        bench_trafilatura(shared / "corpora" / "article-extraction-benchmark" / "html", args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
