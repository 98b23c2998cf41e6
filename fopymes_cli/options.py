"""Options shared by many commands, declared once so they read and behave the same."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli.context import CliState
from fopymes_cli.output import OutputFormat

OutputOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--output",
        "-o",
        help="table for people; json or csv (stable, on stdout alone) for scripts.",
        case_sensitive=False,
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
TemplateOpt = Annotated[
    str,
    typer.Option(
        help="Categories to start with: household (groceries, housing, salary, ...) or "
        "business (sales, services, suppliers, payroll, rent, taxes, fees, ...)."
    ),
]
PasswordStdinOpt = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


def state(ctx: typer.Context) -> CliState:
    """The CliState the root callback stored (see main.py)."""
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj
