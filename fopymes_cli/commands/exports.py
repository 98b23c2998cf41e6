"""`fopymes export`: every transaction matching a filter, streamed to a file or stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import state

app = typer.Typer(help="Export transactions (CSV, Excel, ledger, beancount).", no_args_is_help=True)


@app.command(
    "transactions",
    epilog=examples(
        "fopymes export transactions --format csv --output all.csv",
        "fopymes export transactions --format ledger --from 2026-01-01 --to 2026-12-31 --output "
        "2026.journal",
        "fopymes export transactions --format beancount --category Groceries",
    ),
)
def transactions(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv, xlsx, ledger (hledger/ledger) or beancount.")
    ] = "csv",
    destination: Annotated[
        str, typer.Option("--output", "-O", help="File to write, or - for stdout.")
    ] = "-",
    date_from: Annotated[str | None, typer.Option("--from", help="First date (inclusive).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
    month: Annotated[str | None, typer.Option(help="A whole month, YYYY-MM.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Category (with sub-categories).")
    ] = None,
    method: Annotated[
        str | None, typer.Option("--account", "--method", "-m", help="Account.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="income, expense or transfer.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Text in the description or note.")
    ] = None,
    min_amount: Annotated[str | None, typer.Option("--min", help="Smallest amount.")] = None,
    max_amount: Annotated[str | None, typer.Option("--max", help="Largest amount.")] = None,
) -> None:
    """Stream transactions oldest first; memory stays flat for any number of rows."""
    from fopymes_server.core.dates import parse_date, parse_month
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.exports import service
    from fopymes_server.exports.files import write_atomically
    from fopymes_server.exports.schemas import ExportFormat
    from fopymes_server.transactions.schemas import Kind, TransactionFilter

    try:
        chosen = ExportFormat(fmt.strip().lower())
    except ValueError:
        raise ValidationError("format", f"'{fmt}' is not csv, xlsx, ledger or beancount") from None
    try:
        wanted_kind = Kind(kind.lower()) if kind else None
    except ValueError:
        raise ValidationError("kind", f"'{kind}' is not income, expense or transfer") from None
    cli = state(ctx)
    today = cli.app.clock.today()
    start = parse_date(date_from, today, field="from") if date_from else None
    end = parse_date(date_to, today, field="to") if date_to else None
    if month:
        if start or end:
            raise ValidationError("month", "use either --month or --from/--to")
        start, end = parse_month(month)
    filters = TransactionFilter(
        date_from=start,
        date_to=end,
        category=category,
        payment_method=method,
        kind=wanted_kind,
        search=search,
        min_amount=min_amount,
        max_amount=max_amount,
    )
    if destination == "-" and chosen is ExportFormat.XLSX and sys.stdout.isatty():
        raise ValidationError("output", "an Excel file is binary; give --output FILE.xlsx")
    with cli.uow() as uow:
        principal = cli.principal(uow)
        if destination == "-":
            summary = service.export_transactions(
                uow, principal, fmt=chosen, out=sys.stdout.buffer, filters=filters
            )
            sys.stdout.flush()
        else:
            holder = []
            write_atomically(
                Path(destination),
                lambda out: holder.append(
                    service.export_transactions(
                        uow, principal, fmt=chosen, out=out, filters=filters
                    )
                ),
            )
            summary = holder[0]
    sums = "; ".join(
        f"{s.currency} income {s.income:,}, expenses {s.expense:,}"
        + (f", transfers {s.transfer:,}" if s.transfer else "")
        for s in summary.sums
    )
    where = "stdout" if destination == "-" else destination
    transfers = f", {summary.transfers:,} of them transfers" if summary.transfers else ""
    output.message(
        f"Exported {summary.rows:,} transactions to {where}{transfers}"
        + (f" ({sums})" if sums else "")
    )
