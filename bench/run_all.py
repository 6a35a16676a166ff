"""Run every benchmark in bench/ and print its report (`make bench`). Benchmarks that need ../shared
skip themselves when it is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in ("__init__.py", "run_all.py"):
            continue
        print(f"\n=== {script.stem} ===", flush=True)
        rc = subprocess.run([sys.executable, "-m", f"bench.{script.stem}"], cwd=HERE.parent).returncode
        failed += int(rc != 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
