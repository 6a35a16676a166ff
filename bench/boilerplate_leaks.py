"""Boilerplate that reaches claim extraction on real pages (article-extraction-benchmark, 181 hand-checked bodies).

For each page: our body extraction, then `prepare()`. A kept paragraph the hand-checked body does not have is
leaked clutter; a line of the extracted text that the body has but `prepare()` dropped is lost text. Both are
counted by class (by the line's shape), and claims read from leaked vs true paragraphs are counted.
Usage: python bench/boilerplate_leaks.py [--shared ../shared] [--cache /tmp/bodies.json] [--show CLASS]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.body_extraction import _ours, load_pages
from config.watch import load_watch
from watchers.claims import ClaimExtractor
from watchers.claims.text import prepare
from watchers.models import Article

_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("read more/related", re.compile(r"^\W*(read (more|also|next)|also read|related|see also|more:|more from)", re.I)),
    ("subscribe/newsletter", re.compile(r"subscri|newsletter|sign up|sign in|log in|download|app\b|cookie", re.I)),
    ("caption/credit", re.compile(r"(photo|image|credit|getty|reuters|/ ?ap\b|afp|epa|shutterstock|caption)", re.I)),
    ("byline", re.compile(r"^\W*(by|written by|reporting by|author)\b", re.I)),
    (
        "dateline/date",
        re.compile(
            r"\b(updated|published|posted|\d{1,2}:\d{2}"
            r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4})",
            re.I,
        ),
    ),
    ("social/share", re.compile(r"@\w|twitter|facebook|instagram|linkedin|whatsapp|share|email|follow", re.I)),
    (
        "author bio",
        re.compile(
            r"\b(is a|is an) (senior |staff |contributing )?(writer|reporter|editor|correspondent|columnist)", re.I
        ),
    ),
    ("copyright/legal", re.compile(r"©|copyright|all rights reserved|terms of|privacy", re.I)),
)


def classify(line: str, heading: bool) -> str:
    for name, rx in _CLASSES:
        if rx.search(line):
            return name
    if heading:
        return "headline-shaped (teaser/subhead)"
    return "short other" if len(line) < 60 else "long other"


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def _in(line: str, body: str) -> bool:
    n = _norm(line)
    if not n:
        return True
    if n in body:
        return True
    words = n.split()
    if len(words) < 6:
        return False
    # long lines that trafilatura and the annotator cut differently: most 4-grams present
    grams = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
    return sum(g in body for g in grams) >= 0.8 * len(grams)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--cache", default="")
    ap.add_argument("--show", default="", help="print leaked/lost lines of this class ('all' for every one)")
    args = ap.parse_args(argv)
    bench_dir = Path(args.shared) / "corpora" / "article-extraction-benchmark"
    truth = json.loads((bench_dir / "ground-truth.json").read_text())
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        texts = json.loads(cache.read_text())
    else:
        html, urls = load_pages(bench_dir, truth)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            texts = {k: _ours(html[k], urls[k]) for k in truth}
        if cache:
            cache.write_text(json.dumps(texts))
    extractor = ClaimExtractor(load_watch())
    leaked: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    kept_true = 0
    claims: Counter[str] = Counter()
    for key, row in truth.items():
        text = texts.get(key) or ""
        if not text:
            continue
        body = _norm(row.get("articleBody") or "")
        doc = prepare(Article(article_id=key, url="", text=text))
        leaked_spans = []
        kept_starts = set()
        for i, p in enumerate(doc.paragraphs):
            kept_starts.add(p.start)
            if _in(p.text, body):
                kept_true += 1
                continue
            # the page's own headline opens many bodies: article text by the annotation rules, counted apart
            cls = (
                "page headline (first line)"
                if i == 0 and not text[: p.start].strip()
                else classify(p.text, i in doc.headings)
            )
            leaked[cls] += 1
            leaked_spans.append((p.start, p.end))
            if args.show in (cls, "all"):
                print(f"LEAK [{cls}] {key[:8]} {p.text[:160]!r}")
        for m in re.finditer(r"[^\n]+", text):
            line = m.group(0).strip()
            if not line or any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in doc.paragraphs):
                continue
            if _norm(line) and _in(line, body):
                cls = classify(line, False)
                lost[cls] += 1
                if args.show in (cls, "all"):
                    print(f"LOST [{cls}] {key[:8]} {line[:160]!r}")
        result = extractor.extract(Article(article_id=key, url="", text=text))
        for c in result.claims:
            where = "leaked" if any(s <= c.evidence.start < e for s, e in leaked_spans) else "true"
            if where == "leaked" and doc.paragraphs[0].start <= c.evidence.start < doc.paragraphs[0].end:
                where = "page headline"
            if where == "leaked" and args.show == "claims":
                print(f"CLAIM {key[:8]} {c.type} {c.evidence.sentence[:120]!r}")
            claims[f"{c.type.value if hasattr(c.type, 'value') else c.type} from {where}"] += 1
    print(f"kept true paragraphs: {kept_true}; leaked: {sum(leaked.values())}; lost: {sum(lost.values())}")
    for title, counter in (("leaked", leaked), ("lost", lost), ("claims", claims)):
        print(f"{title}:")
        for name, n in sorted(counter.items(), key=lambda kv: -kv[1]):
            print(f"  {n:5d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
