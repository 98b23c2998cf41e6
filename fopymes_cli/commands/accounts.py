"""`fopymes account` (and its old name `fopymes method`): where money is, with balances."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer

from fopymes_cli import catalogue_commands, output
from fopymes_cli.commands import reconcile
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(
    help="Accounts: cash, bank, cards, loans; balances and net worth.", no_args_is_help=True
)

AccountArg = Annotated[str, typer.Argument(help="Account name (any case) or id.")]
TYPES = "cash, checking, savings, credit_card, loan, mortgage, other_asset, other_liability"
TypeOpt = Annotated[str | None, typer.Option("--type", help=f"{TYPES}.")]
OpeningOpt = Annotated[
    str | None,
    typer.Option("--opening", help="Opening balance; negative for what a card or loan owes."),
]
OpeningDateOpt = Annotated[
    str | None, typer.Option("--opening-date", help="Date of the opening balance.")
]
InstitutionOpt = Annotated[str | None, typer.Option(help="Bank or issuer.")]
LastFourOpt = Annotated[str | None, typer.Option(help="Last four digits of the card or account.")]
COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Name"),
    Column("type", "Type"),
    Column("currency", "Currency"),
    Column("balance", "Balance", justify="right"),
    Column("cleared_balance", "Cleared", justify="right"),
    Column("archived", "Archived"),
]
TOTAL_COLUMNS = [
    Column("currency", "Currency"),
    Column("assets", "Assets", justify="right"),
    Column("liabilities", "Liabilities", justify="right"),
    Column("net_worth", "Net worth", justify="right"),
]
REGISTER_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("movement", "Kind"),
    Column("description", "Description"),
    Column("counterpart", "Category / account"),
    Column("amount", "Amount", justify="right"),
    Column("balance", "Balance", justify="right"),
]


def _type(text: str) -> Any:
    from fopymes_server.accounts.schemas import account_type
    from fopymes_server.core.errors import ValidationError

    found = account_type(text)
    if found is None:
        raise ValidationError("type", f"'{text}' is not one of {TYPES}")
    return found


@app.command(
    epilog=examples(
        "fopymes account add Bank --type checking --opening 1200 --opening-date 2026-01-01",
        "fopymes account add Visa --type credit_card --opening -350 --last-four 4242",
        "fopymes account add 'US broker' --type other_asset --currency USD",
    )
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, unique in the workspace in any case.")],
    type: Annotated[str, typer.Option("--type", help=f"{TYPES}.")] = "checking",
    currency: Annotated[str | None, typer.Option(help="ISO 4217; the workspace's.")] = None,
    opening: OpeningOpt = None,
    opening_date: OpeningDateOpt = None,
    institution: InstitutionOpt = None,
    last_four: LastFourOpt = None,
) -> None:
    """Add an account (its balance starts at the opening balance on the opening date)."""
    from fopymes_server.accounts import service
    from fopymes_server.accounts.schemas import AccountCreate

    data = AccountCreate(
        name=name,
        type=_type(type),
        currency=currency,
        opening_balance=opening or "0",
        opening_date=opening_date or "today",
        institution=institution,
        last_four=last_four,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        created = service.create(uow, cli.principal(uow), data)
    output.data_line(str(created.id))
    output.success(f"Added account '{created.name}'.")


@app.command(
    "list",
    epilog=examples(
        "fopymes account list",
        "fopymes account list --on 2026-06-30",
        "fopymes account list -o json",
    ),
)
def list_accounts(
    ctx: typer.Context,
    on: Annotated[
        str | None, typer.Option("--on", help="Balances at the end of this date.")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include archived accounts at zero.")
    ] = False,
    totals_only: Annotated[
        bool,
        typer.Option("--totals", help="Only assets, liabilities and net worth per currency."),
    ] = False,
) -> None:
    """Accounts with their balances, then assets, liabilities and net worth per currency."""
    from fopymes_server.accounts import service
    from fopymes_server.core.dates import parse_date

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
        day = parse_date(on, cli.app.clock.today(), field="on") if on else None
        sheet = service.balance_sheet(uow, principal, on=day)
        accounts = service.list_methods(uow, principal, include_archived=show_all)
    balances = {(line.account_id, line.currency): line for line in sheet.accounts}
    records: list[dict[str, Any]] = []
    for account in accounts:
        lines: list[Any] = [v for k, v in balances.items() if k[0] == account.id] or [None]
        for line in lines:
            records.append(
                {
                    "id": account.id,
                    "name": account.name,
                    "type": account.type.value,
                    "institution": account.institution,
                    "last_four": account.last_four,
                    "liability": account.liability,
                    "currency": line.currency if line else account.currency,
                    "balance": line.balance if line else Decimal(0),
                    "cleared_balance": line.cleared_balance if line else Decimal(0),
                    "archived": account.archived,
                }
            )
    totals = [t.model_dump() for t in sheet.totals]
    if totals_only:
        output.emit_records(totals, TOTAL_COLUMNS, fmt, title=f"Net worth on {sheet.on}")
        return
    if fmt is not OutputFormat.TABLE:
        output.emit_records(records, COLUMNS, fmt)
        return
    for record in records:
        record["archived"] = "yes" if record["archived"] else ""
    output.emit_records(records, COLUMNS, fmt, title=f"Balances on {sheet.on}")
    output.emit_records(totals, TOTAL_COLUMNS, fmt)


@app.command(
    epilog=examples(
        "fopymes account show Bank",
        "fopymes account show Bank --limit 20 --cursor CURSOR",
        "fopymes account show Visa -o csv",
    )
)
def show(
    ctx: typer.Context,
    ref: AccountArg,
    limit: Annotated[int, typer.Option(help="Rows per page.", min=1, max=500)] = 50,
    cursor: Annotated[
        str | None, typer.Option(help="Continue after a previous page (printed on stderr).")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """An account's details and its register, newest first, with the running balance."""
    from fopymes_server.accounts import service

    cli = state(ctx)
    with cli.uow() as uow:
        page = service.register(uow, cli.principal(uow), ref, limit=limit, cursor=cursor)
    account = page.account
    if fmt is OutputFormat.JSON:
        output.emit_model(page, fmt)
    else:
        if fmt is OutputFormat.TABLE:
            output.emit_object(
                account.model_dump(exclude={"created_at"}), fmt, title=f"Account {account.name}"
            )
        output.emit_records(
            [line.model_dump() for line in page.items],
            REGISTER_COLUMNS,
            fmt,
            empty="No movements yet.",
        )
    if page.next_cursor:
        output.message(f"More: fopymes account show {ref!r} --cursor {page.next_cursor}")


@app.command(
    epilog=examples(
        "fopymes account edit Bank --institution 'Caixa' --opening 1500",
        "fopymes account edit Visa --type credit_card --last-four 1234",
    )
)
def edit(
    ctx: typer.Context,
    ref: AccountArg,
    name: Annotated[str | None, typer.Option(help="A new name.")] = None,
    type: TypeOpt = None,
    opening: OpeningOpt = None,
    opening_date: OpeningDateOpt = None,
    institution: InstitutionOpt = None,
    last_four: LastFourOpt = None,
) -> None:
    """Change an account's name, type, opening balance or date, institution or last four."""
    from fopymes_server.accounts import service
    from fopymes_server.accounts.schemas import AccountUpdate

    changes = AccountUpdate(
        name=name,
        type=_type(type) if type else None,
        opening_balance=opening,
        opening_date=opening_date,
        institution=institution,
        last_four=last_four,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        changed = service.edit(uow, cli.principal(uow), ref, changes=changes)
    output.success(f"Changed account '{changed.name}'.")


catalogue_commands.register(
    app,
    noun="account",
    service_module="fopymes_server.accounts.service",
    example=("fopymes account", "Visa", "'Old Visa'"),
)
reconcile.register(app)
