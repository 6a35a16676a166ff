"""Configuration fails early and says where: watch.yaml keys and values, environment settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from config import BASELINE_DIR, DEFAULT_WATCH_FILE
from config.settings import Settings
from config.watch import WatchConfigError, load_watch


def _watch_with(tmp_path: Path, change: dict[str, object] | None = None, drop_baseline: bool = False) -> Path:
    raw = yaml.safe_load(DEFAULT_WATCH_FILE.read_text(encoding="utf-8"))
    for dotted, value in (change or {}).items():
        node = raw
        *parents, last = dotted.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value
    if not drop_baseline:
        shutil.copytree(BASELINE_DIR, tmp_path / "baseline")
    path = tmp_path / "watch.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_the_shipped_watch_is_valid() -> None:
    watch = load_watch()
    assert {t.name for t in watch.tracks} == {
        "boat_strike_deaths", "boat_strikes", "us_personnel", "us_warships", "maduro_bounty", "igla_s_missiles"
    }  # fmt: skip
    assert all(p.exists() for p in watch.baseline_paths())


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"feeds.0.ur1": "https://x.example/rss"}, "feeds.0.ur1"),  # a typo'd key
        ({"tracks.0.kind": "casualties"}, "tracks.0.kind"),
        ({"alerts.quiet_hours.timezone": "Mars/Olympus"}, "alerts.quiet_hours.timezone"),
        ({"alerts.severity.new_actor": "urgent"}, "alerts.severity.new_actor"),
        ({"feeds.0.url": "ftp://x.example/rss"}, "feeds.0.url"),
        ({"baseline_date": "last tuesday"}, "baseline_date"),
    ],
)
def test_a_wrong_key_or_value_is_named(tmp_path: Path, change: dict[str, object], named: str) -> None:
    with pytest.raises(WatchConfigError) as err:
        load_watch(_watch_with(tmp_path, change))
    assert named in str(err.value)


def test_missing_baseline_documents_are_named(tmp_path: Path) -> None:
    with pytest.raises(WatchConfigError, match=r"000_0528627ad506aeb9\.txt"):
        load_watch(_watch_with(tmp_path, drop_baseline=True))


def test_not_yaml_and_no_file_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "watch.yaml"
    bad.write_text("feeds: [unclosed", encoding="utf-8")
    with pytest.raises(WatchConfigError, match="not valid YAML"):
        load_watch(bad)
    with pytest.raises(WatchConfigError, match="no such watch file"):
        load_watch(tmp_path / "missing.yaml")


def test_settings_come_from_claimwatch_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CLAIMWATCH_HTTP__READ_TIMEOUT", "3.5")
    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", '{"email": "mailto://user:hunter2@smtp.example.org"}')
    settings = Settings()
    assert settings.http.read_timeout == 3.5
    assert settings.resolved_database_url() == f"sqlite:///{(tmp_path / 'claimwatch.db').resolve()}"
    assert "hunter2" not in repr(settings)  # secrets stay masked in logs and tracebacks
    assert settings.alert_urls["email"].get_secret_value().endswith("@smtp.example.org")
