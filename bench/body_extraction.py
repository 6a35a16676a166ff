"""Body extraction on the 181 pages of the article-extraction benchmark: token-F1 per trafilatura setting, and the
time per page of our `extract_article` (body + metadata) against plain `trafilatura.extract` in the same run.

    python -m bench.body_extraction [--shared ../shared] [--out bench/out/body] [--pages N]

Pages are decoded with our `decode_html` first (what `fetch_page` hands to extraction). Each setting's predictions
are written as PRED json and scored by the shared scorer (`score.py body`). Skips when ../shared is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from watchers.extract import BODY_SETTINGS, FALLBACK_SETTINGS, SHORT_BODY_WORDS, extract_article
from watchers.fetch import decode_html

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("CLAIMWATCH_SHARED", ROOT.parent / "shared"))

Extractor = Callable[[str, str], str]


def _plain(**options: Any) -> Extractor:
    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url, **options) or ""

    return run


def _ours(html: str, url: str) -> str:
    page = extract_article(html, url)
    return page.text if page else ""


SETTINGS: dict[str, Extractor] = {
    "trafilatura defaults": _plain(),
    "no comments": _plain(include_comments=False),
    "no comments, fast": _plain(include_comments=False, fast=True),
    "no comments, no tables": _plain(include_comments=False, include_tables=False),
    "no comments, favor_recall": _plain(include_comments=False, favor_recall=True),
    "no comments, favor_precision, fast": _plain(include_comments=False, favor_precision=True, fast=True),
    "no comments, favor_precision": _plain(**BODY_SETTINGS),
    "extract_article (ours: precision, short → 2nd opinion, + metadata)": _ours,
}


def load_pages(bench_dir: Path, truth: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    html: dict[str, str] = {}
    for key in truth:
        raw = gzip.decompress((bench_dir / "html" / f"{key}.html.gz").read_bytes())
        html[key] = decode_html(raw)[0]
    return html, {key: row.get("url", "") for key, row in truth.items()}


def run_setting(extract: Extractor, html: dict[str, str], urls: dict[str, str]) -> tuple[dict[str, Any], list[float]]:
    predictions: dict[str, Any] = {}
    times: list[float] = []
    for key, page in html.items():
        started = time.perf_counter()
        predictions[key] = {"articleBody": extract(page, urls[key])}
        times.append(time.perf_counter() - started)
    return predictions, times


def score(scorer: Path, truth: Path, pred: Path) -> float:
    out = subprocess.run(
        [sys.executable, str(scorer), "body", str(truth), str(pred)], capture_output=True, text=True, check=True
    ).stdout
    last = out.strip().splitlines()[-1]  # "body token-F1 0.961 over 181 pages"
    return float(last.split()[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "body")
    parser.add_argument("--pages", type=int, help="only the first N pages (scored against their truth alone)")
    args = parser.parse_args(argv)
    bench_dir = args.shared / "corpora" / "article-extraction-benchmark"
    if not bench_dir.exists():
        print(f"skipped: {bench_dir} is absent")
        return 0
    warnings.simplefilter("ignore")  # trafilatura/htmldate warn about odd pages; not our report
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {key: truth[key] for key in list(truth)[: args.pages]}
    html, urls = load_pages(bench_dir, truth)
    args.out.mkdir(parents=True, exist_ok=True)
    truth_file = args.out / "truth.json"  # the pages run, so that a part is not scored against the whole
    truth_file.write_text(json.dumps(truth), encoding="utf-8")
    print(f"{len(html)} pages; scorer {args.shared / 'eval' / 'score.py'}\n")
    print(f"{'setting':68} {'token-F1':>8} {'ms/page (median)':>17} {'ms/page (mean)':>15}")
    medians: dict[str, float] = {}
    for index, (name, extract) in enumerate(SETTINGS.items()):
        predictions, times = run_setting(extract, html, urls)
        pred = args.out / f"pred_{index}.json"
        pred.write_text(json.dumps(predictions), encoding="utf-8")
        f1 = score(args.shared / "eval" / "score.py", truth_file, pred)
        medians[name] = statistics.median(times) * 1000
        print(f"{name:68} {f1:8.3f} {medians[name]:17.1f} {statistics.mean(times) * 1000:15.1f}", flush=True)
    ours, plain = medians[next(k for k in SETTINGS if k.startswith("extract_article"))], medians["trafilatura defaults"]
    print(f"\nchosen: {BODY_SETTINGS}, second opinion {FALLBACK_SETTINGS} when shorter than {SHORT_BODY_WORDS} words")
    print(f"extract_article vs plain trafilatura.extract: {ours:.1f} / {plain:.1f} ms per page = {ours / plain:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
