"""Scale-out on a real Prefect server (PostgreSQL for Prefect and claimwatch when 127.0.0.1:5432 answers):

1. backfill throughput of a split backfill (`--batches`) with ONE process worker against TWO, in one run;
2. the fixed cost Prefect adds to a monitor cycle with nothing new: `claimwatch run` against the running
   server vs `claimwatch run --local` (whole commands, interpreter start included; feeds answer 304).

    python -m bench.scale_out [--articles 600] [--batches 4] [--rounds 3]

Each worker runs one flow run at a time (`--limit 1`); the split backfill's parent runs in the CLI process,
so its parts are the only work on the pool. Pages are generated news articles (~14 KB with navigation and
footer, like real pages) in a JSONL file with `html`, so a part extracts text and claims (the CPU work).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from storage import Store
from tests.support import newswire
from tests.support.http_server import LocalHTTPServer
from tests.support.prefect_server import BIN, ROOT, prefect_server, scratch_database, stop
from tests.support.watchenv import write_watch

NAV = "".join(f'<li><a href="/section/{i}">Section {i} of the site</a></li>' for i in range(150))
FOOT = "".join(f"<p>Footer note {i}: subscriptions, privacy, terms and partner offers.</p>" for i in range(60))


def page(i: int) -> str:
    html = newswire.article_html(i)
    return html.replace("<body>", f"<body><nav><ul>{NAV}</ul></nav>").replace(
        "</body>", f"<footer>{FOOT}</footer></body>"
    )


def claimwatch_env(directory: Path, db_url: str, watch_file: Path) -> dict[str, str]:
    return {
        "CLAIMWATCH_DATA_DIR": str(directory),
        "CLAIMWATCH_DATABASE_URL": db_url,
        "CLAIMWATCH_WATCH_FILE": str(watch_file),
        "CLAIMWATCH_HTTP__ALLOW_PRIVATE_HOSTS": '["127.0.0.1"]',
        "CLAIMWATCH_ALERT_URLS": "{}",
    }


def data_url(stack: ExitStack, directory: Path, name: str) -> str:
    db = stack.enter_context(scratch_database(f"cw_bench_{name}"))
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}" if db else f"sqlite:///{directory / name}.db"


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def backfill_seconds(srv, tmp: Path, stack: ExitStack, workers: int, jsonl: Path, batches: int, watch: Path) -> float:  # type: ignore[no-untyped-def]
    env = {**srv.env, **claimwatch_env(tmp, data_url(stack, tmp, f"w{workers}"), watch)}
    procs = []
    with ExitStack() as running:
        for _ in range(workers):
            running.enter_context(srv.worker("claimwatch", limit=1, env=env))
            procs.append(srv.workers[-1])
        time.sleep(3)  # let the workers register and poll once
        args = [str(BIN / "claimwatch"), "backfill", "--prefect", "--batches", str(batches), "--no-deliver"]
        return timed([*args, "--from-jsonl", str(jsonl)], env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name, ExitStack() as stack:
        tmp = Path(name)
        site = stack.enter_context(LocalHTTPServer())
        db = stack.enter_context(scratch_database("cw_bench_prefect"))
        pg = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{db}" if db else None
        srv = stack.enter_context(prefect_server(tmp / "prefect", database_url=pg))
        srv.prefect("work-pool", "create", "claimwatch", "--type", "process")
        srv.prefect("deploy", "--all")
        print(f"Prefect server on {'PostgreSQL' if pg else 'SQLite'}; {opts.articles} articles in {opts.batches} parts")

        jsonl = tmp / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i in range(opts.articles):
                fh.write(json.dumps({"id": f"b{i}", "url": f"https://wire.example/a/{i}", "html": page(i)}) + "\n")
        watch = write_watch(tmp, [site.url("/feed.xml")], routes=[])
        one = backfill_seconds(srv, tmp / "one", stack, 1, jsonl, opts.batches, watch)
        two = backfill_seconds(srv, tmp / "two", stack, 2, jsonl, opts.batches, watch)
        print(f"backfill, 1 worker : {one:6.1f} s  {opts.articles / one:6.1f} articles/s")
        print(f"backfill, 2 workers: {two:6.1f} s  {opts.articles / two:6.1f} articles/s")
        print(f"speed-up           : {one / two:.2f}x (target >= 1.7x)")

        site.route("/feed.xml", body=newswire.feed_xml(site.url(""), 3).encode(),
                   headers={"Content-Type": "application/rss+xml"}, etag='"v1"')  # fmt: skip
        newswire.serve_wire(site, 3)
        cycle_db = data_url(stack, tmp, "cycle")
        env = {**srv.env, **claimwatch_env(tmp, cycle_db, watch)}
        local_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
        timed([str(BIN / "claimwatch"), "run", "--local"], local_env)  # first cycle: baseline, 3 new articles
        store = Store.from_url(cycle_db)
        timings: dict[str, list[float]] = {"local": [], "prefect": []}
        for _ in range(opts.rounds):
            for mode, args, e in (("local", ["--local"], local_env), ("prefect", [], env)):
                for state in store.feed_states():  # due again: the poll answers 304, nothing new
                    state.next_check_at = None
                    store.save_feed_state(state)
                timings[mode].append(timed([str(BIN / "claimwatch"), "run", *args], e))
        store.close()
        local, prefect = statistics.median(timings["local"]), statistics.median(timings["prefect"])
        print(f"monitor cycle, nothing new: --local {local:.2f} s, against the server {prefect:.2f} s "
              f"(median of {opts.rounds}): Prefect adds {prefect - local:.2f} s (target <= 2 s)")  # fmt: skip
        for w in srv.workers:
            stop(w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
