"""Configuration in one place: environment settings (`settings.py`) and the watch definition (`watch.py`)."""

from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent
BASELINE_DIR = CONFIG_DIR / "baseline"
LEXICON_DIR = CONFIG_DIR / "lexicon"
DEFAULT_WATCH_FILE = CONFIG_DIR / "watch.yaml"
