"""Load the extensible word lists under config/lexicon/ (YAML), once, when an extractor is built."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from config import LEXICON_DIR


def load_lexicon(name: str, base: Path = LEXICON_DIR) -> dict[str, Any]:
    """Read config/lexicon/<name>.yaml; a missing or non-mapping file is a configuration error."""
    path = base / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def phrase_pattern(phrases: Iterable[str]) -> str:
    """An alternation of literal phrases, longest first, spaces matching any whitespace."""
    alts = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alts)


def word_regex(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Match any of the phrases as whole words."""
    return re.compile(rf"(?<![\w-])(?:{phrase_pattern(phrases)})(?![\w-])", flags)
