"""Benchmark claim extraction: milliseconds per article over the shared dev set.

    python bench/claims_speed.py [--shared ../shared] [--rounds 5]

Reports median and p90 per article for the whole `ClaimExtractor.extract`, for each of its parts (text
preparation, actors, statements, figures, deployments, relevance), and, for reference, trafilatura's
text extraction of the article-extraction benchmark pages when they are present.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.watch import load_watch  # noqa: E402
from watchers.claims import ClaimExtractor  # noqa: E402
from watchers.claims.text import prepare  # noqa: E402
from watchers.jsonl import read_articles  # noqa: E402
from watchers.models import Article  # noqa: E402


def _time_ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{name:<22} median {statistics.median(ordered):7.3f} ms   p90 {p90:7.3f} ms   (n={len(ordered)})"


def bench_claims(articles: list[Article], rounds: int) -> None:
    watch = load_watch()
    extractor = ClaimExtractor(watch)
    parts: dict[str, list[float]] = {k: [] for k in ("whole extract", "text prep", "actors", "statements", "figures")}
    parts.update({"deployments": [], "relevance": [], "prep+actors+statements": []})
    for a in articles:  # warm-up
        extractor.extract(a)
    for _ in range(rounds):
        for a in articles:
            parts["whole extract"].append(_time_ms(lambda a=a: extractor.extract(a)))
            t0 = time.perf_counter()
            doc = prepare(a)
            t1 = time.perf_counter()
            actors = extractor.actors.extract(doc)
            t2 = time.perf_counter()
            extractor.statements.extract(doc, actors)
            t3 = time.perf_counter()
            parts["text prep"].append((t1 - t0) * 1000)
            parts["actors"].append((t2 - t1) * 1000)
            parts["statements"].append((t3 - t2) * 1000)
            parts["prep+actors+statements"].append((t3 - t0) * 1000)
            parts["figures"].append(_time_ms(lambda doc=doc: extractor.figures.extract(doc)))
            parts["deployments"].append(_time_ms(lambda doc=doc: extractor.deployments.extract(doc)))
            parts["relevance"].append(_time_ms(lambda doc=doc: extractor.relevance.score(doc)))
    chars = statistics.median(len(a.text) for a in articles)
    print(f"claim extraction over {len(articles)} dev articles x {rounds} rounds (median {chars:.0f} chars/article)")
    for name, samples in parts.items():
        print(_summary(name, samples))


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
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    dev = shared / "eval" / "dev" / "articles.jsonl"
    if not dev.exists():
        print(f"no dev set at {dev}; nothing to benchmark")
        return 0
    articles = [a for a in read_articles(dev) if a.text]
    bench_claims(articles, args.rounds)
    bench_trafilatura(shared / "corpora" / "article-extraction-benchmark" / "html", args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
