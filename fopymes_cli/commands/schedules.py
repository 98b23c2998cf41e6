"""`fopymes schedule`: recurring incomes and expenses, their reminders and the forecast."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.commands import schedule_occurrences
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.scheduled.schemas import (
        ForecastItemOut,
        ForecastOut,
        ScheduleDetailOut,
        ScheduleOut,
    )

app = typer.Typer(help="Scheduled (recurring) transactions.", no_args_is_help=True)

ScheduleArg = Annotated[str, typer.Argument(help="Schedule name or id.")]
CategoryOpt = Annotated[str | None, typer.Option("--category", "-c", help="Category name or id.")]
MethodOpt = Annotated[
    str | None,
    typer.Option(
        "--account", "--method", "-m", "--from", help="Account name or id (a transfer leaves it)."
    ),
]
EveryOpt = Annotated[
    str | None,
    typer.Option(help="day, week, 2 weeks, month, 3 months, year (or daily, monthly, ...)."),
]
OnOpt = Annotated[str | None, typer.Option("--on", help="Weekdays of a weekly rule: mon,thu.")]
DayOpt = Annotated[
    str | None, typer.Option(help="Day of the month, 1-31 (clamped to short months) or last.")
]
UntilOpt = Annotated[str | None, typer.Option(help="Last possible date (inclusive).")]
CountOpt = Annotated[int | None, typer.Option(help="Number of occurrences.", min=1)]
DescriptionOpt = Annotated[
    str | None, typer.Option("--description", "-D", help="Description of the transactions.")
]

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Name"),
    Column("signed", "Amount", justify="right"),
    Column("currency", "Cur"),
    Column("rule", "Rule"),
    Column("next_due", "Next"),
    Column("mode", "Mode"),
    Column("state", "State"),
]
FORECAST_COLUMNS = [
    Column("date", "Date"),
    Column("schedule", "Schedule"),
    Column("payment_method", "Method"),
    Column("signed", "Amount", justify="right"),
    Column("balance", "Balance", justify="right"),
    Column("flag", ""),
]


def _table_record(schedule: ScheduleOut) -> dict[str, Any]:
    record = schedule.model_dump()
    sign = {"expense": "-", "income": "+"}.get(schedule.kind.value, "")
    record["signed"] = f"{sign}{schedule.amount:,}"
    record["state"] = (
        "paused" if schedule.paused else ("ended" if schedule.next_due is None else "active")
    )
    return record


@app.command(
    epilog=examples(
        "fopymes schedule add Rent 950 -c Housing -m 'Bank account' --every month --day 1",
        "fopymes schedule add Salary 2450 --income -c Salary --every month --day last",
        "fopymes schedule add Power 60 -c Utilities --every month --day 20 --remind",
        "fopymes schedule add 'To savings' 200 --from 'Bank account' --to Savings --day 1",
    )
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the schedule, e.g. Rent.")],
    amount: Annotated[str, typer.Argument(help="Positive amount of each occurrence.")],
    category: CategoryOpt = None,
    method: MethodOpt = None,
    income: Annotated[
        bool, typer.Option("--income", help="Money in (default: an expense).")
    ] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="A transfer: the account it reaches (from --from, in its currency)."
        ),
    ] = None,
    every: EveryOpt = "month",
    on: OnOpt = None,
    day: DayOpt = None,
    start: Annotated[
        str, typer.Option(help="First possible date; a past one is caught up.")
    ] = "today",
    until: UntilOpt = None,
    count: CountOpt = None,
    remind: Annotated[
        bool, typer.Option("--remind", help="Notify on each date instead of recording it.")
    ] = False,
    description: DescriptionOpt = None,
    currency: Annotated[
        str | None, typer.Option(help="ISO 4217 code (default: the workspace's).")
    ] = None,
    backfill: Annotated[
        bool,
        typer.Option(
            "--backfill",
            help="Allow more than 366 dates before today (up to 3660); all are recorded.",
        ),
    ] = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Plan a recurring expense (or --income, or a transfer --to an account); prints the new
    id on stdout."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.scheduled import service
    from fopymes_server.scheduled.schemas import ScheduleCreate, ScheduleMode
    from fopymes_server.transactions.schemas import Kind

    if income and to is not None:
        raise ValidationError("kind", "a transfer (--to) is not an income: give one of them")
    cli = state(ctx)
    data = ScheduleCreate(
        name=name,
        amount=amount,
        kind=Kind.TRANSFER if to is not None else Kind.INCOME if income else Kind.EXPENSE,
        currency=currency,
        category=category,
        payment_method=method,
        to_account=to,
        description=description,
        every=every or "month",
        on=on,
        day=day,
        start=start,
        until=until,
        count=count,
        mode=ScheduleMode.REMIND if remind else ScheduleMode.POST,
        backfill=backfill,
    )
    with cli.uow(write=True) as uow:
        created = service.create(uow, cli.principal(uow), data=data)
    if fmt is OutputFormat.TABLE:
        output.data_line(str(created.id))
        output.success(
            f"Planned '{created.name}': {created.rule}; next on {created.next_due}.",
            dates=[created.start],
            today=cli.app.clock.today(),
        )
    else:
        output.emit_model(created, fmt)


@app.command("list", epilog=examples("fopymes schedule list", "fopymes schedule list -o json"))
def list_schedules(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """List every schedule with its rule, next date and state."""
    from fopymes_server.scheduled import service
    from fopymes_server.scheduled.schemas import ScheduleOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_schedules(uow, cli.principal(uow))
    output.emit_models(
        items, ScheduleOut, COLUMNS, fmt, table_record=_table_record, empty="No schedules yet."
    )


@app.command(epilog=examples("fopymes schedule show Rent", "fopymes schedule show 2 -o json"))
def show(ctx: typer.Context, schedule: ScheduleArg, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Show one schedule and its next 10 dates."""
    from fopymes_server.scheduled import service

    cli = state(ctx)
    with cli.uow() as uow:
        detail = service.show(uow, cli.principal(uow), schedule)
    output.emit_model(detail, fmt, title=f"Schedule {detail.id}", table_record=_detail_record)


def _detail_record(detail: ScheduleDetailOut) -> dict[str, Any]:
    record = detail.model_dump()
    record["next_dates"] = ", ".join(d.isoformat() for d in detail.next_dates) or "none"
    return record


@app.command(
    epilog=examples(
        "fopymes schedule edit Rent --amount 990",
        "fopymes schedule edit Gym --every week --on mon,thu --count 20",
    )
)
def edit(
    ctx: typer.Context,
    schedule: ScheduleArg,
    amount: Annotated[str | None, typer.Option(help="New amount.")] = None,
    category: CategoryOpt = None,
    method: MethodOpt = None,
    description: DescriptionOpt = None,
    every: EveryOpt = None,
    on: OnOpt = None,
    day: DayOpt = None,
    until: UntilOpt = None,
    count: Annotated[int | None, typer.Option(help="This many more occurrences.", min=1)] = None,
    forever: Annotated[bool, typer.Option("--forever", help="Drop the end date or count.")] = False,
    mode: Annotated[str | None, typer.Option(help="post or remind.")] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Change a schedule from today on; dates already due keep the old terms."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.scheduled import service_edit
    from fopymes_server.scheduled.schemas import ScheduleMode, ScheduleUpdate

    try:
        new_mode = ScheduleMode(mode.lower()) if mode else None
    except ValueError:
        raise ValidationError("mode", f"'{mode}' is not post or remind") from None
    changes = ScheduleUpdate(
        amount=amount,
        category=category,
        payment_method=method,
        description=description,
        every=every,
        on=on,
        day=day,
        until=until,
        count=count,
        forever=forever,
        mode=new_mode,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        updated = service_edit.edit(uow, cli.principal(uow), schedule, changes=changes)
    if fmt is OutputFormat.TABLE:
        output.success(f"Updated '{updated.name}': {updated.rule}; next on {updated.next_due}.")
    else:
        output.emit_model(updated, fmt)


@app.command(epilog=examples("fopymes schedule pause Gym"))
def pause(ctx: typer.Context, schedule: ScheduleArg) -> None:
    """Stop creating occurrences until resumed."""
    from fopymes_server.scheduled import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        paused = service.pause(uow, cli.principal(uow), schedule)
    output.success(f"Paused '{paused.name}'.")


@app.command(epilog=examples("fopymes schedule resume Gym"))
def resume(ctx: typer.Context, schedule: ScheduleArg) -> None:
    """Resume from today (dates inside the pause are not caught up)."""
    from fopymes_server.scheduled import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        resumed = service.resume(uow, cli.principal(uow), schedule)
    output.success(f"Resumed '{resumed.name}'; next on {resumed.next_due}.")


@app.command("skip-next", epilog=examples("fopymes schedule skip-next Rent"))
def skip_next(ctx: typer.Context, schedule: ScheduleArg) -> None:
    """Skip the next occurrence of a schedule."""
    from fopymes_server.scheduled import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        day = service.skip_next(uow, cli.principal(uow), schedule)
    output.success(f"Skipped the occurrence of {day}.")


@app.command("rm", epilog=examples("fopymes schedule rm Gym --yes"))
def remove(ctx: typer.Context, schedule: ScheduleArg, yes: YesOpt = False) -> None:
    """Delete a schedule (asks first unless --yes); its past transactions stay."""
    from fopymes_server.scheduled import service

    cli = state(ctx)
    with cli.uow() as uow:
        found = service.show(uow, cli.principal(uow), schedule, dates=0)
    prompts.confirm_delete(f"Delete the schedule '{found.name}'?", assume_yes=yes)
    with cli.uow(write=True) as uow:
        service.remove(uow, cli.principal(uow), found.id)
    output.success(f"Deleted the schedule '{found.name}'; its transactions stay.")


@app.command(
    epilog=examples("fopymes schedule upcoming", "fopymes schedule upcoming --days 45 -o json")
)
def upcoming(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(help="How many days ahead.", min=1, max=366)] = 30,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Forecast: planned transactions and each payment method's running balance."""
    from fopymes_server.scheduled import forecast
    from fopymes_server.scheduled.schemas import ForecastItemOut

    cli = state(ctx)
    with cli.uow() as uow:
        planned = forecast.upcoming(uow, cli.principal(uow), days=days)
    if fmt is OutputFormat.JSON:
        output.emit_model(planned, fmt)
        return
    output.emit_models(
        planned.items,
        ForecastItemOut,
        FORECAST_COLUMNS,
        fmt,
        table_record=_forecast_record,
        empty=f"Nothing planned until {planned.end}.",
        footer=lambda: _print_methods(planned),
    )


def _forecast_record(item: ForecastItemOut) -> dict[str, Any]:
    row = item.model_dump()
    row["signed"] = f"{item.change:+,}"
    row["balance"] = f"{item.balance:,} {item.currency}"
    row["flag"] = "<- lowest" if item.lowest else ""
    return row


def _print_methods(planned: ForecastOut) -> None:
    from fopymes_server.core.money import format_money

    for method in planned.methods:
        low = (
            f"lowest {format_money(method.lowest, method.currency)} on {method.lowest_date}"
            if method.lowest_date
            else "never below today's balance"
        )
        output.message(
            f"{method.payment_method or 'No method'}: "
            f"{format_money(method.opening, method.currency)} today, {low}, "
            f"{format_money(method.closing, method.currency)} on {planned.end}"
        )


schedule_occurrences.register(app)
