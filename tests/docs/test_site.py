"""The documentation's promises: CI runs the README's test command, which builds the site."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(
        r"^python3 -m venv \.venv && .*pip install -e '\.\[dev\]' && (.+)$", readme, re.M
    )
    assert len(commands) == 1, "the README's Quickstart should hold one test command"
    return commands[0]


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == _readme_test_command()


def test_the_test_command_builds_the_documentation_strictly() -> None:
    assert "mkdocs build --strict" in _readme_test_command()


def test_the_built_site_stays_out_of_git() -> None:
    site_dir = re.search(r"^site_dir: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert site_dir, "mkdocs.yml names its site_dir"
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"{site_dir.group(1)}/" in ignored
