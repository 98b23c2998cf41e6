"""`fopymes tx`: record, list, show, edit and delete incomes and expenses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.commands import reconcile
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat
from fopymes_cli.table_fit import Fit

if TYPE_CHECKING:
    from fopymes_server.transactions.schemas import TransactionOut, TransactionPage

app = typer.Typer(help="Incomes and expenses.", no_args_is_help=True)

IdArg = Annotated[int, typer.Argument(help="Transaction id.")]
CategoryOpt = Annotated[str | None, typer.Option("--category", "-c", help="Category name or id.")]
MethodOpt = Annotated[
    str | None, typer.Option("--account", "--method", "-m", help="Account name or id.")
]
DateOpt = Annotated[
    str | None, typer.Option("--date", "-d", help="YYYY-MM-DD, today or yesterday.")
]
DescriptionOpt = Annotated[str | None, typer.Option("--description", "-D", help="What it was.")]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A longer note.")]
CurrencyOpt = Annotated[
    str | None, typer.Option("--currency", help="ISO 4217 code (default: the workspace's).")
]
PayeeOpt = Annotated[
    str | None,
    typer.Option("--payee", "-p", help="Who it was with (found in any case or accents, or new)."),
]
TagsOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", help="A tag (letters, digits, - _ / .); repeat for more."),
]
SplitOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--split",
        help="CATEGORY=AMOUNT[:NOTE], repeated: divide the amount among categories (one "
        "part may leave AMOUNT out for the remainder).",
    ),
]
SPLIT_LABEL = "(split)"

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("description", "Description", fit=Fit.SHRINK),
    Column("category", "Category"),
    Column("payment_method", "Account", optional=True),
    Column("signed", "Amount", justify="right"),
    Column("currency", "Cur"),
]
JSON_FIELDS = (
    "id",
    "date",
    "kind",
    "amount",
    "currency",
    "category",
    "payment_method",
    "description",
    "note",
    "category_id",
    "payment_method_id",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "version",
    "movement",
    "counter_account",
    "counter_account_id",
    "counter_amount",
    "status",
    "payee",
    "payee_id",
    "tags",
    "splits",
)


def _record(tx: TransactionOut) -> dict[str, Any]:
    record = {field: getattr(tx, field) for field in JSON_FIELDS}
    record["splits"] = [part.model_dump() for part in tx.splits]
    return record


def _flat_record(tx: TransactionOut) -> dict[str, Any]:
    """`_record` with the parts as one text cell (CSV, the table of `tx show`)."""
    record = _record(tx)
    record["splits"] = "\n".join(
        f"{part.category}={part.amount}" + (f":{part.note}" if part.note else "")
        for part in tx.splits
    )
    return record


def _parts(texts: list[str] | None) -> Any:
    """The --split options as parts (None when none was given)."""
    from fopymes_server.transactions.rules import parse_part

    return [parse_part(text) for text in texts] if texts else None


def _table_record(tx: TransactionOut) -> dict[str, Any]:
    record = _record(tx)
    if tx.splits:
        record["category"] = SPLIT_LABEL
    if tx.kind.value == "transfer":
        # A transfer has no category: the column names the account the money reached.
        record["category"] = f"-> {tx.counter_account}"
        record["signed"] = output.amount_text(tx.amount)
    else:
        sign = "-" if tx.kind.value == "expense" else "+"
        record["signed"] = f"{sign}{output.amount_text(tx.amount)}"
    return record


@app.command(
    epilog=examples(
        "fopymes tx add 45.20 --category Groceries --method Cash --description Mercadona",
        "fopymes tx add 2450 --income --category Salary --description 'November pay' --date "
        "2026-11-27",
        "fopymes tx add 30 -c Leisure -D 'Concert' --currency USD",
        "fopymes tx add 12.50 -c Restaurants -D Lunch --payee 'Café Central' --tag work",
        "fopymes tx add 85.40 --account Card --split Groceries=60 --split Household=25.40 "
        "-D Mercadona",
    )
)
def add(
    ctx: typer.Context,
    amount: Annotated[str, typer.Argument(help="Positive amount, e.g. 45.20.")],
    category: CategoryOpt = None,
    method: MethodOpt = None,
    description: DescriptionOpt = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    income: Annotated[
        bool, typer.Option("--income", help="Money in (default: an expense).")
    ] = False,
    currency: CurrencyOpt = None,
    pending: reconcile.PendingOpt = False,
    payee: PayeeOpt = None,
    tags: TagsOpt = None,
    split: SplitOpt = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Record an expense (or an income with --income); prints the new id on stdout.

    With --split the amount is divided among categories: the parts must add up exactly to
    it (one part may leave its amount out and take what is left)."""
    from fopymes_server.transactions import service
    from fopymes_server.transactions.schemas import Kind, TransactionCreate

    cli = state(ctx)
    data = TransactionCreate(
        kind=Kind.INCOME if income else Kind.EXPENSE,
        amount=amount,
        currency=currency,
        date=date or "today",
        category=category,
        payment_method=method,
        description=description or "",
        note=note,
        status="pending" if pending else "cleared",
        payee=payee,
        tags=tags or [],
        splits=_parts(split),
    )
    with cli.uow(write=True) as uow:
        created = service.record(uow, cli.principal(uow), data=data)
    if fmt is OutputFormat.TABLE:
        output.data_line(str(created.id))
        output.success(
            f"Recorded {created.kind.value} {created.id}: {created.amount} {created.currency} "
            f"on {created.date}.",
            dates=[created.date],
            today=cli.app.clock.today(),
        )
    else:
        output.emit_object(_record(created), fmt)


@app.command(
    "list",
    epilog=examples(
        "fopymes tx list --month 2026-11 --category groceries",
        "fopymes tx list --from 2026-01-01 --to 2026-03-31 --search rent -o csv",
        "fopymes tx list --min 100 --kind expense --limit 20",
        "fopymes tx list --kind transfer --account Bank",
        "fopymes tx list --tag trip-2026 --payee 'cafe central'",
        "fopymes tx list --uncategorised --month 2026-11",
    ),
)
def list_transactions(
    ctx: typer.Context,
    date_from: Annotated[str | None, typer.Option("--from", help="First date (inclusive).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
    month: Annotated[str | None, typer.Option(help="A whole month, YYYY-MM.")] = None,
    category: CategoryOpt = None,
    method: MethodOpt = None,
    kind: Annotated[str | None, typer.Option(help="income, expense or transfer.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Text in the description or note.")
    ] = None,
    min_amount: Annotated[str | None, typer.Option("--min", help="Smallest amount.")] = None,
    max_amount: Annotated[str | None, typer.Option("--max", help="Largest amount.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Carrying this tag.")] = None,
    payee: Annotated[
        str | None, typer.Option("--payee", "-p", help="With this payee (any case or accents).")
    ] = None,
    uncategorised: Annotated[
        bool,
        typer.Option("--uncategorised", help="Only incomes and expenses without a category."),
    ] = False,
    limit: Annotated[int, typer.Option(help="Rows per page.", min=1, max=10_000)] = 50,
    cursor: Annotated[
        str | None, typer.Option(help="Continue after a previous page (printed on stderr).")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """List transactions newest first, one page at a time, with totals of what is shown."""
    from fopymes_server.core.dates import parse_date, parse_month
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.transactions import service
    from fopymes_server.transactions.schemas import Kind, TransactionFilter

    cli = state(ctx)
    today = cli.app.clock.today()
    start = parse_date(date_from, today, field="from") if date_from else None
    end = parse_date(date_to, today, field="to") if date_to else None
    if month:
        if start or end:
            raise ValidationError("month", "use either --month or --from/--to")
        start, end = parse_month(month)
    try:
        wanted_kind = Kind(kind.lower()) if kind else None
    except ValueError:
        raise ValidationError("kind", f"'{kind}' is not income, expense or transfer") from None
    filters = TransactionFilter(
        date_from=start,
        date_to=end,
        category=category,
        payment_method=method,
        kind=wanted_kind,
        search=search,
        min_amount=min_amount,
        max_amount=max_amount,
        tag=tag,
        payee=payee,
        uncategorised=uncategorised,
    )
    with cli.uow() as uow:
        page = service.list_transactions(
            uow, cli.principal(uow), filters=filters, limit=limit, cursor=cursor
        )
    if fmt is OutputFormat.TABLE:
        output.emit_records(
            [_table_record(tx) for tx in page.items],
            COLUMNS,
            fmt,
            empty="No transactions match.",
            footer=lambda: _print_totals(page),
        )
    else:
        flat = _flat_record if fmt is OutputFormat.CSV else _record
        output.emit_records([flat(tx) for tx in page.items], COLUMNS, fmt)
    if page.next_cursor:
        output.message(f"More: fopymes tx list ... --cursor {page.next_cursor}")


def _print_totals(page: TransactionPage) -> None:
    from fopymes_server.core.money import format_money

    for total in page.totals:
        output.message(
            f"{total.count} shown: income {format_money(total.income, total.currency)}, "
            f"expenses {format_money(total.expense, total.currency)}, "
            f"net {format_money(total.net, total.currency)}"
        )


@app.command(epilog=examples("fopymes tx show 42", "fopymes tx show 42 -o json"))
def show(ctx: typer.Context, transaction_id: IdArg, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Show one transaction with who created and last changed it."""
    from fopymes_server.transactions import service

    cli = state(ctx)
    with cli.uow() as uow:
        tx = service.get(uow, cli.principal(uow), transaction_id)
    record = _record(tx) if fmt is OutputFormat.JSON else _flat_record(tx)
    if fmt is OutputFormat.TABLE:
        record["tags"] = ", ".join(tx.tags)
    output.emit_object(record, fmt, title=f"Transaction {tx.id}")


@app.command(
    epilog=examples(
        "fopymes tx edit 42 --amount 47.10",
        "fopymes tx edit 42 --category Restaurants --date yesterday",
        "fopymes tx edit 42 --no-category",
        "fopymes tx edit 42 --payee Mercadona --tag household --tag food",
        "fopymes tx edit 42 --clear-payee --no-tags",
        "fopymes tx edit 42 --split Groceries=50 --split Household=",
        "fopymes tx edit 42 --amount 90 --split Groceries=60 --split Household=30",
    )
)
def edit(
    ctx: typer.Context,
    transaction_id: IdArg,
    amount: Annotated[str | None, typer.Option(help="New amount.")] = None,
    category: CategoryOpt = None,
    method: MethodOpt = None,
    description: DescriptionOpt = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    kind: Annotated[str | None, typer.Option(help="income or expense.")] = None,
    currency: CurrencyOpt = None,
    no_category: Annotated[bool, typer.Option("--no-category", help="Clear the category.")] = False,
    no_method: Annotated[bool, typer.Option("--no-method", help="Clear the method.")] = False,
    pending: reconcile.PendingOpt = False,
    cleared: reconcile.ClearedOpt = False,
    force: reconcile.ForceOpt = False,
    payee: PayeeOpt = None,
    clear_payee: Annotated[bool, typer.Option("--clear-payee", help="Clear the payee.")] = False,
    tags: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Replaces the tags with these; repeat for more."),
    ] = None,
    no_tags: Annotated[bool, typer.Option("--no-tags", help="Remove every tag.")] = False,
    split: SplitOpt = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Change fields of a transaction; the same rules as `tx add` apply. --tag replaces the
    transaction's tags with those given.

    --split replaces a split's parts (or splits a transaction); --category makes a split
    one category again. A split's amount changes only together with new parts."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.transactions import service
    from fopymes_server.transactions.schemas import Kind, TransactionUpdate

    try:
        new_kind = Kind(kind.lower()) if kind else None
    except ValueError:
        raise ValidationError("kind", f"'{kind}' is not income or expense") from None
    changes = TransactionUpdate(
        kind=new_kind,
        amount=amount,
        currency=currency,
        date=date,
        category=category,
        payment_method=method,
        description=description,
        note=note,
        clear_category=no_category,
        clear_payment_method=no_method,
        status=reconcile.status_change(pending, cleared),
        payee=payee,
        clear_payee=clear_payee,
        tags=_replaced_tags(tags, no_tags),
        splits=_parts(split),
    )
    cli = state(ctx)

    def run(forced: bool) -> TransactionOut:
        with cli.uow(write=True) as uow:
            principal = cli.principal(uow)
            return service.edit(uow, principal, transaction_id, changes=changes, force=forced)

    updated = reconcile.guarded(run, force=force)
    if fmt is OutputFormat.TABLE:
        output.success(
            f"Updated transaction {updated.id}.",
            dates=[updated.date if date else None],
            today=cli.app.clock.today(),
        )
    else:
        output.emit_object(_record(updated), fmt)


def _replaced_tags(tags: list[str] | None, no_tags: bool) -> list[str] | None:
    from fopymes_server.core.errors import ValidationError

    if no_tags and tags:
        raise ValidationError("tag", "give tags or --no-tags, not both")
    return [] if no_tags else tags or None


@app.command("rm", epilog=examples("fopymes tx rm 42", "fopymes tx rm 42 --yes"))
def remove(
    ctx: typer.Context,
    transaction_id: IdArg,
    yes: YesOpt = False,
    force: reconcile.ForceOpt = False,
) -> None:
    """Delete a transaction (asks first unless --yes)."""
    from fopymes_server.transactions import service

    cli = state(ctx)
    with cli.uow() as uow:
        tx = service.get(uow, cli.principal(uow), transaction_id)
    question = f"Delete {tx.kind.value} {tx.id} ({tx.amount} {tx.currency}, {tx.description})?"
    prompts.confirm_delete(question, assume_yes=yes)

    def run(forced: bool) -> TransactionOut:
        with cli.uow(write=True) as uow:
            return service.delete(uow, cli.principal(uow), transaction_id, force=forced)

    reconcile.guarded(run, force=force)
    output.success(f"Deleted transaction {transaction_id}.")
