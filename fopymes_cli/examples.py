"""Example command lines in a command's `--help`, one way for every command.

Each command passes `epilog=examples(...)`; click prints an epilog after the options and,
behind the `\\b` marker, leaves the lines as written instead of re-wrapping them. The
reference pages in `docs/` read the same lines back with `parse`, so `--help` and the
documentation show the same examples.
"""

from __future__ import annotations

import shlex

HEADING = "Examples:"
_NO_REWRAP = "\b"


def examples(*lines: str) -> str:
    """The epilog for `lines`, each a whole shell command line that runs `fopymes`."""
    if not lines or not all(_runs_fopymes(line) for line in lines):
        raise ValueError("an example is a command line that runs fopymes")
    body = "\n".join(f"  {line}" for line in lines)
    return f"{HEADING}\n\n{_NO_REWRAP}\n{body}"


def parse(epilog: str | None) -> list[str]:
    """The example command lines of an epilog written by `examples` (none otherwise)."""
    if not epilog or not epilog.startswith(HEADING):
        return []
    _heading, _marker, body = epilog.partition(_NO_REWRAP)
    return [line.strip() for line in body.splitlines() if line.strip()]


def fopymes_arguments(line: str) -> list[str]:
    """The arguments an example passes to `fopymes` (after the last pipe into it)."""
    command = line.rsplit("| fopymes ", 1)[-1].removeprefix("fopymes ")
    return shlex.split(command)


def _runs_fopymes(line: str) -> bool:
    return line.startswith("fopymes ") or "| fopymes " in line
