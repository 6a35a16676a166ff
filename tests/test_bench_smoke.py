"""The benchmarks the backfill tests do not already run (tests/test_backfill_scale.py has backfill, memory, poll
and pipeline), each once on a tiny input: it runs to the end and prints its report. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.smoke
@pytest.mark.corpus
def test_bench_claims_speed_smoke(shared_dir: Path) -> None:
    # in its own process: the bench imports each checkout's claim extractor afresh, clearing `sys.modules`
    args = [sys.executable, "-m", "bench.claims_speed", "--shared", str(shared_dir), "--rounds", "1", "--pages", "2"]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "claim extraction over" in done.stdout and "over 2 benchmark pages" in done.stdout


@pytest.mark.smoke
@pytest.mark.corpus
def test_bench_body_extraction_smoke(shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench import body_extraction

    assert body_extraction.main(["--shared", str(shared_dir), "--out", str(tmp_path), "--pages", "3"]) == 0
    out = capsys.readouterr().out
    assert "3 pages" in out and "extract_article vs plain trafilatura.extract" in out
    scores = [float(line.split()[-3]) for line in out.splitlines() if line.startswith("trafilatura defaults")]
    assert scores and 0.5 < scores[0] <= 1.0  # scored against the 3 pages' truth, not the whole benchmark's


@pytest.mark.smoke
@pytest.mark.prefect
def test_bench_scale_out_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import scale_out

    assert scale_out.main(["--articles", "6", "--batches", "2", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "speed-up" in out and "Prefect adds" in out
