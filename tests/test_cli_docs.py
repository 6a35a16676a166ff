"""The docs keep up with the CLI: every command has help text and appears in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main
from typer.testing import CliRunner

from flows.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names: list[str] = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        names.extend(f"{name} {sub}" for sub in subs) if subs else names.append(name)
    return names


def test_every_command_is_in_the_readme_with_help() -> None:
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    commands = _commands()
    assert {"run", "serve", "backfill", "extract", "feeds", "baseline build", "alerts list", "alerts test"} <= set(
        commands
    )
    for command in commands:
        head = command.split()[0]
        assert f"claimwatch {head}" in readme, command
        result = runner.invoke(app, [*command.split(), "--help"])
        assert result.exit_code == 0, (command, result.output)
        assert "Usage" in result.output


def test_backfill_needs_exactly_one_source() -> None:
    result = CliRunner().invoke(app, ["backfill", "--no-deliver"])
    assert result.exit_code == 2
    assert "exactly one source" in result.output
