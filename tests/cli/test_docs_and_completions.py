"""The CLI's promises about itself: help everywhere, README coverage, current completions."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from fopymes_cli import completion_scripts
from fopymes_cli.main import app

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> Iterator[tuple[str, object]]:
    root = typer.main.get_command(app)

    def walk(command: object, path: str) -> Iterator[tuple[str, object]]:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                yield from walk(sub, f"{path} {name}".strip())
        else:
            yield path, command

    yield from walk(root, "")


COMMANDS = sorted(path for path, _ in _commands())


def test_there_are_commands_to_check() -> None:
    assert {"init", "tx add", "tx list", "member add", "token create"} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_has_help_text(path: str) -> None:
    command = dict(_commands())[path]
    assert (getattr(command, "help", None) or "").strip(), f"'fopymes {path}' has no help"
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "option" and not param.hidden:
            assert (getattr(param, "help", None) or "").strip(), f"{path} {param.opts} has no help"


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_is_in_the_readme(path: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"fopymes {path}" in readme, f"README does not mention 'fopymes {path}'"


@pytest.mark.parametrize("shell", sorted(completion_scripts.SHELLS))
def test_shipped_completion_scripts_are_current(shell: str) -> None:
    shipped = (ROOT / "completions" / completion_scripts.SHELLS[shell]).read_text(encoding="utf-8")
    assert shipped == completion_scripts.render(shell), (
        "run: python -m fopymes_cli.completion_scripts"
    )


def test_completion_offers_the_subcommands_of_a_group(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "FOPYMES_HOME": str(tmp_path),
        "_FOPYMES_COMPLETE": "complete_bash",
        "COMP_WORDS": "fopymes tx ",
        "COMP_CWORD": "2",
    }
    result = subprocess.run(
        [sys.executable, "-c", "from fopymes_cli.main import run; run()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert set(result.stdout.split()) >= {"add", "list", "show", "edit", "rm"}


def test_version_and_bare_help() -> None:
    from typer.testing import CliRunner

    from fopymes_server import __version__

    runner = CliRunner()
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"fopymes {__version__}"
    bare = runner.invoke(app, [])
    assert "Commands" in bare.stdout + bare.stderr
