"""Score claim extraction (and, when available, the alert stream) on the shared dev set.

python scripts/eval_dev.py [--shared ../shared] [-v] [--claims-only]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--claims-only", action="store_true")
    ap.add_argument("--alerts-only", action="store_true")
    args = ap.parse_args()
    ev = Path(args.shared) / "eval"
    if not (ev / "dev" / "articles.jsonl").exists():
        print(f"no dev set at {ev}", file=sys.stderr)
        return 1
    cli = [sys.executable, "-m", "flows.cli"]
    verbose = ["-v"] if args.v else []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CLAIMWATCH_DATABASE_URL": f"sqlite:///{tmp}/eval.db", "CLAIMWATCH_DATA_DIR": tmp}
        if not args.alerts_only:
            out = Path(tmp) / "claims.jsonl"
            subprocess.run(
                [*cli, "extract", str(ev / "dev" / "articles.jsonl"), "--out", str(out)], check=True, cwd=ROOT, env=env
            )
            subprocess.run(
                [sys.executable, str(ev / "score.py"), "claims", str(ev / "dev" / "gold.jsonl"), str(out), *verbose],
                check=True,
            )
        if not args.claims_only:
            alerts = Path(tmp) / "alerts.jsonl"
            subprocess.run(
                [
                    *cli,
                    "backfill",
                    "--from-jsonl",
                    str(ev / "dev" / "stream.jsonl"),
                    "--alerts-jsonl",
                    str(alerts),
                    "--no-deliver",
                ],
                check=True,
                cwd=ROOT,
                env=env,
            )
            subprocess.run(
                [
                    sys.executable,
                    str(ev / "score.py"),
                    "alerts",
                    str(ev / "dev" / "alerts_gold.jsonl"),
                    str(alerts),
                    *verbose,
                ],
                check=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
