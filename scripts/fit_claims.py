"""Refit every learned claim model on all annotated articles (dev + dev2) and write the weights beside the code.

    python scripts/fit_claims.py [--shared ../shared] [--out watchers/claims/weights]

The weights files are small and reviewed like code: `git diff watchers/claims/weights` after a refit.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from cv_claims import load_annotated  # noqa: E402

from config.watch import load_watch  # noqa: E402
from watchers.claims.fitting import fit_all  # noqa: E402
from watchers.claims.learned import WEIGHTS_DIR, save_models  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("CLAIMWATCH_SHARED_DIR", str(ROOT.parent / "shared")))
    ap.add_argument("--out", default=str(WEIGHTS_DIR))
    args = ap.parse_args()
    annotated = load_annotated(Path(args.shared))
    models = fit_all(annotated, load_watch())
    save_models(models, Path(args.out))
    for name, model in models.items():
        print(f"{name}: {len(model.weights)} weights, {model.meta}")
    print(f"fitted {len(models)} models on {len(annotated)} articles → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
