"""`fopymes debt`: money owed to and by contacts, payments, balances and schedules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat
from fopymes_cli.table_fit import Fit

if TYPE_CHECKING:
    from fopymes_server.debts.schemas import DebtDetail, DebtList, DebtOut

app = typer.Typer(help="Debts owed to and by your contacts.", no_args_is_help=True)

IdArg = Annotated[int, typer.Argument(help="Debt id.")]
DateOpt = Annotated[
    str | None, typer.Option("--date", "-d", help="YYYY-MM-DD, today or yesterday.")
]
InstalmentsOpt = Annotated[
    int | None, typer.Option(help="Repay in this many monthly instalments.", min=1, max=1200)
]
MonthlyOpt = Annotated[str | None, typer.Option("--monthly", help="Repay this much a month.")]
DIRECTIONS = {"i_owe": "I owe", "owed_to_me": "owed to me"}

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("who", "Who"),
    Column("contact", "Contact"),
    Column("principal", "Principal", justify="right"),
    Column("balance", "Balance", justify="right"),
    Column("currency", "Cur"),
    Column("due_date", "Due"),
    Column("status", "Status"),
    Column("description", "Description", fit=Fit.SHRINK, optional=True),
]
PAYMENT_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("amount", "Amount", justify="right"),
    Column("payment_method", "Method"),
    Column("transaction_id", "Transaction", justify="right"),
    Column("note", "Note", fit=Fit.SHRINK),
]
SCHEDULE_COLUMNS = [
    Column("number", "#", justify="right"),
    Column("due", "Due"),
    Column("payment", "Payment", justify="right"),
    Column("interest", "Interest", justify="right"),
    Column("principal", "Principal", justify="right"),
    Column("remaining", "Remaining", justify="right"),
]


def _record(debt: DebtOut) -> dict[str, Any]:
    """The table's row of a debt (JSON and CSV are the schema itself)."""
    record = debt.model_dump()
    record["who"] = DIRECTIONS[debt.direction.value]
    return record


def _summary(debts: DebtList) -> None:
    from fopymes_server.core.money import format_money

    for total in debts.totals:
        output.message(
            f"You owe {format_money(total.i_owe, total.currency)}; "
            f"you are owed {format_money(total.owed_to_me, total.currency)}."
        )


@app.command(
    epilog=examples(
        "fopymes debt add 'Bank loan' 6000 --i-owe --start 2026-01-15 --rate 5.25 --instalments 24",
        "fopymes debt add Marta 300 --owed-to-me --due 2026-12-31 --account Cash",
        "fopymes debt add 'Car dealer' 9000 --i-owe --rate 3.9 --interest compound --monthly 250 "
        "-c Transport",
    )
)
def add(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(help="Contact name or id (fopymes contact add).")],
    principal: Annotated[str, typer.Argument(help="Amount lent or borrowed, e.g. 1200.")],
    i_owe: Annotated[bool, typer.Option("--i-owe", help="You owe the contact.")] = False,
    owed_to_me: Annotated[bool, typer.Option("--owed-to-me", help="The contact owes you.")] = False,
    currency: Annotated[
        str | None, typer.Option(help="ISO 4217 code (default: the workspace's).")
    ] = None,
    start: Annotated[str | None, typer.Option(help="When it started (default today).")] = None,
    due: Annotated[str | None, typer.Option(help="When it is due, YYYY-MM-DD.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Category of the interest paid.")
    ] = None,
    account: Annotated[
        str | None,
        typer.Option(
            "--account",
            help="Account the money was lent from or borrowed into: records the principal "
            "as a transfer between it and the debt's loan account.",
        ),
    ] = None,
    rate: Annotated[str | None, typer.Option(help="Annual interest in percent, e.g. 5.25.")] = None,
    interest: Annotated[
        str, typer.Option(help="simple, or compound (monthly compounding).")
    ] = "simple",
    instalments: InstalmentsOpt = None,
    monthly: MonthlyOpt = None,
    description: Annotated[
        str | None, typer.Option("--description", "-D", help="What it is for.")
    ] = None,
) -> None:
    """Record a debt you owe (--i-owe) or one owed to you (--owed-to-me); prints its id."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.debts import service
    from fopymes_server.debts.schemas import DebtCreate, Direction

    if i_owe == owed_to_me:
        raise ValidationError("direction", "give exactly one of --i-owe and --owed-to-me")
    data = DebtCreate(
        contact=contact,
        direction=Direction.I_OWE if i_owe else Direction.OWED_TO_ME,
        principal=principal,
        currency=currency,
        start=start or "today",
        due=due,
        category=category,
        account=account,
        annual_rate=rate,
        interest=interest,
        instalments=instalments,
        monthly_payment=monthly,
        description=description or "",
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        debt = service.add(uow, cli.principal(uow), data=data)
    output.data_line(str(debt.id))
    output.success(
        f"Recorded debt {debt.id}: {DIRECTIONS[debt.direction.value]} {debt.contact} "
        f"{debt.principal} {debt.currency}.",
        dates=[debt.start_date],
        today=cli.app.clock.today(),
    )


@app.command(
    "list", epilog=examples("fopymes debt list", "fopymes debt list --open --i-owe -o json")
)
def list_debts(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help="Only debts not paid off.")] = False,
    owed_to_me: Annotated[
        bool, typer.Option("--owed-to-me", help="Only debts owed to you.")
    ] = False,
    i_owe: Annotated[bool, typer.Option("--i-owe", help="Only debts you owe.")] = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Debts with today's balance; a summary of what is owed each way goes to stderr."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.debts import service
    from fopymes_server.debts.schemas import DebtOut, Direction

    if i_owe and owed_to_me:
        raise ValidationError("direction", "give at most one of --i-owe and --owed-to-me")
    direction = Direction.I_OWE if i_owe else Direction.OWED_TO_ME if owed_to_me else None
    cli = state(ctx)
    with cli.uow() as uow:
        debts = service.list_debts(
            uow, cli.principal(uow), open_only=open_only, direction=direction
        )
    output.emit_models(
        debts.items, DebtOut, COLUMNS, fmt, table_record=_record, empty="No debts match."
    )
    _summary(debts)


def _show_table(detail: DebtDetail) -> None:
    debt = detail.debt
    rate = f"{debt.annual_rate}% {debt.interest.value}" if debt.annual_rate is not None else "none"
    summary = {
        "who": f"{DIRECTIONS[debt.direction.value]}: {debt.contact}",
        "description": debt.description,
        "principal": f"{debt.principal} {debt.currency} from {debt.start_date}",
        "due": debt.due_date or "no due date",
        "interest": rate,
        "interest accrued": debt.interest_accrued,
        "paid": debt.paid,
        "balance": f"{debt.balance} {debt.currency} on {debt.on}",
        "status": debt.status.value,
    }
    output.emit_object(summary, OutputFormat.TABLE, title=f"Debt {debt.id}")
    output.emit_records(
        [p.model_dump() for p in detail.payments],
        PAYMENT_COLUMNS,
        OutputFormat.TABLE,
        title="Payments",
        empty="No payments yet.",
    )


@app.command(epilog=examples("fopymes debt show 1", "fopymes debt show 1 --date 2026-12-31"))
def show(
    ctx: typer.Context,
    debt_id: IdArg,
    date: Annotated[str | None, typer.Option(help="Value it on this date instead.")] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """A debt with its interest, payments and balance."""
    from fopymes_server.core.dates import parse_date
    from fopymes_server.debts import service

    cli = state(ctx)
    on = parse_date(date, cli.app.clock.today()) if date else None
    with cli.uow() as uow:
        detail = service.show(uow, cli.principal(uow), debt_id, on=on)
    if fmt is OutputFormat.TABLE:
        _show_table(detail)
    elif fmt is OutputFormat.JSON:
        output.emit_model(detail, fmt)
    else:
        output.emit_model(detail.debt, fmt)


@app.command(
    epilog=examples(
        "fopymes debt pay 1 263.50",
        "fopymes debt pay 1 263.50 --date 2026-02-15 --method 'Bank account' --record",
    )
)
def pay(
    ctx: typer.Context,
    debt_id: IdArg,
    amount: Annotated[str, typer.Argument(help="Amount paid, e.g. 100.")],
    date: DateOpt = None,
    method: Annotated[
        str | None, typer.Option("--account", "--method", "-m", help="Account paid from or into.")
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Also record it in --account: the principal as a transfer to or from the "
            "debt's loan account, the interest as an expense or income.",
        ),
    ] = False,
    note: Annotated[str | None, typer.Option("--note", help="A note to keep with it.")] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Record a payment of a debt (never more than its balance)."""
    from fopymes_server.debts import payments
    from fopymes_server.debts.schemas import PaymentCreate

    data = PaymentCreate(
        amount=amount,
        date=date or "today",
        payment_method=method,
        record_transaction=record,
        note=note,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        detail = payments.pay(uow, cli.principal(uow), debt_id, data=data)
    debt = detail.debt
    paid = max(detail.payments, key=lambda p: p.id).amount
    if fmt is OutputFormat.TABLE:
        output.success(
            f"Paid {paid} {debt.currency} of debt {debt.id}; "
            f"balance {debt.balance} {debt.currency} ({debt.status.value}).",
            dates=[max(detail.payments, key=lambda p: p.id).date],
            today=cli.app.clock.today(),
        )
    elif fmt is OutputFormat.JSON:
        output.emit_model(detail, fmt)
    else:
        output.emit_model(debt, fmt)


@app.command(
    epilog=examples("fopymes debt schedule 1", "fopymes debt schedule 1 --monthly 300 -o csv")
)
def schedule(
    ctx: typer.Context,
    debt_id: IdArg,
    instalments: InstalmentsOpt = None,
    monthly: MonthlyOpt = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """The monthly repayment plan from the start (the debt's own plan unless given)."""
    from fopymes_server.debts import payments
    from fopymes_server.debts.schemas import ScheduleRowOut

    cli = state(ctx)
    with cli.uow() as uow:
        rows = payments.schedule(
            uow, cli.principal(uow), debt_id, instalments=instalments, monthly_payment=monthly
        )
    output.emit_models(rows, ScheduleRowOut, SCHEDULE_COLUMNS, fmt)


@app.command("rm", epilog=examples("fopymes debt rm 1 --yes"))
def remove(ctx: typer.Context, debt_id: IdArg, yes: YesOpt = False) -> None:
    """Delete a debt and its payments (asks first unless --yes)."""
    from fopymes_server.debts import service

    cli = state(ctx)
    with cli.uow() as uow:
        debt = service.show(uow, cli.principal(uow), debt_id).debt
    question = f"Delete debt {debt.id} ({DIRECTIONS[debt.direction.value]} {debt.contact})?"
    prompts.confirm_delete(question, assume_yes=yes)
    with cli.uow(write=True) as uow:
        service.remove(uow, cli.principal(uow), debt_id)
    output.success(f"Deleted debt {debt_id}.")
