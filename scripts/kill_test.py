"""The kill test at a bigger size than CI's (tests/test_crash.py): SIGKILL `claimwatch run --local` at
deterministic crash points and at random moments (fixed seed), rerun until quiet, and print the table.

    python scripts/kill_test.py [--articles 60] [--points 60] [--random 40] [--fresh] [--seed 7]

`--fresh` starts every run as a new `python -m flows.cli` process instead of forking a warm one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from tests.support.killtest import run_kill_test  # noqa: E402

STAGES = ["poll", "fetch", "fetched", "claims", "enqueue", "assessed", "send", "sent"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--points", type=int, default=60, help="runs killed at a crash point")
    parser.add_argument("--random", type=int, default=40, help="runs killed at a random moment")
    parser.add_argument("--max-delay", type=float, default=4.0, help="random kills within this many seconds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args(argv)
    crashes: list[str | None] = [f"{STAGES[i % len(STAGES)]}:{1 + (i // len(STAGES)) % 2}" for i in range(args.points)]
    crashes += [f"random:{args.max_delay}"] * args.random
    report = run_kill_test(
        Path(tempfile.mkdtemp(prefix="claimwatch-kill-")), args.articles, crashes,
        grow_every=max(1, len(crashes) // args.articles), seed=args.seed, fresh=args.fresh,
    )  # fmt: skip
    print("| kills | expected | received | lost | duplicates (keyed) | keyless copies | raw posts |")
    print("|---|---|---|---|---|---|---|")
    print(report.row())
    print(f"runs {report.runs}, unexpected {report.unexpected}, database problems {report.problems or 'none'}, "
          f"{report.seconds:.0f} s")  # fmt: skip
    stages: dict[str, int] = {}
    for point in report.killed_at:
        stages[point.split(":")[0]] = stages.get(point.split(":")[0], 0) + 1
    print("kills by stage:", stages)
    return 1 if report.lost or report.keyless or report.problems or report.unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
