"""Asking people for input, and refusing to ask when nobody is there to answer.

A command run from cron or a pipe must never hang on a prompt: without a terminal, missing
input is a usage error (exit 2) that names the flag to pass instead.
"""

from __future__ import annotations

import getpass
import sys

import typer

from fopymes_cli import output
from fopymes_server.core.errors import ValidationError


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def ask(label: str, *, flag: str, default: str | None = None) -> str:
    if not interactive():
        raise ValidationError(label, f"is required (pass {flag})")
    suffix = f" [{default}]" if default else ""
    sys.stderr.write(f"{label}{suffix}: ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip()
    return answer or (default or "")


def ask_password(
    label: str = "Password", *, flag: str = "--password-stdin", confirm: bool = False
) -> str:
    if not interactive():
        raise ValidationError("password", f"is required (pass {flag})")
    password = getpass.getpass(f"{label}: ")
    if confirm and getpass.getpass(f"{label} (again): ") != password:
        raise ValidationError("password", "the two entries differ")
    return password


def read_stdin_lines(count: int, what: str) -> list[str]:
    """Read `count` lines from stdin (passwords piped by scripts), without echo."""
    lines = []
    for _ in range(count):
        line = sys.stdin.readline()
        if not line:
            raise ValidationError(what, f"expected {count} line(s) on standard input")
        lines.append(line.rstrip("\r\n"))
    return lines


def confirm(question: str, *, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not interactive():
        raise ValidationError("confirmation", "needed; pass --yes to run without a terminal")
    sys.stderr.write(f"{question} [y/N]: ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def confirm_delete(question: str, *, assume_yes: bool, refused: str = "Nothing deleted.") -> None:
    """Ask before deleting; a "no" says so and exits 1, so a script sees nothing happened."""
    if not confirm(question, assume_yes=assume_yes):
        output.message(refused)
        raise typer.Exit(1)
