"""The commands the guides show are run, in order, against a fresh SQLite home per page.

A guide's ```console blocks hold `$ fopymes ...` lines, optionally followed by what they
print. Each page gets a new home with a signed-in person (as after `fopymes init`), and the
files in docs/examples/ in its working directory. Every command must exit 0, unless the page
shows it failing: an output line starting with `Error:` right after the command says the
command is expected to be refused.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.conftest import Terminal
from tests.factories import PASSWORD

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(
    page.relative_to(DOCS).as_posix()
    for page in DOCS.rglob("*.md")
    if not page.is_relative_to(DOCS / "reference") and "```console" in page.read_text()
)
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)


@dataclass(frozen=True)
class Example:
    line: str
    fails: bool


def examples_of(page: str) -> list[Example]:
    """The `$ fopymes` commands of a page's console blocks, in order."""
    found: list[Example] = []
    for block in _BLOCK.findall((DOCS / page).read_text(encoding="utf-8")):
        lines = block.splitlines()
        for index, line in enumerate(lines):
            if line.startswith("$ "):
                assert line.startswith("$ fopymes "), f"{page}: runs something else: {line}"
                shown = lines[index + 1] if index + 1 < len(lines) else ""
                found.append(Example(line.removeprefix("$ "), shown.startswith("Error:")))
    return found


def test_the_guides_have_examples_to_run() -> None:
    assert {"guides/budgets.md", "guides/imports.md", "guides/schedules.md"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_a_pages_console_examples_run_on_a_fresh_home(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    shutil.copytree(DOCS / "examples", work)
    monkeypatch.chdir(work)
    me = Terminal(home=tmp_path / "home", database_url=f"sqlite:///{tmp_path / 'fopymes.db'}")
    me.ok(
        *("init", "--email", "me@example.com", "--name", "Me", "--password-stdin"),
        *("--workspace", "Home", "--currency", "EUR"),
        input=PASSWORD + "\n",
    )
    for example in examples_of(page):
        result = me(*shlex.split(example.line)[1:])
        if example.fails:
            assert result.exit_code != 0, f"{page}: expected a refusal: {example.line}"
            assert result.stderr.startswith("Error:"), result.stderr
        else:
            assert result.exit_code == 0, (
                f"{page}: `{example.line}` exited {result.exit_code}\n{result.stderr}"
            )
