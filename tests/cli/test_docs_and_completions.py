"""The CLI's promises about itself: help everywhere, documented commands, current completions."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from fopymes_cli import completion_scripts, docs_reference, examples
from fopymes_cli.docs_reference import cli_page
from fopymes_cli.lazy import LazyGroup, load_group
from fopymes_cli.main import LAZY_GROUPS, app

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> Iterator[tuple[str, Any]]:
    """Every command path, asked the way the CLI asks (groups load when listed)."""
    for path, command, _context in cli_page.commands():
        if path:
            yield path, command


COMMAND_OBJECTS = dict(_commands())
COMMANDS = sorted(COMMAND_OBJECTS)


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
    command = COMMAND_OBJECTS[path]
    assert (getattr(command, "help", None) or "").strip(), f"'fopymes {path}' has no help"
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "option" and not param.hidden:
            assert (getattr(param, "help", None) or "").strip(), f"{path} {param.opts} has no help"


def _reference_section(path: str) -> str:
    """The part of the generated CLI reference about `fopymes PATH` (up to the next command)."""
    page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    match = re.search(
        rf"^#+ fopymes {re.escape(path)}\n(.*?)(?=^#+ fopymes |\Z)", page, re.M | re.S
    )
    assert match, f"docs/reference/cli.md has no section for 'fopymes {path}'"
    return match.group(1)


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_and_option_is_in_the_cli_reference(path: str) -> None:
    section = _reference_section(path)
    command = COMMAND_OBJECTS[path]
    for param in getattr(command, "params", []):
        if not getattr(param, "hidden", False):
            for opt in param.opts:
                assert opt in section, f"the reference of 'fopymes {path}' lacks {opt}"


@pytest.mark.parametrize("page", sorted(docs_reference.PAGES))
def test_generated_reference_pages_are_current(page: str) -> None:
    shipped = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert shipped == docs_reference.PAGES[page](), (
        f"docs/{page} is stale; run: {docs_reference.REGENERATE}"
    )


LEAF_COMMANDS = [path for path in COMMANDS if not hasattr(COMMAND_OBJECTS[path], "list_commands")]


def _command_an_example_runs(arguments: list[str]) -> str:
    """The command path `fopymes ARGUMENTS` reaches, parsing every option on the way."""
    command: Any = typer.main.get_command(app)
    context = command.make_context("fopymes", list(arguments))
    path: list[str] = []
    while hasattr(command, "list_commands"):
        rest = [*context._protected_args, *context.args]
        if not rest:
            break
        name, command, rest = command.resolve_command(context, rest)
        context = command.make_context(name, rest, parent=context)
        path.append(name)
    return " ".join(path)


@pytest.mark.parametrize("path", LEAF_COMMANDS)
def test_every_commands_help_shows_examples_that_parse(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = COMMAND_OBJECTS[path]
    found = examples.parse(command.epilog)
    assert found, f"'fopymes {path} --help' has no Examples: section"
    monkeypatch.chdir(tmp_path)
    for line in found:
        arguments = examples.fopymes_arguments(line)
        for statement in (a for a in arguments if re.fullmatch(r"[\w.-]+\.(csv|ofx|qfx)", a)):
            (tmp_path / statement).touch()  # the statements an import example reads
        assert _command_an_example_runs(arguments) == path, line


def test_help_prints_the_examples_unwrapped() -> None:
    from typer.testing import CliRunner

    shown = CliRunner().invoke(app, ["tx", "add", "--help"], env={"COLUMNS": "60"}).stdout
    assert "Examples:" in shown
    for line in examples.parse(COMMAND_OBJECTS["tx add"].epilog):
        assert line in shown


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
