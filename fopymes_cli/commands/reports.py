"""`fopymes report`: show a period's report, export it for cron, e-mail it on a schedule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.reports.periods import ReportPeriod
    from fopymes_server.reports.schemas import ReportBy, ReportData

app = typer.Typer(help="Reports of a period: terminal, PDF, Excel, CSV.", no_args_is_help=True)
schedule_app = typer.Typer(help="Reports e-mailed on a calendar.", no_args_is_help=True)
app.add_typer(schedule_app, name="schedule")

PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="this-month, last-month, this-quarter, last-quarter, this-year, last-year, ytd, "
        "last-12-months, or YYYY-MM, YYYYQn, YYYY, FROM..TO.",
    ),
]
MonthOpt = Annotated[str | None, typer.Option("--month", help="A month, YYYY-MM.")]
QuarterOpt = Annotated[str | None, typer.Option("--quarter", help="A quarter, e.g. 2026Q3.")]
YearOpt = Annotated[str | None, typer.Option("--year", help="A calendar year, YYYY.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="First day (inclusive).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last day (inclusive; default today).")]
FormatArg = Annotated[str, typer.Option("--format", "-f", help="pdf, xlsx or csv.")]
TableOpt = Annotated[
    str | None, typer.Option("--table", help="CSV: only this table (e.g. expenses_by_category).")
]


def _period(
    ctx: typer.Context,
    period: str | None,
    month: str | None,
    quarter: str | None,
    year: str | None,
    date_from: str | None,
    date_to: str | None,
) -> ReportPeriod:
    from fopymes_server.reports.periods import resolve

    return resolve(
        state(ctx).app.clock.today(),
        period=period,
        month_text=month,
        quarter_text=quarter,
        year_text=year,
        date_from=date_from,
        date_to=date_to,
    )


def _format(text: str) -> object:
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.reports.schemas import ReportFormat

    try:
        return ReportFormat(text.strip().lower())
    except ValueError:
        raise ValidationError("format", f"'{text}' is not pdf, xlsx or csv") from None


def _summary_line(report: ReportData) -> str:
    k = report.kpis
    return (
        f"{report.workspace} {report.period.label}: income {k.income:,} {report.currency}, "
        f"expenses {k.expense:,}, net {k.net:,}"
    )


@app.command(
    epilog=examples(
        "fopymes report show",
        "fopymes report show --period last-month",
        "fopymes report show --quarter 2026Q3 -o json",
        "fopymes report show --by payee --year 2026",
        "fopymes report show --by tag --period last-month --limit 5",
    )
)
def show(
    ctx: typer.Context,
    period: PeriodOpt = None,
    month: MonthOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="category (the whole report), payee or tag (the largest of the period).",
        ),
    ] = "category",
    limit: Annotated[
        int, typer.Option(help="With --by payee|tag: lines per currency.", min=1, max=1000)
    ] = 20,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Show the report of a period (this month by default) in the terminal, or as JSON;
    --by payee or --by tag lists the period's largest payees or tags instead."""
    from fopymes_server.reports import service
    from fopymes_server.reports.schemas import ReportBy

    cli = state(ctx)
    chosen = _period(ctx, period, month, quarter, year, date_from, date_to)
    grouping = _by(by)
    if grouping is not ReportBy.CATEGORY:
        _show_largest(ctx, chosen, grouping, limit, fmt)
        return
    with cli.uow() as uow:
        report = service.show(uow, cli.principal(uow), period=chosen)
    if fmt is OutputFormat.TABLE:
        from fopymes_cli.report_view import renderables

        output.emit_renderables(renderables(report))
    elif fmt is OutputFormat.JSON:
        output.emit_model(report, fmt)
    else:
        from fopymes_server.reports.schemas import Kpis

        output.emit_models([report.kpis], Kpis, [], fmt)


def _by(text: str) -> ReportBy:
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.reports.schemas import ReportBy

    try:
        return ReportBy(text.strip().lower())
    except ValueError:
        raise ValidationError("by", f"'{text}' is not category, payee or tag") from None


def _show_largest(
    ctx: typer.Context, chosen: ReportPeriod, by: ReportBy, limit: int, fmt: OutputFormat
) -> None:
    from fopymes_server.reports import labels
    from fopymes_server.reports.schemas import GroupLine

    cli = state(ctx)
    with cli.uow() as uow:
        report = labels.largest(uow, cli.principal(uow), period=chosen, by=by, limit=limit)
    if fmt is OutputFormat.JSON:
        output.emit_model(report, fmt)
        return
    none = "(no payee)" if by.value == "payee" else "(untagged)"
    columns = [
        Column("name", by.value.capitalize()),
        Column("currency", "Cur"),
        Column("expense", "Expenses", justify="right"),
        Column("income", "Income", justify="right"),
        Column("count", "Rows", justify="right"),
    ]
    output.emit_models(
        report.lines,
        GroupLine,
        columns,
        fmt,
        table_record=lambda line: {**line.model_dump(), "name": line.name or none},
        title=f"{report.workspace} {report.period.label}: largest by {by.value}",
        empty=f"Nothing recorded in {report.period.label}.",
    )


@app.command(
    "export",
    epilog=examples(
        "fopymes report export --period last-month --format pdf --output ~/reports",
        "fopymes report export --year 2026 --format xlsx",
        "fopymes report export --month 2026-10 --format csv --table expenses_by_category "
        "--email-to accountant@example.com",
    ),
)
def export(
    ctx: typer.Context,
    fmt: FormatArg = "pdf",
    destination: Annotated[
        Path | None,
        typer.Option("--output", "-O", help="File or directory (default: current directory)."),
    ] = None,
    table: TableOpt = None,
    email_to: Annotated[
        str | None, typer.Option("--email-to", help="Also e-mail the report to this address.")
    ] = None,
    period: PeriodOpt = None,
    month: MonthOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
) -> None:
    """Write a report file for cron: no prompts, no colour, one summary line on stderr.

    Exit code 0 when written (and queued), 1 when refused, 2 for bad options.
    """
    from fopymes_server.reports import service, service_email
    from fopymes_server.reports.schemas import ReportFormat

    cli = state(ctx)
    chosen_format = _format(fmt)
    assert isinstance(chosen_format, ReportFormat)
    chosen = _period(ctx, period, month, quarter, year, date_from, date_to)
    written: list[Path] = []
    with cli.uow(write=bool(email_to)) as uow:
        principal = cli.principal(uow)
        report = service.show(uow, principal, period=chosen)
        if email_to:
            # Queued first: a refusal (a viewer, a bad address) leaves no file behind.
            service_email.email_report(
                uow, principal, report=report, fmt=chosen_format, to=email_to, table=table
            )
        if destination is not None or email_to is None:
            written = service.export_files(
                uow, principal, report, chosen_format, destination or Path("."), table=table
            )
    where = (
        f"{len(written)} files in {written[0].parent}"
        if len(written) > 1
        else str(written[0])
        if written
        else ""
    )
    sent = f"; queued for {email_to}" if email_to else ""
    output.message(f"{_summary_line(report)}; wrote {where or 'no file'}{sent}")


SCHEDULE_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("frequency", "Every"),
    Column("period", "Period"),
    Column("format", "Format"),
    Column("to", "To"),
    Column("next_run_on", "Next"),
]


NETWORTH_COLUMNS = [
    Column("month", "Month"),
    Column("currency", "Currency"),
    Column("assets", "Assets", justify="right"),
    Column("liabilities", "Liabilities", justify="right"),
    Column("net_worth", "Net worth", justify="right"),
]


@app.command(
    "networth",
    epilog=examples(
        "fopymes report networth --monthly",
        "fopymes report networth --monthly --from 2022-01-01 --to 2026-12-31 -o csv",
    ),
)
def networth(
    ctx: typer.Context,
    monthly: Annotated[
        bool, typer.Option("--monthly", help="One line per month end (the only view so far).")
    ] = True,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Assets, liabilities and net worth per currency at every month end (default: 12 months)."""
    from fopymes_server.accounts import networth as service
    from fopymes_server.core.dates import parse_date

    cli = state(ctx)
    today = cli.app.clock.today()
    start = parse_date(date_from, today, field="from") if date_from else None
    end = parse_date(date_to, today, field="to") if date_to else None
    with cli.uow() as uow:
        rows = service.monthly(uow, cli.principal(uow), start=start, end=end)
    from fopymes_server.accounts.schemas import MonthNetWorth

    output.emit_models(rows, MonthNetWorth, NETWORTH_COLUMNS, fmt, title="Net worth by month")


@schedule_app.command(
    "add",
    epilog=examples(
        "fopymes report schedule add --monthly --to accountant@example.com",
        "fopymes report schedule add --quarterly --to partner@example.com --format xlsx",
    ),
)
def schedule_add(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="E-mail address to send it to.")],
    monthly: Annotated[
        bool, typer.Option("--monthly", help="Last month's report, each 1st.")
    ] = False,
    quarterly: Annotated[
        bool, typer.Option("--quarterly", help="Last quarter's report, each quarter's 1st day.")
    ] = False,
    yearly: Annotated[
        bool, typer.Option("--yearly", help="Last year's report, each 1 January.")
    ] = False,
    fmt: FormatArg = "pdf",
) -> None:
    """E-mail a report on a calendar (the scheduler sends it, catching up missed ones)."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.reports import schedules
    from fopymes_server.reports.schemas import ReportFormat

    chosen = [
        name
        for name, flag in (("monthly", monthly), ("quarterly", quarterly), ("yearly", yearly))
        if flag
    ]
    if len(chosen) != 1:
        raise ValidationError("frequency", "give exactly one of --monthly, --quarterly, --yearly")
    chosen_format = _format(fmt)
    assert isinstance(chosen_format, ReportFormat)
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        created = schedules.add(
            uow, cli.principal(uow), frequency=chosen[0], fmt=chosen_format, to=to
        )
    output.data_line(str(created.id))
    output.success(
        f"Scheduled a {created.frequency} {created.format} report to {created.to}; "
        f"first on {created.next_run_on}."
    )


@schedule_app.command("list", epilog=examples("fopymes report schedule list"))
def schedule_list(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """The workspace's report schedules."""
    from fopymes_server.reports import schedules
    from fopymes_server.reports.schemas import ReportScheduleOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = schedules.list_schedules(uow, cli.principal(uow))
    output.emit_models(
        items,
        ReportScheduleOut,
        SCHEDULE_COLUMNS,
        fmt,
        empty="No report schedules.",
    )


@schedule_app.command("rm", epilog=examples("fopymes report schedule rm 2"))
def schedule_rm(
    ctx: typer.Context, schedule_id: Annotated[int, typer.Argument(help="Schedule id.")]
) -> None:
    """Stop a report schedule."""
    from fopymes_server.reports import schedules

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        schedules.remove(uow, cli.principal(uow), schedule_id)
    output.success(f"Removed report schedule {schedule_id}.")
