"""A CLI that tells the truth: bad input lines are named and the rest processed (exit 1), configuration and
database errors are one line (exit 2) on every path, unknown routes are errors naming the known ones, the
data directory is absolute and printed, and a database built for another watch is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

# Prefect is imported with the module, not inside a test: its console handler binds the stderr of the moment,
# and a test's capture is closed after that test.
from prefect import flow
from typer.testing import CliRunner

from config.settings import Settings, default_data_dir
from flows.cli import app
from tests.support.smtp import free_port
from tests.support.watchenv import demo_articles_jsonl, use_environment, write_watch

ROUTES = [{"name": "slack", "min_severity": "medium"}, {"name": "email", "min_severity": "low"}]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    watch_file = write_watch(tmp_path, [], routes=ROUTES)
    use_environment(monkeypatch, tmp_path, watch_file)
    return watch_file


def _jsonl_with_a_bad_line(tmp_path: Path) -> Path:
    good = demo_articles_jsonl().splitlines()
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join([good[0], '{"id": "broken", "text": ', good[1], '{"id": 3, "text": 42}', good[4]]) + "\n")
    return path


def test_extract_names_each_bad_line_and_keeps_the_others(env: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(app, ["extract", str(_jsonl_with_a_bad_line(tmp_path)), "--out", str(out)])
    assert result.exit_code == 1
    assert "articles.jsonl:2: not JSON" in result.output
    assert "articles.jsonl:4: text must be text" in result.output
    assert "2 line(s)" in result.output and "Traceback" not in result.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["demo-01", "demo-02", "demo-05"]


def test_backfill_names_each_bad_line_and_processes_the_others(env: Path, tmp_path: Path) -> None:
    path = _jsonl_with_a_bad_line(tmp_path)
    result = CliRunner().invoke(app, ["backfill", "--from-jsonl", str(path), "--no-deliver"], terminal_width=200)
    assert result.exit_code == 1, result.output
    assert "articles.jsonl:2: not JSON" in result.output and "articles.jsonl:4" in result.output
    assert "Traceback" not in result.output
    assert any(line.split()[:2] == ["│", "articles"] and "3" in line for line in result.output.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--local"],
        ["run"],  # the Prefect path: refused before Prefect starts
        ["backfill", "--url", "https://example.org/a"],
        ["baseline", "show"],
        ["alerts", "list"],
        ["alerts", "test"],
        ["feeds"],
    ],
)
def test_an_unreachable_database_is_one_line_on_every_command(
    env: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", f"postgresql+psycopg://cw:Pw-x9y8@127.0.0.1:{free_port()}/cw")
    result = CliRunner().invoke(app, args, terminal_width=100)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot open the database postgresql+psycopg://cw:***@127.0.0.1" in errors[0]
    assert len(result.output.splitlines()) <= 2  # the error, and `run`'s data directory line
    assert "Pw-x9y8" not in result.output


def test_unknown_routes_and_bad_alert_urls_name_the_known_routes(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", json.dumps({"slak": "json://127.0.0.1:9/x"}))
    result = runner.invoke(app, ["feeds"], terminal_width=200)
    assert result.exit_code == 2 and "'slak'" in result.output and "known routes: slack, email" in result.output

    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", '{"slack": "json://u:Tok-777@127.0.0.1:9/x"')  # not JSON
    result = runner.invoke(app, ["feeds"], terminal_width=200)
    assert result.exit_code == 2 and "not valid JSON" in result.output and "known routes: slack, email" in result.output
    assert "Tok-777" not in result.output

    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", json.dumps(["json://127.0.0.1:9/x"]))  # JSON, but not an object
    result = runner.invoke(app, ["feeds"], terminal_width=200)
    assert result.exit_code == 2 and "CLAIMWATCH_ALERT_URLS" in result.output and "known routes" in result.output

    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", "{}")
    result = runner.invoke(app, ["alerts", "test", "--route", "pager"], terminal_width=200)
    assert result.exit_code == 2 and "'pager'" in result.output and "known routes: slack, email" in result.output


def test_the_data_directory_is_absolute_and_printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLAIMWATCH_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "claimwatch"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "claimwatch"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", "rel/data")
    settings = Settings()
    assert settings.data_dir == tmp_path / "rel" / "data"
    assert settings.resolved_database_url() == f"sqlite:///{tmp_path / 'rel' / 'data' / 'claimwatch.db'}"


def test_run_prints_the_data_directory(env: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", "--local"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"data directory: {tmp_path}" in result.output


def test_a_database_built_for_another_watch_is_refused(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["baseline", "build"]).exit_code == 0
    other = yaml.safe_load(env.read_text())
    other["name"] = "another-watch"
    other_file = tmp_path / "other.yaml"
    other_file.write_text(yaml.safe_dump(other))
    monkeypatch.setenv("CLAIMWATCH_WATCH_FILE", str(other_file))
    result = runner.invoke(app, ["baseline", "show"], terminal_width=300)
    assert result.exit_code == 2
    assert "built for another watch (watch 'us-venezuela-2025'" in result.output
    assert "not for watch 'another-watch'" in result.output
    assert runner.invoke(app, ["run", "--local"]).exit_code == 2  # nothing polled into the wrong database

    assert runner.invoke(app, ["baseline", "build", "--force"]).exit_code == 0  # a deliberate rebuild adopts it
    assert runner.invoke(app, ["baseline", "show"]).exit_code == 0


@pytest.mark.prefect
def test_a_failed_flow_run_is_one_line_naming_its_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real Prefect flow run that fails: Prefect's tracebacks go to the log file, the console gets one line."""
    import logging

    import typer
    from prefect.testing.utilities import prefect_test_harness

    from flows.cli import EXIT_NO_FEED, _flow_outcome, _log_file
    from flows.monitor import EveryFeedFailed
    from watchers.redact import install_log_redaction

    @flow(name="failing")
    def failing() -> None:
        raise RuntimeError("lost the database at postgresql://cw:Flow-Pw-1@10.0.0.9/cw")

    @flow(name="unreachable")
    def unreachable() -> None:  # what the monitor raises when no feed answered (offline)
        raise EveryFeedFailed("every feed failed (1): https://feeds.example/rss: DNSError: cannot resolve")

    loggers = [logging.getLogger(n) for n in (None, "uvicorn", "fastapi", "prefect._internal")]
    saved = [(lg, list(lg.handlers), [h.level for h in lg.handlers]) for lg in loggers]
    try:
        with prefect_test_harness(server_startup_timeout=120):
            install_log_redaction()  # as every entry point does
            log_path = _log_file(Settings(data_dir=tmp_path))
            capsys.readouterr()
            state = failing(return_state=True)
            with pytest.raises(typer.Exit) as exited:
                _flow_outcome(state, "failing", log_path)
            printed = capsys.readouterr()
            offline_state = unreachable(return_state=True)
            with pytest.raises(typer.Exit) as offline:
                _flow_outcome(offline_state, "monitor", log_path)
            offline_printed = capsys.readouterr()
    finally:
        for lg, handlers, levels in saved:
            for extra in [h for h in lg.handlers if h not in handlers]:
                lg.removeHandler(extra)
                extra.close()
            for handler, level in zip(handlers, levels, strict=True):
                handler.setLevel(level)
    lines = [line for line in (printed.out + printed.err).splitlines() if line.strip()]
    assert exited.value.exit_code == 1
    # every feed unreachable has its own status (make run accepts it offline) and says what to try
    offline_lines = [line for line in (offline_printed.out + offline_printed.err).splitlines() if line.strip()]
    assert offline.value.exit_code == EXIT_NO_FEED == 3
    assert len(offline_lines) == 1 and "no feed could be reached" in offline_lines[0], offline_lines
    assert len(lines) == 1, lines
    assert "the failing flow run ended Failed: RuntimeError: lost the database" in lines[0]
    assert f"(full log: {log_path})" in lines[0]
    logged = log_path.read_text()
    assert "Traceback" in logged and "RuntimeError" in logged  # the details are kept, in the file
    assert "Flow-Pw-1" not in logged + lines[0]
