"""`fopymes import profile`: saved CSV mappings (columns, formats, filters) by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.imports.schemas import ProfileOut

profile_app = typer.Typer(help="Saved CSV mapping profiles.", no_args_is_help=True)

PROFILE_COLUMNS = [Column("name", "Name"), Column("summary", "Reads")]


def _profile_record(profile: ProfileOut) -> dict[str, Any]:
    """The table's row: the name and what the mapping reads, in a sentence."""
    mapping = profile.mapping
    amount = mapping.amount or f"debit {mapping.debit or '-'} / credit {mapping.credit or '-'}"
    return {
        "name": profile.name,
        "summary": f"date {mapping.date} ({mapping.date_format}), amount {amount}, "
        f"description {mapping.description}, decimal '{mapping.decimal}'",
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
    payee: Annotated[
        str | None, typer.Option("--payee", help="Payee or counterparty name column.")
    ] = None,
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
    fee_signed: Annotated[
        bool,
        typer.Option(
            "--fee-signed",
            help="The fee is signed like the amount: a positive one (a refunded fee) is money in.",
        ),
    ] = False,
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
        str | None, typer.Option("--account", "--method", "-m", help="Account of every row.")
    ] = None,
) -> None:
    """Save how to read one bank's CSV under a name."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.imports import service_profiles
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
        payee=payee,
        description_fallback=fallback_description,
        direction=direction,
        out_values=_values(out_values),
        in_values=_values(in_values),
        fee=fee,
        fee_signed=fee_signed,
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
        created = service_profiles.add_profile(uow, cli.principal(uow), name=name, mapping=mapping)
    output.success(f"Saved import profile '{created.name}'.")


@profile_app.command("list", epilog=examples("fopymes import profile list"))
def profile_list(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Import profiles of the workspace (with the built-in 'fopymes')."""
    from fopymes_server.imports import service_profiles
    from fopymes_server.imports.schemas import ProfileOut

    cli = state(ctx)
    with cli.uow() as uow:
        profiles = service_profiles.list_profiles(uow, cli.principal(uow))
    output.emit_models(profiles, ProfileOut, PROFILE_COLUMNS, fmt, table_record=_profile_record)


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
    from fopymes_server.imports import service_profiles

    cli = state(ctx)
    with cli.uow() as uow:
        profile = service_profiles.get_profile(uow, cli.principal(uow), name)
    record = {"name": profile.name, **profile.mapping.model_dump(mode="json")}
    output.emit_object(record, fmt, title=f"Import profile {profile.name}")


@profile_app.command("rm", epilog=examples("fopymes import profile rm caixa"))
def profile_rm(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Profile name.")]
) -> None:
    """Delete a saved profile (transactions it imported stay)."""
    from fopymes_server.imports import service_profiles

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        removed = service_profiles.remove_profile(uow, cli.principal(uow), name)
    output.success(f"Removed import profile '{removed.name}'.")
