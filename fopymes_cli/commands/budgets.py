"""`fopymes budget`: spending limits per category and period, and how they stand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output, prompts
from fopymes_cli.bars import progress_bar
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat
from fopymes_cli.table_fit import Fit

if TYPE_CHECKING:
    from fopymes_server.budgets.schemas import BudgetOut, BudgetStatusOut

app = typer.Typer(help="Budgets: spending limits per category and period.", no_args_is_help=True)

CategoryArg = Annotated[
    str, typer.Argument(help="Expense category (name or id), or 'all' for every expense.")
]

# A category's name gives way first, down to `table_fit.SHRUNK` cells: "All expenses" whole.
LIST_COLUMNS = [
    Column("category", "Category", fit=Fit.SHRINK),
    Column("limit", "Limit", justify="right"),
    Column("currency", "Cur"),
    Column("period_text", "Period"),
    Column("rollover_text", "Rollover"),
    Column("alerts", "Alerts", optional=True),
    Column("since", "Since", optional=True),
]
STATUS_COLUMNS = [
    Column("category", "Category", fit=Fit.SHRINK),
    Column("period", "Period", fit=Fit.KEEP),
    Column("limit", "Limit", justify="right"),
    Column("spent", "Spent", justify="right"),
    Column("remaining", "Left", justify="right"),
    Column("verdict", "Outlook", fit=Fit.KEEP),
    Column("projected_spend", "Projected", justify="right", optional=True),
    Column("bar", "Used", fit=Fit.KEEP, optional=True),
    Column("days_left", "Days", justify="right", optional=True),
    Column("alert", "Alert", optional=True),
]


def category_ref(text: str) -> str | None:
    """`all` (any case) means every expense; anything else names a category."""
    return None if text.strip().lower() == "all" else text


def _period_text(budget: BudgetOut) -> str:
    kind = budget.period.value
    if kind == "monthly":
        return kind if budget.anchor_day == 1 else f"monthly from day {budget.anchor_day}"
    if kind in ("quarterly", "yearly") and (budget.anchor_day, budget.anchor_month) != (1, 1):
        return f"{kind} from {budget.anchor_month:02d}-{budget.anchor_day:02d}"
    if budget.anchor_date is not None:
        return f"{kind} from {budget.anchor_date}"
    return kind


def _budget_record(budget: BudgetOut) -> dict[str, Any]:
    """The table's row of a budget (JSON and CSV are the schema itself)."""
    record = budget.model_dump(exclude={"limits"})
    record["period_text"] = _period_text(budget)
    cap = budget.rollover_cap
    cap_text = f" (cap {output.amount_text(cap)})" if cap is not None else ""
    record["rollover_text"] = f"{budget.rollover.value}{cap_text}"
    record["alerts"] = ", ".join(f"{t}%" for t in budget.thresholds)
    record["since"] = budget.limits[0].effective_from
    return record


def status_record(item: BudgetStatusOut) -> dict[str, Any]:
    """The table's row of a status (JSON and CSV are the schema itself)."""
    record = item.model_dump()
    record["period"] = output.date_span(item.period_start, item.period_end)
    record["bar"] = progress_bar(item.percent_used, width=10)
    record["alert"] = f"{item.alerts_crossed[-1]}%" if item.alerts_crossed else ""
    return record


@app.command(
    "set",
    epilog=examples(
        "fopymes budget set Groceries 400",
        "fopymes budget set all 2000 --anchor-day 25",
        "fopymes budget set Restaurants 150 --rollover unspent --cap 50 --alert 50,80,100",
    ),
)
def set_budget(
    ctx: typer.Context,
    category: CategoryArg,
    amount: Annotated[str, typer.Argument(help="The limit per period, e.g. 400.")],
    period: Annotated[
        str | None,
        typer.Option(help="weekly, fortnightly, monthly (default), quarterly or yearly."),
    ] = None,
    anchor_day: Annotated[
        int | None,
        typer.Option(help="Day of the month periods start on (e.g. 25 for payday); 1..31."),
    ] = None,
    anchor_month: Annotated[
        int | None, typer.Option(help="Month quarterly/yearly periods start in (1..12).")
    ] = None,
    anchor_date: Annotated[
        str | None, typer.Option(help="First day of one weekly/fortnightly period.")
    ] = None,
    rollover: Annotated[
        str | None, typer.Option(help="none (default), unspent, overspent or both.")
    ] = None,
    cap: Annotated[str | None, typer.Option("--cap", help="Most that rolls over.")] = None,
    no_cap: Annotated[bool, typer.Option("--no-cap", help="Remove the rollover cap.")] = False,
    alert: Annotated[
        str | None, typer.Option(help="Alert thresholds in percent (default 80,100).")
    ] = None,
    effective_from: Annotated[
        str | None,
        typer.Option("--from", help="The limit applies from the period containing this date."),
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="ISO 4217 code of a new budget (default: workspace's).")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Create the budget of a category, or change its limit from the current period on."""
    from fopymes_server.budgets import service
    from fopymes_server.budgets.schemas import BudgetSet

    data = BudgetSet(
        category=category_ref(category),
        amount=amount,
        currency=currency,
        period=period,
        anchor_day=anchor_day,
        anchor_month=anchor_month,
        anchor_date=anchor_date,
        rollover=rollover,
        rollover_cap=cap,
        clear_rollover_cap=no_cap,
        thresholds=alert,
        effective_from=effective_from or "today",
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        budget = service.set_budget(uow, cli.principal(uow), data=data)
    if fmt is OutputFormat.TABLE:
        from fopymes_server.core.money import format_money

        output.success(
            f"Budget for {budget.category}: {format_money(budget.limit, budget.currency)} "
            f"{_period_text(budget)}."
        )
    else:
        output.emit_model(budget, fmt)


@app.command("list", epilog=examples("fopymes budget list", "fopymes budget list -o json"))
def list_budgets(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Budgets with their current limit, period, rollover and alerts."""
    from fopymes_server.budgets import service

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_budgets(uow, cli.principal(uow))
    from fopymes_server.budgets.schemas import BudgetOut

    output.emit_models(
        items,
        BudgetOut,
        LIST_COLUMNS,
        fmt,
        table_record=_budget_record,
        empty="No budgets yet: fopymes budget set CATEGORY AMOUNT",
    )


@app.command(
    epilog=examples(
        "fopymes budget status",
        "fopymes budget status --period 2026-10",
        "fopymes budget status --date 2026-06-15 -o json",
    )
)
def status(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            help="YYYY-MM: every budget over that month's dates (pro rata where a period "
            "runs past them), as in that month's report."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Each budget's period containing this date.")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """How every budget stands in its current period (or another one)."""
    from fopymes_server.budgets import status as budget_status
    from fopymes_server.budgets.schemas import BudgetStatusOut
    from fopymes_server.core.dates import parse_date, parse_month
    from fopymes_server.core.errors import ValidationError

    cli = state(ctx)
    if period and date:
        raise ValidationError("period", "use either --period or --date")
    with cli.uow() as uow:
        principal = cli.principal(uow)
        if period:
            items = budget_status.in_range(uow, principal, *parse_month(period, field="period"))
        else:
            on = parse_date(date, cli.app.clock.today()) if date else None
            items = budget_status.status(uow, principal, on=on)
    output.emit_models(
        items,
        BudgetStatusOut,
        STATUS_COLUMNS,
        fmt,
        table_record=status_record,
        empty="No budget covers that period: fopymes budget set CATEGORY AMOUNT",
        footer=_prorata_note if any(item.prorated for item in items) else None,
    )


def _prorata_note() -> None:
    # The report's note, said of the month asked for: `budget status` is not a report.
    from fopymes_server.reports.schemas import PRORATA_NOTE

    output.message(PRORATA_NOTE.replace("the report's dates", "the month's dates"))


@app.command(
    epilog=examples(
        "fopymes budget history Groceries", "fopymes budget history all --last 6 -o csv"
    )
)
def history(
    ctx: typer.Context,
    category: CategoryArg,
    last: Annotated[int, typer.Option(help="How many periods, ending with the current one.")] = 12,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """A budget period by period, each with the limit it had then."""
    from fopymes_server.budgets import status as budget_status
    from fopymes_server.budgets.schemas import BudgetStatusOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = budget_status.history(uow, cli.principal(uow), category_ref(category), last=last)
    output.emit_models(
        items,
        BudgetStatusOut,
        STATUS_COLUMNS,
        fmt,
        table_record=status_record,
        empty="The budget has no periods yet.",
    )


@app.command(
    "rm", epilog=examples("fopymes budget rm Restaurants", "fopymes budget rm Restaurants --yes")
)
def remove(ctx: typer.Context, category: CategoryArg, yes: YesOpt = False) -> None:
    """Delete a budget and its limit history (asks first unless --yes)."""
    from fopymes_server.budgets import service

    cli = state(ctx)
    ref = category_ref(category)
    with cli.uow() as uow:
        budget = service.get(uow, cli.principal(uow), ref)
    prompts.confirm_delete(f"Delete the budget for {budget.category}?", assume_yes=yes)
    with cli.uow(write=True) as uow:
        service.remove(uow, cli.principal(uow), ref)
    output.success(f"Deleted the budget for {budget.category}.")
