"""`fopymes import`: bank statements (CSV with saved profiles, OFX/QFX, Norma 43, CAMT,
MT940), preview first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.commands import reconcile
from fopymes_cli.commands.import_profiles import profile_app
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.imports.schemas import ImportReportOut, PlannedLineOut

app = typer.Typer(
    help="Import bank statements (CSV, OFX/QFX, Norma 43, CAMT, MT940).", no_args_is_help=True
)
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


def _line_record(line: PlannedLineOut) -> dict[str, Any]:
    """The table's row of a line: its status in words and the amount with its sign."""
    record = {
        **line.model_dump(),
        "status": "duplicate" if line.duplicate else "new",
        "signed": f"{'+' if line.kind == 'income' else '-'}{line.amount:,}",
    }
    if line.counter_account is not None:
        record["method"] = f"{line.method} -> {line.counter_account}"
        if line.counter_currency != line.currency:
            record["method"] += f" ({line.counter_amount:,} {line.counter_currency})"
    return record


def _balance(label: str, balance: Any, currency: str) -> str:
    if balance is None:
        return f"{label} not given"
    when = f" on {balance.date.isoformat()}" if balance.date else ""
    return f"{label} {balance.amount:,} {currency}{when}"


def _statements(result: ImportReportOut) -> None:
    """Each account with its payment method and stated balances; skipped lines."""
    for summary in result.statements:
        opening = _balance("opening", summary.opening, summary.currency)
        closing = _balance("closing", summary.closing, summary.currency)
        output.message(f"Account {summary.account} -> {summary.method}: {opening}, {closing}.")
    for skipped in result.skipped[:SHOWN_ERRORS]:
        output.message(f"{result.source}: left out {skipped}")
    if len(result.skipped) > SHOWN_ERRORS:
        output.message(f"... and {len(result.skipped) - SHOWN_ERRORS} more skipped lines")
    reconcile.warn_statement_balances(result.balance_checks)


def _report(result: ImportReportOut, fmt: OutputFormat) -> None:
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
    if result.dry_run or fmt is not OutputFormat.TABLE:
        from fopymes_server.imports.schemas import PlannedLineOut

        shown = result.lines if fmt is not OutputFormat.TABLE else result.lines[:SHOWN_ROWS]
        output.emit_models(
            shown,
            PlannedLineOut,
            LINE_COLUMNS,
            fmt,
            table_record=_line_record,
            empty="The file holds no transactions.",
        )
        if len(shown) < len(result.lines):
            more = len(result.lines) - len(shown)
            output.message(f"... and {more} more rows (-o json or -o csv lists them all)")
    new = result.new
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
    The own export's transfers between accounts are imported as transfers.
    """
    from fopymes_server.imports import service

    cli = state(ctx)
    data = file.read_bytes()

    def run(create_missing: bool) -> ImportReportOut:
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
        "--account",
        "--method",
        "-m",
        help="Account the statement is of (remembered for next time).",
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
