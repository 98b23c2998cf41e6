"""`fopymes import`: bank statements (CSV with saved profiles, OFX/QFX), preview first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.imports.schemas import ImportReport, ProfileOut

app = typer.Typer(help="Import bank statements (CSV, OFX/QFX).", no_args_is_help=True)
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


def _report(result: ImportReport, fmt: OutputFormat) -> None:
    """Rows on stdout (a dry run, or -o json/csv); the summary and bad rows on stderr."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.imports.service import row_errors_summary

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
        output.emit_records(records, LINE_COLUMNS, fmt, empty="The file holds no transactions.")
    new = len(result.lines) - result.duplicates
    account = f" ({result.account})" if result.account else ""
    if result.dry_run:
        output.message(
            f"Dry run{account}: {new} would be added, {result.duplicates} duplicates skipped; "
            "nothing written."
        )
    else:
        output.success(
            f"Imported {result.added} transactions from {result.source}{account}; "
            f"{result.duplicates} duplicates skipped."
        )


def _progress_shown(data: bytes) -> bool:
    return data.count(b"\n") > PROGRESS_FROM


@app.command(
    "csv",
    epilog=examples(
        "fopymes import csv movimientos.csv --profile caixa --dry-run",
        "fopymes import csv movimientos.csv --profile caixa",
        "fopymes import csv all.csv --profile fopymes",
    ),
)
def import_csv(
    ctx: typer.Context,
    file: FileArg,
    profile: Annotated[str, typer.Option("--profile", "-P", help="Mapping profile name.")],
    dry_run: DryRunOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import a CSV statement with a saved profile; all rows or none."""
    from fopymes_server.imports import service

    cli = state(ctx)
    data = file.read_bytes()
    with (
        output.progress_bar("Importing", shown=_progress_shown(data)) as update,
        cli.uow(write=not dry_run) as uow,
    ):
        result = service.import_csv(
            uow,
            cli.principal(uow),
            data=data,
            source=file.name,
            profile=profile,
            dry_run=dry_run,
            progress=update,
        )
    _report(result, fmt)


@app.command(
    "ofx",
    epilog=examples(
        "fopymes import ofx statement.qfx --method 'Bank account' --dry-run",
        "fopymes import ofx statement.ofx",
    ),
)
def import_ofx(
    ctx: typer.Context,
    file: FileArg,
    method: Annotated[
        str | None,
        typer.Option(
            "--method",
            "-m",
            help="Payment method of the statement's account (remembered for next time).",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Import an OFX or QFX statement into the payment method of its account."""
    from fopymes_server.imports import service

    cli = state(ctx)
    data = file.read_bytes()
    with (
        output.progress_bar("Importing", shown=_progress_shown(data)) as update,
        cli.uow(write=not dry_run) as uow,
    ):
        result = service.import_ofx(
            uow,
            cli.principal(uow),
            data=data,
            source=file.name,
            method=method,
            dry_run=dry_run,
            progress=update,
        )
    _report(result, fmt)


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
    decimal_comma: Annotated[
        bool, typer.Option("--decimal-comma", help="Amounts use ',' as decimal mark.")
    ] = False,
    thousands: Annotated[
        str, typer.Option("--thousands", help="Thousands separator: '', ',', '.', ' ' or \"'\".")
    ] = "",
    encoding: Annotated[str | None, typer.Option("--encoding", help="Default: detect.")] = None,
    delimiter: Annotated[str | None, typer.Option("--delimiter", help="Default: detect.")] = None,
    header_row: Annotated[
        int, typer.Option("--header-row", help="Row number of the header (0: none).")
    ] = 1,
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
