"""The layout promises: watchers/ never imports Prefect; the user's folders exist."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_watchers_never_import_prefect() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "watchers").rglob("*.py") if "prefect" in _imports(p)]
    assert offenders == []


def test_storage_and_config_never_import_prefect() -> None:
    for folder in ("storage", "config"):
        offenders = [str(p) for p in (ROOT / folder).rglob("*.py") if "prefect" in _imports(p)]
        assert offenders == []


def test_user_layout_exists() -> None:
    for name in ("flows", "watchers", "storage", "config", "tests", "prefect.yaml"):
        assert (ROOT / name).exists(), name
