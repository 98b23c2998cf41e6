"""Shell completion scripts for bash, zsh and fish, as shipped in `completions/`.

The scripts ask `fopymes` itself for candidates at completion time, so new commands and
options complete without regenerating. A test fails when the shipped files differ from what
this module renders; `python -m fopymes_cli.completion_scripts` rewrites them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer._completion_shared import get_completion_script

SHELLS = {"bash": "fopymes.bash", "zsh": "_fopymes", "fish": "fopymes.fish"}
PROG_NAME = "fopymes"
COMPLETE_VAR = "_FOPYMES_COMPLETE"


def render(shell: str) -> str:
    """The completion script for `shell`, ending with one newline."""
    script = get_completion_script(prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell)
    note = (
        f"# {shell} completion for fopymes (regenerate: python -m fopymes_cli.completion_scripts)"
    )
    body = script.strip()
    if body.startswith("#compdef"):
        first, _, rest = body.partition("\n")
        return f"{first}\n{note}\n{rest}\n"
    return f"{note}\n{body}\n"


def write_all(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for shell, filename in SHELLS.items():
        (directory / filename).write_text(render(shell), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "completions"
    write_all(target)
