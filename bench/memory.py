"""Peak memory of a backfill against its length: generated articles, 1,000 and then 10,000 (by default), each
backfill in a fresh process and a fresh SQLite database; peak RSS (ru_maxrss) of each and their ratio.

    python -m bench.memory [--sizes 1000 10000] [--workers 1]

The articles are generated from sentence pools (seeded, so every run sees the same ones): about one in five on
the watched situation (strikes with death tolls, deployments, quotes), the rest other news; one in ten comes as
an HTML page (extracted on the way), the rest as text. Each has its own id, URL and publication time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ON_TOPIC = [
    "US forces struck another alleged drug boat in the Caribbean on {day}, killing {n} people, Defense Secretary "
    "Pete Hegseth said.",
    "The strike brings the death toll of the campaign against boats near Venezuela to at least {total}.",
    "The USS {ship} and its escorts moved closer to the Venezuelan coast, officials said.",
    '"We will not be intimidated by these provocations," President Nicolas Maduro said in Caracas.',
    "Southern Command said {n} F-35 fighter jets had arrived in Puerto Rico.",
    "Venezuela's government called the strikes extrajudicial killings and asked the UN to intervene.",
]
OFF_TOPIC = [
    "The city council approved a new budget for road repairs on {day} after a long debate.",
    "Shares of the retailer rose {n} percent after it reported stronger holiday sales.",
    "The team won its third straight game, with the striker scoring twice in the second half.",
    "Researchers said the new vaccine trial enrolled {total} volunteers across five countries.",
    "Heavy rain is expected over the weekend, and forecasters warned of flooding near the river.",
    "The museum will reopen in the spring after a renovation that took {n} years.",
]
SHIPS = ["Gerald R. Ford", "Iwo Jima", "Gravely", "Stockdale", "Lake Erie", "San Antonio"]
HTML = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
    "<meta property='article:published_time' content='{published}'></head><body><nav><ul>{nav}</ul></nav>"
    "<main><article><h1>{title}</h1>{paragraphs}</article></main><footer><p>© Example News</p></footer></body></html>"
)


def articles(count: int, seed: int = 12) -> Iterator[dict[str, str]]:
    """`count` articles as JSONL rows (the eval's format: id, url, published, title, text or html)."""
    rng = random.Random(seed)
    start = datetime(2025, 12, 1, tzinfo=UTC)
    total = 80
    for i in range(count):
        on_topic = rng.random() < 0.2
        pool = ON_TOPIC if on_topic else OFF_TOPIC
        total += rng.randint(0, 2) if on_topic else 0
        sentences = [
            rng.choice(pool).format(day="Tuesday", n=rng.randint(2, 9), total=total, ship=rng.choice(SHIPS))
            for _ in range(rng.randint(10, 30))
        ]
        paragraphs = [" ".join(sentences[j : j + 2]) for j in range(0, len(sentences), 2)]
        title = sentences[0][:80]
        published = (start + timedelta(minutes=7 * i + rng.randint(0, 300))).isoformat()
        row = {"id": f"gen-{i}", "url": f"https://news{i % 50}.example/2025/story-{i}.html", "title": title}
        if i % 10 == 0:
            nav = "".join(f"<li><a href='/s{k}'>Section {k}</a></li>" for k in range(20))
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            row["html"] = HTML.format(title=title, published=published, nav=nav, paragraphs=body)
        else:
            row |= {"published": published, "text": "\n\n".join(paragraphs)}
        yield row


def write(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in articles(count):
            fh.write(json.dumps(row) + "\n")


def child(path: Path, workers: int) -> int:
    """Run one backfill here and print what the parent reads (called in a fresh process)."""
    import warnings

    from config.settings import Settings
    from flows.backfill_core import BackfillRequest, run_backfill
    from flows.runtime import open_runtime

    warnings.filterwarnings("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        rt = open_runtime(Settings(data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/memory.db"))
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        try:
            report = run_backfill(rt, BackfillRequest(jsonl=path, deliver=False, workers=workers))
        finally:
            rt.close()
        seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    done = report.assessed
    print(json.dumps({"rss_kib": rss, "rss_before_kib": rss_before, "seconds": seconds, "articles": done.articles,
                      "relevant": done.relevant, "alerts": len(done.alerts)}))  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child, args.workers)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"articles-{size}.jsonl"
            write(path, size)
            cmd = [sys.executable, "-m", "bench.memory", "--child", str(path), "--workers", str(args.workers)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            rows.append((size, path.stat().st_size, result))
            mb = path.stat().st_size / 1e6
            print(f"{size:6d} articles ({mb:5.1f} MB): peak RSS {result['rss_kib'] / 1024:6.1f} MB "
                  f"(after start-up {result['rss_before_kib'] / 1024:6.1f} MB), {result['seconds']:6.1f} s, "
                  f"{result['relevant']} on topic, {result['alerts']} alerts", flush=True)  # fmt: skip
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = last[2]["rss_kib"] / first[2]["rss_kib"]
        print(f"peak RSS at {last[0]} / at {first[0]} articles (workers={args.workers}): {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
