"""Our per-article pipeline against trafilatura alone, on the same 181 real pages, in one run.

    python -m bench.pipeline [--shared ../shared] [--rounds 3]

Per page: (a) `trafilatura.extract(html)` with the body settings `extract_article` uses (`BODY_SETTINGS`), text
only; (a2) the same with its metadata (`bare_extraction(..., with_metadata=True)`, our date settings); (b) what
claimwatch does with a fetched page: decode the bytes, extract body + metadata (`extract_article`), then extract
claims and judge relevance (`ClaimExtractor.extract`, every claim: the monitor's path). Reports median and p90 ms
per page of each and the ratios (b)/(a) and (b)/(a2), plus the claim-extraction part alone. Skips without
../shared.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import trafilatura

from config.watch import load_watch
from watchers.claims import ClaimExtractor
from watchers.extract import BODY_SETTINGS, DATE_PARAMS, extract_article
from watchers.fetch import decode_html
from watchers.models import Article

ROOT = Path(__file__).resolve().parent.parent


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("CLAIMWATCH_SHARED_DIR") or os.environ.get("CLAIMWATCH_SHARED")
    candidates = [Path(env)] if env else [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages")
    args = ap.parse_args(argv)
    pages_dir = _shared(args.shared) / "corpora" / "article-extraction-benchmark" / "html"
    if not pages_dir.is_dir():
        print(f"skipped: no benchmark pages at {pages_dir}")
        return 0
    warnings.filterwarnings("ignore")
    files = sorted(pages_dir.glob("*.html.gz"))[: args.pages]
    pages = [(p.name.split(".")[0], gzip.decompress(p.read_bytes())) for p in files]
    watch = load_watch()
    extractor = ClaimExtractor(watch, [p.read_text(encoding="utf-8") for p in watch.baseline_paths()])
    plain: dict[str, float] = {}
    with_meta: dict[str, float] = {}
    ours: dict[str, float] = {}
    claims_only: dict[str, float] = {}
    for _ in range(args.rounds):  # best of N per page: less noise from the other processes on the machine
        for key, raw in pages:
            url = f"https://bench.example/{key}"
            html = decode_html(raw, None)[0]
            t = time.perf_counter()
            trafilatura.bare_extraction(html, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS,
                                        **BODY_SETTINGS)  # fmt: skip
            t0 = time.perf_counter()
            trafilatura.extract(html, url=url, **BODY_SETTINGS)
            t1 = time.perf_counter()
            page = extract_article(decode_html(raw, None)[0], url)
            t2 = time.perf_counter()
            if page is not None:
                extractor.extract(Article(article_id=key, url=url, text=page.text, title=page.title))
            t3 = time.perf_counter()
            plain[key] = min(plain.get(key, 1e9), (t1 - t0) * 1000)
            with_meta[key] = min(with_meta.get(key, 1e9), (t0 - t) * 1000)
            ours[key] = min(ours.get(key, 1e9), (t3 - t1) * 1000)
            claims_only[key] = min(claims_only.get(key, 1e9), (t3 - t2) * 1000)
    a, b, c = list(plain.values()), list(ours.values()), list(claims_only.values())
    m = list(with_meta.values())
    print(f"{len(pages)} pages, best of {args.rounds} rounds per page")
    print(f"trafilatura.extract alone      median {statistics.median(a):6.2f} ms   p90 {_pct(a, 0.9):6.2f} ms")
    print(f"trafilatura text + metadata    median {statistics.median(m):6.2f} ms   p90 {_pct(m, 0.9):6.2f} ms")
    print(f"claimwatch page → claims       median {statistics.median(b):6.2f} ms   p90 {_pct(b, 0.9):6.2f} ms")
    print(f"  of which claims + relevance  median {statistics.median(c):6.2f} ms   p90 {_pct(c, 0.9):6.2f} ms")
    print(f"ratio claimwatch / trafilatura (medians, same run): {statistics.median(b) / statistics.median(a):.2f}; "
          f"/ trafilatura with metadata: {statistics.median(b) / statistics.median(m):.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
