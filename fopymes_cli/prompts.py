"""Asking people for input, and refusing to ask when nobody is there to answer.

A command run from cron or a pipe must never hang on a prompt: without a terminal, missing
input is a usage error (exit 2) that names the flag to pass instead.

Interactivity is decided by stdin alone: a person at a terminal who logs the session
(`fopymes init 2>&1 | tee log`) still answers the prompts, which go to stderr either way.
Each answer is checked as it is typed and asked again when it breaks a rule.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

import typer

from fopymes_cli import output
from fopymes_server.core.errors import ValidationError

Check = Callable[[str], object]
"""A rule for an answer: raises ValidationError when the answer breaks it."""


def interactive() -> bool:
    """Whether a person can answer: stdin is a terminal (stderr may be piped to a log)."""
    return sys.stdin.isatty()


def ask(label: str, *, flag: str, default: str | None = None, check: Check | None = None) -> str:
    """The answer to `label`, or `default` when the person just presses Enter.

    Without a terminal the default is the answer, and a question without one is a usage
    error naming `flag`. `check` is applied to every answer; a refused one is said on
    stderr and asked again.
    """
    if not interactive():
        if default is not None:
            return default
        raise ValidationError(label, f"is required (pass {flag})")
    suffix = f" [{default}]" if default else ""
    while True:
        sys.stderr.write(f"{label}{suffix}: ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise ValidationError(label, "no answer (end of input)")
        answer = line.strip() or (default or "")
        if _passes(answer, check):
            return answer


def ask_password(
    label: str = "Password",
    *,
    flag: str = "--password-stdin",
    confirm: bool = False,
    rule: str | None = None,
    check: Check | None = None,
) -> str:
    """A password typed without echo; `rule` is shown in the prompt and `check` applied at
    once (a refused one, or two entries that differ, is asked again)."""
    if not interactive():
        raise ValidationError("password", f"is required (pass {flag})")
    prompt = f"{label} ({rule}): " if rule else f"{label}: "
    while True:
        password = getpass.getpass(prompt)
        if not _passes(password, check):
            continue
        if confirm and getpass.getpass(f"{label} (again): ") != password:
            sys.stderr.write("password: the two entries differ; try again\n")
            continue
        return password


def _passes(answer: str, check: Check | None) -> bool:
    if check is None:
        return True
    try:
        check(answer)
    except ValidationError as refused:
        sys.stderr.write(f"{refused.message}; try again\n")
        return False
    return True


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
