"""Check that this checkout extracts the same claims as another one, byte for byte (a speed change must not
change a single claim): `claimwatch extract` of both over dev + dev2, plain and with --explain.

    python bench/claims_same.py --against DIR [--shared ../shared]

Both run with one PYTHONHASHSEED (the order of an explanation's features follows set iteration order).
Exit status 1 when an output differs; the first differing article is printed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "dev2")


def extract(tree: Path, articles: Path, out: Path, *flags: str) -> bytes:
    """`claimwatch extract` as the checkout at `tree` runs it (its own code, lexicons and weights)."""
    cmd = [sys.executable, "-m", "flows.cli", "extract", str(articles), "--out", str(out), *flags]
    # one hash seed for both: the explanation's feature dicts follow the iteration order of sets of cue names
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(cmd, cwd=tree, env=env, check=True, capture_output=True)
    return out.read_bytes()


def main() -> int:
    ap = argparse.ArgumentParser()
    default = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").exists()), None)
    ap.add_argument("--shared", type=Path, default=default or ROOT.parent / "shared")
    ap.add_argument("--against", type=Path, required=True, help="the checkout to compare with (e.g. main)")
    args = ap.parse_args()
    sources = [args.shared / "eval" / name / "articles.jsonl" for name in SETS]
    if not all(p.exists() for p in sources):
        print(f"no dev sets under {args.shared}; nothing to compare")
        return 0
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        articles.write_bytes(b"".join(p.read_bytes() for p in sources))
        for flags in ((), ("--explain",)):
            theirs = extract(args.against.resolve(), articles, Path(tmp) / "theirs.jsonl", *flags)
            ours = extract(ROOT, articles, Path(tmp) / "ours.jsonl", *flags)
            label = " ".join(["extract", *flags])
            if ours == theirs:
                print(f"{label:<18} identical: {len(ours.splitlines())} articles, {len(ours):,} bytes")
                continue
            differ += 1
            pairs = enumerate(zip_longest(ours.splitlines(), theirs.splitlines(), fillvalue=b""))
            first, (mine, other) = next((i, p) for i, p in pairs if p[0] != p[1])
            print(f"{label:<18} DIFFERS from line {first + 1}:\n  ours:   {mine[:400]!r}\n  theirs: {other[:400]!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
