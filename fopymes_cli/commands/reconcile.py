"""`fopymes account reconcile` and `account reconciliations`; the --force of tx edit/rm.

A reconcile that matches marks the account's cleared lines up to the date reconciled and
keeps the statement balance; one that does not prints the difference and the pending
transactions since the last reconciliation, changes nothing and exits 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.reconciliations.schemas import Reconciliation, StatementCheck

T = TypeVar("T")

AccountArg = Annotated[str, typer.Argument(help="Account name (any case) or id.")]
PENDING_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("description", "Description"),
    Column("amount", "Amount", justify="right"),
    Column("currency", "Cur"),
]
COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("on", "On"),
    Column("statement_balance", "Statement balance", justify="right"),
    Column("currency", "Cur"),
    Column("marked", "Marked", justify="right"),
    Column("created_at", "Reconciled at"),
]

PendingOpt = Annotated[
    bool,
    typer.Option("--pending", help="Not on a statement yet (left out of the cleared balance)."),
]
ClearedOpt = Annotated[
    bool, typer.Option("--cleared", help="The bank shows it now (a pending one becomes cleared).")
]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Change a reconciled transaction without asking."),
]


def register(app: typer.Typer) -> None:
    """Add `reconcile` and `reconciliations` to the `account` group."""
    app.command(
        "reconcile",
        epilog=examples(
            "fopymes account reconcile Bank --balance 1234.56 --on 2026-11-30",
            "fopymes account reconcile Visa --balance -350.00 --on 2026-11-30",
        ),
    )(reconcile)
    app.command(
        "reconciliations",
        epilog=examples(
            "fopymes account reconciliations Bank", "fopymes account reconciliations Bank -o json"
        ),
    )(list_reconciliations)


def reconcile(
    ctx: typer.Context,
    ref: AccountArg,
    balance: Annotated[
        str,
        typer.Option("--balance", help="The statement's balance (negative for what is owed)."),
    ],
    on: Annotated[str, typer.Option("--on", help="The statement's date.")] = "today",
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Compare a statement balance with the cleared balance on its date; when they match,
    mark those transactions reconciled. A mismatch shows the difference and the pending
    transactions, changes nothing and exits 1."""
    from fopymes_server.reconciliations import service
    from fopymes_server.reconciliations.rules import StatementMismatchError
    from fopymes_server.reconciliations.schemas import UnclearedLine

    cli = state(ctx)
    try:
        with cli.uow(write=True) as uow:
            done = service.reconcile(uow, cli.principal(uow), ref, balance=balance, on=on)
    except StatementMismatchError as error:
        if error.uncleared:  # the error line already says when there are none
            output.emit_models(
                error.uncleared, UnclearedLine, PENDING_COLUMNS, fmt, title="Pending transactions"
            )
        raise
    if fmt is not OutputFormat.TABLE:
        output.emit_model(done, fmt)
        return
    output.data_line(str(done.id))
    output.success(_done_line(done), dates=[done.on], today=cli.app.clock.today())


def _done_line(done: Reconciliation) -> str:
    return (
        f"Reconciled {done.account} on {done.on}: {done.statement_balance:f} {done.currency} "
        f"matches the cleared balance; {done.marked} transaction(s) marked reconciled."
    )


def list_reconciliations(
    ctx: typer.Context, ref: AccountArg, fmt: OutputOpt = OutputFormat.TABLE
) -> None:
    """An account's reconciliations, latest first."""
    from fopymes_server.reconciliations import service
    from fopymes_server.reconciliations.schemas import Reconciliation

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_reconciliations(uow, cli.principal(uow), ref)
    output.emit_models(
        items, Reconciliation, COLUMNS, fmt, title=f"Reconciliations of {ref}", empty="None yet."
    )


def status_change(pending: bool, cleared: bool) -> str | None:
    """The status `tx edit --pending/--cleared` asks for (None: leave it)."""
    from fopymes_server.core.errors import ValidationError

    if pending and cleared:
        raise ValidationError("status", "pass --pending or --cleared, not both")
    return "pending" if pending else "cleared" if cleared else None


def guarded(run: Callable[[bool], T], *, force: bool) -> T:
    """`run(force)`; a reconciled transaction is asked about at a terminal (and `run(True)`
    on yes), and without one it stays refused (exit 1, the error says to pass --force)."""
    from fopymes_server.reconciliations.rules import ReconciledChangeError

    try:
        return run(force)
    except ReconciledChangeError as error:
        if force or not prompts.interactive():
            raise
        question = f"Transaction {error.transaction_id} is reconciled. Change it anyway?"
        if not prompts.confirm(question, assume_yes=False):
            output.message("Nothing changed.")
            raise typer.Exit(1) from None
        return run(True)


def warn_statement_balances(checks: Sequence[StatementCheck]) -> None:
    """A warning line for each imported statement whose closing balance is not fopymes'
    cleared balance on its date."""
    for check in checks:
        if check.matches:
            continue
        output.warning(
            f"{check.account} ({check.statement_account}): the statement's closing balance "
            f"on {check.on} is {check.statement_balance:f} {check.currency}, fopymes' cleared "
            f"balance is {check.cleared_balance:f} {check.currency} (difference "
            f"{check.difference:f}); check it with 'fopymes account reconcile'"
        )
