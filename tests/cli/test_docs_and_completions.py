"""The CLI's promises about itself: help everywhere, documented commands, current completions."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from fopymes_cli import completion_scripts
from fopymes_cli.lazy import LazyGroup, load_group
from fopymes_cli.main import LAZY_GROUPS, app

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> Iterator[tuple[str, object]]:
    """Every command path, asked the way the CLI asks (groups load when listed)."""
    root = typer.main.get_command(app)

    def walk(command: Any, path: str) -> Iterator[tuple[str, object]]:
        if not hasattr(command, "list_commands"):
            yield path, command
            return
        context = click_context(command)
        for name in command.list_commands(context):
            yield from walk(command.get_command(context, name), f"{path} {name}".strip())

    yield from walk(root, "")


def click_context(command: Any) -> Any:
    return command.context_class(command, info_name=command.name)


COMMANDS = sorted(path for path, _ in _commands())


def test_there_are_commands_to_check() -> None:
    assert {"init", "tx add", "tx list", "member add", "token create"} <= set(COMMANDS)


@pytest.mark.parametrize("group", LAZY_GROUPS, ids=lambda group: group.name)
def test_a_lazy_groups_listed_help_is_the_groups_own(group: LazyGroup) -> None:
    loaded = load_group(group)
    assert group.help == loaded.help
    assert loaded.rich_markup_mode is None


def test_root_help_lists_every_group_without_loading_one() -> None:
    code = (
        "import sys; from fopymes_cli.main import run; sys.argv = ['fopymes', '--help'];\n"
        "try: run()\nexcept SystemExit: pass\n"
        "import json; print(json.dumps(sorted(sys.modules)))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    for group in LAZY_GROUPS:
        assert f"  {group.name} " in shown
    loaded = json.loads(shown.strip().splitlines()[-1])
    assert not {f"fopymes_cli.commands.{group.module}" for group in LAZY_GROUPS} & set(loaded) - {
        "fopymes_cli.commands.jobs"  # its `scheduler` command is top-level
    }


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_has_help_text(path: str) -> None:
    command = dict(_commands())[path]
    assert (getattr(command, "help", None) or "").strip(), f"'fopymes {path}' has no help"
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "option" and not param.hidden:
            assert (getattr(param, "help", None) or "").strip(), f"{path} {param.opts} has no help"


@functools.cache
def _documentation() -> str:
    """Every page of the documentation site, as one text."""
    pages = sorted((ROOT / "docs").rglob("*.md"))
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_is_in_the_documentation(path: str) -> None:
    assert f"fopymes {path}" in _documentation(), f"docs/ does not mention 'fopymes {path}'"


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
