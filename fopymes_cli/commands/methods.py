"""`fopymes method`: payment methods of the current workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import catalogue_commands, output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(help="Payment methods: cash, cards, bank accounts.", no_args_is_help=True)

MethodArg = Annotated[str, typer.Argument(help="Payment method name (any case) or id.")]
COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Name"),
    Column("type", "Type"),
    Column("last_four", "Last four"),
    Column("archived", "Archived"),
]
TYPES = "cash, debit_card, credit_card, bank_account, other"


@app.command(
    epilog=examples(
        "fopymes method add Visa --type credit_card --last-four 4242",
        "fopymes method add 'Bank account' --type bank_account",
    )
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, unique in the workspace in any case.")],
    type: Annotated[str, typer.Option("--type", help=TYPES)] = "debit_card",
    last_four: Annotated[
        str | None, typer.Option(help="Last four digits of the card or account.")
    ] = None,
) -> None:
    """Add a payment method."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.payment_methods import service
    from fopymes_server.payment_methods.schemas import MethodType

    try:
        method_type = MethodType(type.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise ValidationError("type", f"'{type}' is not one of {TYPES}") from None
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        created = service.add(
            uow, cli.principal(uow), name=name, type=method_type, last_four=last_four
        )
    output.data_line(str(created.id))
    output.success(f"Added payment method '{created.name}'.")


@app.command("list", epilog=examples("fopymes method list", "fopymes method list --all -o json"))
def list_methods(
    ctx: typer.Context,
    fmt: OutputOpt = OutputFormat.TABLE,
    show_all: Annotated[bool, typer.Option("--all", help="Include archived methods.")] = False,
) -> None:
    """Payment methods of the workspace."""
    from fopymes_server.payment_methods import service

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_methods(uow, cli.principal(uow), include_archived=show_all)
    records = [m.model_dump(exclude={"created_at"}) for m in items]
    if fmt is OutputFormat.TABLE:
        for record in records:
            record["archived"] = "yes" if record["archived"] else ""
    output.emit_records(records, COLUMNS, fmt)


catalogue_commands.register(
    app,
    noun="payment method",
    service_module="fopymes_server.payment_methods.service",
    example=("fopymes method", "Visa", "'Old Visa'"),
)
