"""`fopymes transfer`: money from one account to another (never income or expense)."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import OutputFormat


def transfer(
    ctx: typer.Context,
    amount: Annotated[str, typer.Argument(help="What leaves --from, in its currency.")],
    source: Annotated[str, typer.Option("--from", help="Account the money leaves.")],
    target: Annotated[str, typer.Option("--to", help="Account the money reaches.")],
    to_amount: Annotated[
        str | None,
        typer.Option("--to-amount", help="What reaches --to; required between currencies."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="YYYY-MM-DD, today or yesterday.")
    ] = None,
    description: Annotated[
        str | None,
        typer.Option("--description", "-D", help="What it was; 'Transfer A to B' if omitted."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A longer note.")] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Move money between two of your accounts: an ATM withdrawal, a card payment, savings."""
    from fopymes_server.accounts import transfers

    data = transfers.TransferCreate(
        amount=amount,
        from_account=source,
        to_account=target,
        to_amount=to_amount,
        date=date or "today",
        description=description,
        note=note,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        made = transfers.transfer(uow, cli.principal(uow), data)
    rate = transfers.implied_rate(made)
    if fmt is not OutputFormat.TABLE:
        record = made.model_dump(
            include={
                "id",
                "date",
                "amount",
                "currency",
                "payment_method",
                "counter_account",
                "counter_amount",
                "counter_currency",
                "description",
            }
        )
        record["rate"] = rate
        output.emit_object(record, fmt)
        return
    output.data_line(str(made.id))
    arrived = f" ({made.counter_amount} {made.counter_currency}, rate {rate:.6f})" if rate else ""
    output.success(
        f"Transferred {made.amount} {made.currency} from {made.payment_method} to "
        f"{made.counter_account}{arrived} on {made.date}.",
        dates=[made.date],
        today=cli.app.clock.today(),
    )


def register(app: typer.Typer) -> None:
    app.command(
        epilog=examples(
            "fopymes transfer 200 --from Bank --to Cash",
            "fopymes transfer 350 --from Bank --to Visa --description 'Card bill'",
            "fopymes transfer 1000 --from Bank --to 'US broker' --to-amount 1083.50",
        )
    )(transfer)
