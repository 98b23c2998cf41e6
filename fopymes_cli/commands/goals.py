"""`fopymes goal`: savings goals, money into and out of them, plans and pace."""

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
    import datetime as dt

    from fopymes_server.goals.schemas import ContributionRecorded, GoalDetail, GoalOut

app = typer.Typer(help="Savings goals: targets, contributions, plans.", no_args_is_help=True)

GoalArg = Annotated[str, typer.Argument(help="Goal name (any case) or id.")]
AmountArg = Annotated[str, typer.Argument(help="Positive amount, e.g. 50.")]
DateOpt = Annotated[
    str | None, typer.Option("--date", "-d", help="YYYY-MM-DD, today or yesterday.")
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A note to keep with it.")]
ByOpt = Annotated[str | None, typer.Option("--by", help="Deadline, YYYY-MM-DD.")]
EveryOpt = Annotated[
    str | None, typer.Option("--every", help="Plan instalments every week, fortnight or month.")
]
CategoryOpt = Annotated[
    str | None,
    typer.Option("--category", "-c", help="Expense category the goal is filed under."),
]
AccountOpt = Annotated[
    str | None,
    typer.Option(
        "--account",
        help="Savings account contributions --from another account are moved to "
        "(default: '<goal> savings', opened by the first one).",
    ),
]

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Goal"),
    Column("status", "Status"),
    Column("saved", "Saved", justify="right"),
    Column("target", "Target", justify="right"),
    Column("currency", "Cur"),
    Column("bar", "Progress", fit=Fit.KEEP, optional=True),
    Column("deadline", "By"),
]
PLAN_COLUMNS = [Column("due", "Due"), Column("amount", "Amount", justify="right")]
HISTORY_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("amount", "Amount", justify="right"),
    Column("transaction_id", "Transaction", justify="right"),
    Column("note", "Note", fit=Fit.SHRINK),
]


def _record(goal: GoalOut) -> dict[str, Any]:
    """The table's row of a goal (JSON and CSV are the schema itself)."""
    record = goal.model_dump()
    record["bar"] = progress_bar(goal.percent_saved, width=16)
    return record


@app.command(
    epilog=examples(
        "fopymes goal add Holidays 1200 --by 2027-07-01 --every month",
        "fopymes goal add 'Emergency fund' 5000 --category 'Other expenses' --currency EUR",
        "fopymes goal add Bike 900 --open-account",
    )
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, unique in the workspace in any case.")],
    target: Annotated[str, typer.Argument(help="Amount to reach, e.g. 1500.")],
    by: ByOpt = None,
    every: EveryOpt = None,
    category: CategoryOpt = None,
    currency: Annotated[
        str | None, typer.Option(help="ISO 4217 code (default: the workspace's).")
    ] = None,
    account: AccountOpt = None,
    open_account: Annotated[
        bool, typer.Option("--open-account", help="Open its '<goal> savings' account now.")
    ] = False,
) -> None:
    """Start a savings goal; prints the new id on stdout."""
    from fopymes_server.goals import service
    from fopymes_server.goals.schemas import GoalCreate

    data = GoalCreate(
        name=name,
        target=target,
        currency=currency,
        deadline=by,
        frequency=every or "month",
        category=category,
        account=account,
        open_account=open_account,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        goal = service.add(uow, cli.principal(uow), data=data)
    output.data_line(str(goal.id))
    deadline = f" by {goal.deadline}" if goal.deadline else ""
    output.success(f"Goal '{goal.name}': {goal.target} {goal.currency}{deadline}.")


@app.command("list", epilog=examples("fopymes goal list", "fopymes goal list -o json"))
def list_goals(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Goals with what is saved of each."""
    from fopymes_server.goals import service

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_goals(uow, cli.principal(uow))
    from fopymes_server.goals.schemas import GoalOut

    output.emit_models(
        items,
        GoalOut,
        COLUMNS,
        fmt,
        table_record=_record,
        empty="No goals yet: fopymes goal add NAME TARGET",
    )


def _show_table(detail: GoalDetail) -> None:
    goal = detail.goal
    summary: dict[str, Any] = {
        "goal": f"{goal.name} ({goal.status.value})",
        "progress": progress_bar(goal.percent_saved),
        "saved": f"{goal.saved} of {goal.target} {goal.currency}",
        "remaining": goal.remaining,
        "deadline": goal.deadline or "none",
        "account": goal.account or "none yet",
        "owner": goal.owner,
        "milestones": ", ".join(f"{m.milestone}% on {m.reached_on}" for m in detail.milestones),
    }
    if detail.pace is not None:
        pace = detail.pace
        summary["next"] = f"{pace.required_per_period} every {goal.frequency.removesuffix('ly')}"
        summary["pace"] = (
            f"{'on track' if pace.on_track else 'behind'} "
            f"(the straight line is at {pace.expected_saved} today)"
        )
    if detail.suggestion is not None:
        hint = detail.suggestion
        eta = f", done about {hint.estimated_completion}" if hint.estimated_completion else ""
        summary["your pace"] = f"{hint.average_amount} every {hint.average_interval_days} days{eta}"
    output.emit_object(summary, OutputFormat.TABLE, title=f"Goal {goal.id}")
    if detail.plan:
        output.emit_records(
            [p.model_dump() for p in detail.plan], PLAN_COLUMNS, OutputFormat.TABLE, title="Plan"
        )
    output.emit_records(
        [c.model_dump() for c in detail.history],
        HISTORY_COLUMNS,
        OutputFormat.TABLE,
        title="Contributions",
        empty="No contributions yet.",
    )


@app.command(epilog=examples("fopymes goal show Holidays", "fopymes goal show 3 -o json"))
def show(ctx: typer.Context, goal: GoalArg, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """A goal with its progress bar, plan to the deadline and pace."""
    from fopymes_server.goals import service

    cli = state(ctx)
    with cli.uow() as uow:
        detail = service.show(uow, cli.principal(uow), goal)
    if fmt is OutputFormat.TABLE:
        _show_table(detail)
    elif fmt is OutputFormat.JSON:
        output.emit_model(detail, fmt)
    else:
        output.emit_model(detail.goal, fmt)


def _move(
    ctx: typer.Context,
    goal: str,
    amount: str,
    date: str | None,
    method: str | None,
    note: str | None,
    fmt: OutputFormat,
    *,
    withdraw: bool,
) -> None:
    """`goal contribute` and `goal withdraw`: the same record, in opposite directions."""
    from fopymes_server.goals import contributions
    from fopymes_server.goals.schemas import ContributionCreate

    data = ContributionCreate(amount=amount, date=date or "today", note=note, payment_method=method)
    move = contributions.withdraw if withdraw else contributions.contribute
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        result = move(uow, cli.principal(uow), goal, data=data)
    _report(result, "Withdrew" if withdraw else "Saved", fmt, today=cli.app.clock.today())


def _report(result: ContributionRecorded, verb: str, fmt: OutputFormat, *, today: dt.date) -> None:
    goal = result.goal
    if fmt is not OutputFormat.TABLE:
        output.emit_model(result, fmt)
        return
    amount = abs(result.contribution.amount)
    output.success(
        f"{verb} {amount} {goal.currency}: '{goal.name}' holds {goal.saved} of {goal.target} "
        f"({goal.percent_saved}%).",
        dates=[result.contribution.date],
        today=today,
    )
    for milestone in result.milestones_reached:
        output.success(f"Milestone: {milestone}% of '{goal.name}' reached.")


@app.command(
    epilog=examples(
        "fopymes goal contribute Holidays 150",
        "fopymes goal contribute Holidays 150 --from 'Bank account' --note 'November'",
    )
)
def contribute(
    ctx: typer.Context,
    goal: GoalArg,
    amount: AmountArg,
    date: DateOpt = None,
    from_method: Annotated[
        str | None,
        typer.Option(
            "--from",
            "--from-method",
            help="Also record the transfer from this account to the goal's savings account.",
        ),
    ] = None,
    note: NoteOpt = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Put money into a goal."""
    _move(ctx, goal, amount, date, from_method, note, fmt, withdraw=False)


@app.command(
    epilog=examples(
        "fopymes goal withdraw Holidays 80",
        "fopymes goal withdraw Holidays 80 --to Cash --date yesterday",
    )
)
def withdraw(
    ctx: typer.Context,
    goal: GoalArg,
    amount: AmountArg,
    date: DateOpt = None,
    to_method: Annotated[
        str | None,
        typer.Option(
            "--to",
            "--to-method",
            help="Also record the transfer from the goal's savings account to this account.",
        ),
    ] = None,
    note: NoteOpt = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Take money out of a goal (never more than it holds)."""
    _move(ctx, goal, amount, date, to_method, note, fmt, withdraw=True)


@app.command(
    epilog=examples(
        "fopymes goal edit Holidays --target 1500 --by 2027-08-01",
        "fopymes goal edit Holidays --no-deadline --no-category",
    )
)
def edit(
    ctx: typer.Context,
    goal: GoalArg,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    target: Annotated[str | None, typer.Option(help="New target amount.")] = None,
    by: ByOpt = None,
    no_deadline: Annotated[bool, typer.Option("--no-deadline", help="Drop the deadline.")] = False,
    every: EveryOpt = None,
    category: CategoryOpt = None,
    no_category: Annotated[bool, typer.Option("--no-category", help="Clear the category.")] = False,
    account: AccountOpt = None,
) -> None:
    """Change a goal's name, target, deadline, frequency, category or savings account."""
    from fopymes_server.goals import service
    from fopymes_server.goals.schemas import GoalUpdate

    changes = GoalUpdate(
        name=name,
        target=target,
        deadline=by,
        clear_deadline=no_deadline,
        frequency=every,
        category=category,
        clear_category=no_category,
        account=account,
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        updated = service.edit(uow, cli.principal(uow), goal, changes=changes)
    output.success(f"Updated goal '{updated.name}'.")


@app.command(
    epilog=examples("fopymes goal cancel Holidays", "fopymes goal cancel Holidays --restore")
)
def cancel(
    ctx: typer.Context,
    goal: GoalArg,
    restore: Annotated[bool, typer.Option("--restore", help="Make it active again.")] = False,
) -> None:
    """Cancel a goal; its history stays (--restore undoes)."""
    from fopymes_server.goals import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        result = service.cancel(uow, cli.principal(uow), goal, restore=restore)
    output.success(f"{'Restored' if restore else 'Cancelled'} goal '{result.name}'.")


@app.command("rm", epilog=examples("fopymes goal rm Holidays --yes"))
def remove(ctx: typer.Context, goal: GoalArg, yes: YesOpt = False) -> None:
    """Delete a goal, its contributions and the transfers they recorded (asks first)."""
    from fopymes_server.goals import service

    cli = state(ctx)
    with cli.uow() as uow:
        found = service.show(uow, cli.principal(uow), goal).goal
    question = (
        f"Delete goal '{found.name}' with {found.contributions} contribution(s) "
        "and the transactions they recorded?"
    )
    prompts.confirm_delete(question, assume_yes=yes)
    with cli.uow(write=True) as uow:
        service.remove(uow, cli.principal(uow), found.id)
    output.success(f"Deleted goal '{found.name}'.")
