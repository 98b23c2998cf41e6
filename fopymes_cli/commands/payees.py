"""`fopymes payee`: who transactions were with; list, rename and merge payees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.payees.schemas import PayeeOut

app = typer.Typer(
    help="Payees: who your transactions were with (created as transactions name them).",
    no_args_is_help=True,
)
PayeeArg = Annotated[str, typer.Argument(help="Payee name (any case or accents) or id.")]

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Payee"),
    Column("transactions", "Rows", justify="right"),
    Column("expense", "Expenses", justify="right"),
    Column("income", "Income", justify="right"),
]


def _table_record(payee: PayeeOut) -> dict[str, Any]:
    from fopymes_server.core.money import format_money

    return {
        "id": payee.id,
        "name": payee.name,
        "transactions": payee.transactions,
        "expense": "\n".join(format_money(t.expense, t.currency) for t in payee.totals),
        "income": "\n".join(format_money(t.income, t.currency) for t in payee.totals),
    }


@app.command("list", epilog=examples("fopymes payee list", "fopymes payee list -o json"))
def list_payees(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Payees by name with their number of transactions and totals per currency."""
    from fopymes_server.payees import service
    from fopymes_server.payees.schemas import PayeeOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_payees(uow, cli.principal(uow))
    output.emit_models(
        items,
        PayeeOut,
        COLUMNS,
        fmt,
        table_record=_table_record,
        empty="No payees yet: fopymes tx add ... --payee NAME",
    )


@app.command(epilog=examples("fopymes payee rename 'MERCADONA SA' Mercadona"))
def rename(
    ctx: typer.Context,
    payee: PayeeArg,
    new_name: Annotated[str, typer.Argument(help="The new spelling.")],
) -> None:
    """Give a payee another spelling; a name another payee has is refused (merge them)."""
    from fopymes_server.payees import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        renamed = service.rename(uow, cli.principal(uow), payee, new_name)
    output.success(f"Renamed payee {renamed.id} to '{renamed.name}'.")


@app.command(
    epilog=examples(
        "fopymes payee merge 'Mercadona SA' Mercadona", "fopymes payee merge 12 7 --yes"
    )
)
def merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The payee to merge away (name or id).")],
    target: Annotated[str, typer.Argument(help="The payee that stays (name or id).")],
    yes: YesOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Merge payee FROM INTO another: its transactions and rules move, FROM is deleted
    (asks first unless --yes)."""
    from fopymes_server.payees import service

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
        gone = service.resolve(uow, principal, source, field="from")
        kept = service.resolve(uow, principal, target, field="into")
    question = f"Merge payee '{gone.name}' into '{kept.name}' and delete '{gone.name}'?"
    prompts.confirm_delete(question, assume_yes=yes, refused="Nothing merged.")
    with cli.uow(write=True) as uow:
        merged = service.merge(uow, cli.principal(uow), gone.id, kept.id)
    if fmt is OutputFormat.TABLE:
        output.success(
            f"Merged '{merged.merged}' into '{merged.payee.name}': "
            f"{merged.transactions_moved} transaction(s), {merged.rules_moved} rule(s) moved."
        )
    else:
        output.emit_object(merged.model_dump(), fmt)
