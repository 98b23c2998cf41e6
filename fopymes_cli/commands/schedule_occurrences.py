"""`fopymes schedule pending|confirm|skip`: the occurrences of --remind schedules.

Registered on the `schedule` group by schedules.py; kept apart because these commands act
on one occurrence (a date of a schedule), not on the schedule itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.scheduled.schemas import OccurrenceOut

OccurrenceArg = Annotated[int, typer.Argument(help="Occurrence id (see 'schedule pending').")]
OCCURRENCE_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("schedule", "Schedule"),
    Column("amount", "Amount", justify="right"),
    Column("currency", "Cur"),
    Column("status", "Status"),
]


def _occurrences(items: list[OccurrenceOut], fmt: OutputFormat, empty: str) -> None:
    from fopymes_server.scheduled.schemas import OccurrenceOut

    output.emit_models(items, OccurrenceOut, OCCURRENCE_COLUMNS, fmt, empty=empty)


def pending(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Occurrences of --remind schedules waiting to be confirmed or skipped."""
    from fopymes_server.scheduled import confirmations

    cli = state(ctx)
    with cli.uow() as uow:
        items = confirmations.pending(uow, cli.principal(uow))
    _occurrences(items, fmt, "Nothing waits for confirmation.")


def confirm(
    ctx: typer.Context,
    occurrence: OccurrenceArg,
    amount: Annotated[str | None, typer.Option(help="The real amount, if it differed.")] = None,
    date: Annotated[str | None, typer.Option(help="Record on this date instead.")] = None,
) -> None:
    """Record the transaction of a pending reminder; prints its transaction id."""
    from fopymes_server.scheduled import confirmations

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        done = confirmations.confirm(uow, cli.principal(uow), occurrence, amount=amount, date=date)
    output.data_line(str(done.transaction_id))
    output.success(f"Recorded '{done.schedule}' of {done.date}.")


def skip(ctx: typer.Context, occurrence: OccurrenceArg) -> None:
    """Skip a pending reminder: nothing is recorded for it."""
    from fopymes_server.scheduled import confirmations

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        done = confirmations.skip(uow, cli.principal(uow), occurrence)
    output.success(f"Skipped '{done.schedule}' of {done.date}.")


def register(app: typer.Typer) -> None:
    app.command(epilog=examples("fopymes schedule pending"))(pending)
    app.command(
        epilog=examples(
            "fopymes schedule confirm 17",
            "fopymes schedule confirm 17 --amount 64.80 --date 2026-11-21",
        )
    )(confirm)
    app.command(epilog=examples("fopymes schedule skip 17"))(skip)
