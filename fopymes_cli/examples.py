"""Example command lines in a command's `--help`, one way for every command.

Each command passes `epilog=examples(...)`; click prints an epilog after the options and,
behind the `\\b` marker, leaves the lines as written instead of re-wrapping them. The
reference pages in `docs/` read the same lines back with `parse`, so `--help` and the
documentation show the same examples.
"""

from __future__ import annotations

HEADING = "Examples:"
_NO_REWRAP = "\b"


def examples(*lines: str) -> str:
    """The epilog for `lines`, each a whole command line starting with `fopymes`."""
    if not lines or not all(line.startswith("fopymes ") for line in lines):
        raise ValueError("examples are command lines that start with 'fopymes '")
    body = "\n".join(f"  {line}" for line in lines)
    return f"{HEADING}\n\n{_NO_REWRAP}\n{body}"


def parse(epilog: str | None) -> list[str]:
    """The example command lines of an epilog written by `examples` (none otherwise)."""
    if not epilog or not epilog.startswith(HEADING):
        return []
    return [line.strip() for line in epilog.splitlines() if line.strip().startswith("fopymes ")]
