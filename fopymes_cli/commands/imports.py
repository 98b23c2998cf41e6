"""`fopymes import`: bank statements (CSV with saved profiles, OFX/QFX), preview first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.imports.schemas import ImportReport, ProfileOut

app = typer.Typer(
    help="Import bank statements (CSV, OFX/QFX, Norma 43, CAMT, MT940).", no_args_is_help=True
)
profile_app = typer.Typer(help="Saved CSV mapping profiles.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")

FileArg = Annotated[
    Path, typer.Argument(help="The statement file.", exists=True, dir_okay=False, readable=True)
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be added, duplicates and bad rows.")
]
PROGRESS_FROM = 5_000
SHOWN_ERRORS = 200
SHOWN_ROWS = 20
"""A dry run's table shows the first rows as parsed, enough to check the mapping."""
LINE_COLUMNS = [
    Column("line", "Line", justify="right"),
    Column("status", "Status"),
    Column("date", "Date"),
    Column("signed", "Amount", justify="right"),
    Column("currency", "Cur"),
    Column("description", "Description"),
    Column("category", "Category"),
    Column("method", "Method"),
]


def _line_record(line: Any) -> dict[str, Any]:
    return {
        "line": line.line,
        "status": "duplicate" if line.duplicate else "new",
        "date": line.date,
        "kind": line.kind,
        "amount": line.amount,
        "signed": f"{'-' if line.kind == 'expense' else '+'}{line.amount:,}",
        "currency": line.currency,
        "description": line.description,
        "category": line.category,
        "method": line.method,
    }


def _balance(label: str, balance: Any, currency: str) -> str:
    if balance is None:
        return f"{label} not given"
    when = f" on {balance.date.isoformat()}" if balance.date else ""
    return f"{label} {balance.amount:,} {currency}{when}"


def _statements(result: ImportReport) -> None:
    """Each account with its payment method and stated balances; skipped lines."""
    for summary in result.statements:
        opening = _balance("opening", summary.opening, summary.currency)
        closing = _balance("closing", summary.closing, summary.currency)
        output.message(f"Account {summary.account} -> {summary.method}: {opening}, {closing}.")
    for skipped in result.skipped[:SHOWN_ERRORS]:
        output.message(f"{result.source}: left out {skipped}")
    if len(result.skipped) > SHOWN_ERRORS:
        output.message(f"... and {len(result.skipped) - SHOWN_ERRORS} more skipped lines")


def _report(result: ImportReport, fmt: OutputFormat) -> None:
    """Rows on stdout (a dry run, or -o json/csv); the summary and bad rows on stderr."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.imports.service import row_errors_summary

    if result.read_as:
        output.message(f"{result.source}: read as {result.read_as}.")
    _statements(result)
    for error in result.errors[:SHOWN_ERRORS]:
        output.message(f"{result.source}: {error}")
    if len(result.errors) > SHOWN_ERRORS:
        output.message(f"... and {len(result.errors) - SHOWN_ERRORS} more bad rows")
    if result.errors:
        raise ValidationError(result.source, row_errors_summary(result.errors))
    records = [_line_record(line) for line in result.lines]
    if result.dry_run or fmt is not OutputFormat.TABLE:
        if fmt is not OutputFormat.TABLE:
            for record in records:
                del record["signed"]
        shown = records if fmt is not OutputFormat.TABLE else records[:SHOWN_ROWS]
        output.emit_records(shown, LINE_COLUMNS, fmt, empty="The file holds no transactions.")
        if len(shown) < len(records):
            more = len(records) - len(shown)
            output.message(f"... and {more} more rows (-o json or -o csv lists them all)")
    new = len(result.lines) - result.duplicates
    account = f" ({result.account})" if result.account else ""
    skipped = f", {len(result.skipped)} lines left out" if result.skipped else ""
    if result.dry_run:
        output.message(
            f"Dry run{account}: {new} would be added, {result.duplicates} duplicates skipped"
            f"{skipped}; nothing written."
        )
    else:
        output.success(
            f"Imported {result.added} transactions from {result.source}{account}; "
            f"{result.duplicates} duplicates skipped{skipped}."
        )


def _progress_shown(data: bytes) -> bool:
    return data.count(b"\n") > PROGRESS_FROM


@app.command(
    "csv",
    epilog=examples(
        "fopymes import csv movimientos.csv --profile caixa --dry-run",
        "fopymes import csv movimientos.csv --profile caixa",
        "fopymes import csv all.csv --profile fopymes --yes",
    ),
)
def import_csv(
    ctx: typer.Context,
    file: FileArg,
    profile: Annotated[str, typer.Option("--profile", "-P", help="Mapping profile name.")],
    dry_run: DryRunOpt = False,
    yes: YesOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import a CSV statement with a saved profile; all rows or none.

    Categories and payment methods the file names but the workspace lacks (fopymes' own
    export read into a new workspace) are created after asking (--yes: without asking).
    """
    from fopymes_server.imports import service

    cli = state(ctx)
    data = file.read_bytes()

    def run(create_missing: bool) -> ImportReport:
        with (
            output.progress_bar("Importing", shown=_progress_shown(data)) as update,
            cli.uow(write=not dry_run) as uow,
        ):
            return service.import_csv(
                uow,
                cli.principal(uow),
                data=data,
                source=file.name,
                profile=profile,
                dry_run=dry_run,
                create_missing=create_missing,
                progress=update,
            )

    result = run(create_missing=dry_run)
    if result.missing:
        output.message(f"{file.name} names what this workspace lacks: {result.missing}.")
        if prompts.confirm("Create them and import?", assume_yes=yes):
            result = run(create_missing=True)
    if result.created:
        verb = "Would create" if result.dry_run else "Created"
        output.message(f"{verb} {result.created}.")
    _report(result, fmt)


MethodOpt = Annotated[
    str | None,
    typer.Option(
        "--method",
        "-m",
        help="Payment method of the statement's account (remembered for next time).",
    ),
]
AccountOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--account",
        help="ACCOUNT=METHOD for a file of several accounts (repeat it); ACCOUNT is the "
        "account number or IBAN the preview shows. Remembered for next time.",
    ),
]


def _accounts(pairs: list[str] | None) -> dict[str, str]:
    from fopymes_server.core.errors import ValidationError

    found: dict[str, str] = {}
    for pair in pairs or []:
        account, _, method = pair.partition("=")
        if not account.strip() or not method.strip():
            raise ValidationError("--account", f"'{pair}' is not ACCOUNT=METHOD")
        found[account.strip()] = method.strip()
    return found


def _import_statement_file(
    ctx: typer.Context,
    fmt_name: str,
    file: Path,
    method: str | None,
    accounts: list[str] | None,
    dry_run: bool,
    fmt: OutputFormat,
) -> None:
    """What `import ofx`, `norma43`, `camt` and `mt940` share: read, import, report."""
    from fopymes_server.imports import service

    cli = state(ctx)
    data = file.read_bytes()
    mapping = _accounts(accounts)
    with (
        output.progress_bar("Importing", shown=_progress_shown(data)) as update,
        cli.uow(write=not dry_run) as uow,
    ):
        result = service.import_statement_file(
            uow,
            cli.principal(uow),
            fmt=fmt_name,
            data=data,
            source=file.name,
            method=method,
            accounts=mapping,
            dry_run=dry_run,
            progress=update,
        )
    _report(result, fmt)


@app.command(
    "ofx",
    epilog=examples(
        "fopymes import ofx statement.qfx --method 'Bank account' --dry-run",
        "fopymes import ofx statement.ofx",
        "fopymes import ofx both.ofx --account ES9100491500051234567892=Santander "
        "--account 4111111111114321=Visa",
    ),
)
def import_ofx(
    ctx: typer.Context,
    file: FileArg,
    method: MethodOpt = None,
    account: AccountOpt = None,
    dry_run: DryRunOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import an OFX or QFX statement (bank, card or investment cash) into the payment
    method of each account it holds."""
    _import_statement_file(ctx, "ofx", file, method, account, dry_run, fmt)


@app.command(
    "norma43",
    epilog=examples(
        "fopymes import norma43 cuaderno43.txt --method Caixa --dry-run",
        "fopymes import norma43 cuaderno43.txt",
    ),
)
def import_norma43(
    ctx: typer.Context,
    file: FileArg,
    method: MethodOpt = None,
    account: AccountOpt = None,
    dry_run: DryRunOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import a Spanish bank's Norma 43 (AEB Cuaderno 43) statement; its totals and
    balances are checked first."""
    _import_statement_file(ctx, "norma43", file, method, account, dry_run, fmt)


@app.command(
    "camt",
    epilog=examples(
        "fopymes import camt statement.xml --method 'Bank account' --dry-run",
        "fopymes import camt statement.xml",
    ),
)
def import_camt(
    ctx: typer.Context,
    file: FileArg,
    method: MethodOpt = None,
    account: AccountOpt = None,
    dry_run: DryRunOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import an ISO 20022 CAMT.053 statement (or CAMT.052/054); booked entries only."""
    _import_statement_file(ctx, "camt", file, method, account, dry_run, fmt)


@app.command(
    "mt940",
    epilog=examples(
        "fopymes import mt940 statement.sta --account NL20INGB0001234567=ING --dry-run",
        "fopymes import mt940 statement.sta",
    ),
)
def import_mt940(
    ctx: typer.Context,
    file: FileArg,
    method: MethodOpt = None,
    account: AccountOpt = None,
    dry_run: DryRunOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import a SWIFT MT940 statement (one or several accounts)."""
    _import_statement_file(ctx, "mt940", file, method, account, dry_run, fmt)


PROFILE_COLUMNS = [Column("name", "Name"), Column("summary", "Reads")]


def _profile_record(profile: ProfileOut) -> dict[str, Any]:
    mapping = profile.mapping
    amount = mapping.amount or f"debit {mapping.debit or '-'} / credit {mapping.credit or '-'}"
    return {
        "id": profile.id,
        "name": profile.name,
        "summary": f"date {mapping.date} ({mapping.date_format}), amount {amount}, "
        f"description {mapping.description}, decimal '{mapping.decimal}'",
        "mapping": mapping.model_dump(mode="json"),
        "created_at": profile.created_at,
    }


def _values(text: str | None) -> tuple[str, ...]:
    return tuple(value.strip() for value in (text or "").split(",") if value.strip())


@profile_app.command(
    "add",
    epilog=examples(
        "fopymes import profile add caixa --date Fecha --date-format %d/%m/%Y --amount Importe "
        "--description Concepto --decimal-comma --thousands . --delimiter ';' --header-row 3 "
        "--method 'Bank account'",
        "fopymes import profile add visa --date 1 --date-format %Y-%m-%d --debit 3 --credit 4 "
        "--description 2 --method Visa",
    ),
)
def profile_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile name, e.g. the bank's.")],
    date: Annotated[str, typer.Option("--date", help="Date column (header name or number).")],
    description: Annotated[str, typer.Option("--description", help="Description column.")],
    date_format: Annotated[
        str, typer.Option("--date-format", help="strptime format.")
    ] = "%Y-%m-%d",
    amount: Annotated[str | None, typer.Option("--amount", help="Signed amount column.")] = None,
    debit: Annotated[str | None, typer.Option("--debit", help="Money-out column.")] = None,
    credit: Annotated[str | None, typer.Option("--credit", help="Money-in column.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Category column.")] = None,
    method_column: Annotated[
        str | None, typer.Option("--method-column", help="Payment method column.")
    ] = None,
    currency_column: Annotated[
        str | None, typer.Option("--currency-column", help="Currency column.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Note column.")] = None,
    fallback_description: Annotated[
        str | None,
        typer.Option("--fallback-description", help="Column read when the description is empty."),
    ] = None,
    direction: Annotated[
        str | None,
        typer.Option(
            "--direction", help="Column saying out/in for an unsigned --amount (Af/Bij, D/C)."
        ),
    ] = None,
    out_values: Annotated[
        str | None,
        typer.Option("--out-values", help="Comma-separated --direction values for money out."),
    ] = None,
    in_values: Annotated[
        str | None,
        typer.Option("--in-values", help="Comma-separated --direction values for money in."),
    ] = None,
    fee: Annotated[
        str | None, typer.Option("--fee", help="Fee column, imported as its own expense.")
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", help="COLUMN=VALUE: import only such rows (repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="COLUMN=VALUE: leave such rows out (repeatable)."),
    ] = None,
    skip_zero: Annotated[
        bool, typer.Option("--skip-zero", help="Leave out zero-amount rows.")
    ] = False,
    skip_summary_rows: Annotated[
        bool,
        typer.Option(
            "--skip-summary-rows",
            help="Leave out rows without a valid date or without an amount (listed).",
        ),
    ] = False,
    decimal_comma: Annotated[
        bool, typer.Option("--decimal-comma", help="Amounts use ',' as decimal mark.")
    ] = False,
    thousands: Annotated[
        str, typer.Option("--thousands", help="Thousands separator: '', ',', '.', ' ' or \"'\".")
    ] = "",
    encoding: Annotated[str | None, typer.Option("--encoding", help="Default: detect.")] = None,
    delimiter: Annotated[str | None, typer.Option("--delimiter", help="Default: detect.")] = None,
    header_row: Annotated[
        int | None,
        typer.Option(
            "--header-row",
            help="Line number of the header (0: none). Default: the first line holding "
            "the mapped column names.",
        ),
    ] = None,
    sign: Annotated[
        str,
        typer.Option("--sign", help="negative-expense (banks) or positive-expense (cards)."),
    ] = "negative-expense",
    currency: Annotated[str | None, typer.Option("--currency", help="Rows' currency.")] = None,
    method: Annotated[
        str | None, typer.Option("--method", "-m", help="Payment method of every row.")
    ] = None,
) -> None:
    """Save how to read one bank's CSV under a name."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.imports import profiles_service
    from fopymes_server.imports.schemas import CsvMapping, SignConvention

    try:
        convention = SignConvention(sign)
    except ValueError:
        raise ValidationError(
            "sign", f"'{sign}' is not negative-expense or positive-expense"
        ) from None
    mapping = CsvMapping(
        date=date,
        date_format=date_format,
        amount=amount,
        debit=debit,
        credit=credit,
        description=description,
        category=category,
        method=method_column,
        currency_column=currency_column,
        note=note,
        description_fallback=fallback_description,
        direction=direction,
        out_values=_values(out_values),
        in_values=_values(in_values),
        fee=fee,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        skip_zero=skip_zero,
        skip_summary_rows=skip_summary_rows,
        decimal="," if decimal_comma else ".",
        thousands=thousands,
        encoding=encoding,
        delimiter="\t" if delimiter in ("\\t", "tab") else delimiter,
        header_row=header_row,
        sign=convention,
        currency=currency,
        payment_method=method,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        created = profiles_service.add_profile(uow, cli.principal(uow), name=name, mapping=mapping)
    output.success(f"Saved import profile '{created.name}'.")


@profile_app.command("list", epilog=examples("fopymes import profile list"))
def profile_list(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Import profiles of the workspace (with the built-in 'fopymes')."""
    from fopymes_server.imports import profiles_service

    cli = state(ctx)
    with cli.uow() as uow:
        profiles = profiles_service.list_profiles(uow, cli.principal(uow))
    output.emit_records([_profile_record(p) for p in profiles], PROFILE_COLUMNS, fmt)


@profile_app.command(
    "show",
    epilog=examples(
        "fopymes import profile show caixa", "fopymes import profile show caixa -o json"
    ),
)
def profile_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile name.")],
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Every setting of one profile."""
    from fopymes_server.imports import profiles_service

    cli = state(ctx)
    with cli.uow() as uow:
        profile = profiles_service.get_profile(uow, cli.principal(uow), name)
    record = {"name": profile.name, **profile.mapping.model_dump(mode="json")}
    output.emit_object(record, fmt, title=f"Import profile {profile.name}")


@profile_app.command("rm", epilog=examples("fopymes import profile rm caixa"))
def profile_rm(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Profile name.")]
) -> None:
    """Delete a saved profile (transactions it imported stay)."""
    from fopymes_server.imports import profiles_service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        removed = profiles_service.remove_profile(uow, cli.principal(uow), name)
    output.success(f"Removed import profile '{removed.name}'.")
