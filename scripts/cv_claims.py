"""Article-level 5-fold cross-validation of claim extraction over the annotated dev sets.

    python scripts/cv_claims.py [--shared ../shared] [--folds 5] [--alerts] [-v]

For each fold: every learned model (watchers/claims/fitting.py) is fitted on the other folds' articles and
the whole extractor scores the held-out fold with the eval's own scorer. The report is the mean over
held-out folds per claim type (what the README quotes), and the pooled held-out score beside it.
With --alerts, each alert stream is scored with models fitted on the *other* dev set only (dev2 → dev,
dev → dev2), through the real `claimwatch backfill` command.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from statistics import mean
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.watch import load_watch  # noqa: E402
from watchers.claims import ClaimExtractor  # noqa: E402
from watchers.claims.fitting import AnnotatedArticle, fit_all  # noqa: E402
from watchers.claims.learned import save_models  # noqa: E402
from watchers.jsonl import read_articles  # noqa: E402
from watchers.models import claim_to_json  # noqa: E402

SETS = ("dev", "dev2")


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_annotated(shared: Path, sets: tuple[str, ...] = SETS) -> list[AnnotatedArticle]:
    out: list[AnnotatedArticle] = []
    for name in sets:
        folder = shared / "eval" / name
        gold = {}
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold[str(row["id"])] = row
        for article in read_articles(folder / "articles.jsonl"):
            row = gold.get(article.article_id)
            if row is not None:
                # ids are unique per set only: prefix them so folds never mix two articles
                art = replace(article, article_id=f"{name}/{article.article_id}")
                out.append(AnnotatedArticle(art, row.get("claims", [])))
    return out


def fold_of(article_id: str, folds: int) -> int:
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % folds


def score_fold(scorer: ModuleType, annotated: list[AnnotatedArticle], preds: dict[str, list[dict]], tmp: Path) -> str:
    gold_path, pred_path = tmp / "gold.jsonl", tmp / "pred.jsonl"
    with gold_path.open("w", encoding="utf-8") as g, pred_path.open("w", encoding="utf-8") as p:
        for a in annotated:
            g.write(json.dumps({"id": a.article.article_id, "claims": list(a.gold)}, ensure_ascii=False) + "\n")
            p.write(json.dumps({"id": a.article.article_id, "claims": preds[a.article.article_id]}) + "\n")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.score_claims(str(gold_path), str(pred_path))
    return buf.getvalue()


def parse_report(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) > 6 and parts[0] in ("figure", "deployment", "statement", "actor") and parts[5] == "F1":
            out[parts[0]] = float(parts[6])
        elif line.startswith("figure scope"):
            out["scope"] = float(parts[-1])
        elif line.startswith("claims macro-F1"):
            out["macro"] = float(parts[2])
    return out


def cross_validate(shared: Path, folds: int, verbose: bool) -> dict[str, float]:
    scorer = load_scorer(shared)
    watch = load_watch()
    baseline = [p.read_text(encoding="utf-8") for p in watch.baseline_paths()]
    annotated = load_annotated(shared)
    per_fold: list[dict[str, float]] = []
    all_preds: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for k in range(folds):
            train = [a for a in annotated if fold_of(a.article.article_id, folds) != k]
            test = [a for a in annotated if fold_of(a.article.article_id, folds) == k]
            models = fit_all(train, watch)
            extractor = ClaimExtractor(watch, baseline, models=models)
            preds = {
                a.article.article_id: [claim_to_json(c) for c in extractor.extract(a.article).claims] for a in test
            }
            all_preds.update(preds)
            report = score_fold(scorer, test, preds, tmp)
            scores = parse_report(report)
            per_fold.append(scores)
            if verbose:
                print(f"-- fold {k + 1}/{folds}: {len(test)} held-out articles, fitted on {len(train)}")
                print(report.rstrip())
        pooled = parse_report(score_fold(scorer, annotated, all_preds, tmp))
    keys = ("figure", "deployment", "statement", "actor", "scope", "macro")
    result = {key: mean(f.get(key, 0.0) for f in per_fold) for key in keys}
    print(f"{folds}-fold cross-validation over {' + '.join(SETS)} ({len(annotated)} articles), held-out folds:")
    for key in keys:
        label = "figure scope accuracy" if key == "scope" else ("claims macro-F1" if key == "macro" else key)
        spread = [f.get(key, 0.0) for f in per_fold]
        span = f"folds {min(spread):.3f}–{max(spread):.3f}; pooled {pooled.get(key, 0):.3f}"
        print(f"  {label:<22} mean {result[key]:.3f}   ({span})")
    return result


def cross_fit_alerts(shared: Path, verbose: bool) -> dict[str, float]:
    """Each stream scored with weights fitted on the other dev set only, via the real backfill command."""
    watch = load_watch()
    results: dict[str, float] = {}
    for target, source in (("dev", "dev2"), ("dev2", "dev")):
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            save_models(fit_all(load_annotated(shared, (source,)), watch), tmp / "weights")
            env = {
                **os.environ,
                "CLAIMWATCH_DATABASE_URL": f"sqlite:///{tmp}/eval.db",
                "CLAIMWATCH_DATA_DIR": str(tmp),
                "CLAIMWATCH_CLAIM_WEIGHTS_DIR": str(tmp / "weights"),
            }
            alerts = tmp / "alerts.jsonl"
            stream = shared / "eval" / target / "stream.jsonl"
            cmd = [sys.executable, "-m", "flows.cli", "backfill", "--from-jsonl", str(stream)]
            subprocess.run(
                [*cmd, "--alerts-jsonl", str(alerts), "--no-deliver"],
                check=True,
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
            )
            score = [sys.executable, str(shared / "eval" / "score.py"), "alerts"]
            gold = shared / "eval" / target / "alerts_gold.jsonl"
            out = subprocess.run(
                [*score, str(gold), str(alerts), *(["-v"] if verbose else [])],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            if verbose:
                print(out.rstrip())
            results[target] = float(out.strip().splitlines()[-1].split()[2])
            print(f"alerts on {target}/stream (models fitted on {source} only): macro-F1 {results[target]:.3f}")
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("CLAIMWATCH_SHARED_DIR", str(ROOT.parent / "shared")))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--alerts", action="store_true", help="also score both alert streams, cross-fitted")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval" / "dev" / "gold.jsonl").exists():
        print(f"no annotated dev sets under {shared}/eval", file=sys.stderr)
        return 1
    cross_validate(shared, args.folds, args.v)
    if args.alerts:
        cross_fit_alerts(shared, args.v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
