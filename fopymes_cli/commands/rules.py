"""`fopymes rule`: categorisation rules that imports apply to each line, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.imports.apply_schemas import RuleApplyOut, RuleChangeOut

app = typer.Typer(
    help="Categorisation rules, run by imports and by rule apply.",
    no_args_is_help=True,
)

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("position", "#", justify="right"),
    Column("condition", "If"),
    Column("set_category", "Category"),
    Column("set_method", "Method"),
    Column("set_description", "Description"),
    Column("set_payee", "Payee", optional=True),
    Column("add_tags", "Tags", optional=True),
]


@app.command(
    "add",
    epilog=examples(
        "fopymes rule add --if 'description ~ \"MERCADONA|CARREFOUR\"' --set-category Groceries",
        "fopymes rule add --if 'amount > 500 and kind = \"expense\"' --set-description 'Large "
        "purchase'",
        "fopymes rule add --if 'description ~ \"UBER\"' --set-payee Uber --add-tag travel",
    ),
)
def add(
    ctx: typer.Context,
    condition: Annotated[
        str,
        typer.Option(
            "--if",
            help="Condition, e.g. 'description ~ \"MERCADONA|CARREFOUR\"' or "
            "'amount > 100 and kind = \"expense\"'.",
        ),
    ],
    set_category: Annotated[
        str | None, typer.Option("--set-category", help="Category to give matching lines.")
    ] = None,
    set_method: Annotated[
        str | None, typer.Option("--set-method", help="Payment method to give them.")
    ] = None,
    set_description: Annotated[
        str | None, typer.Option("--set-description", help="Description to give them.")
    ] = None,
    set_payee: Annotated[
        str | None, typer.Option("--set-payee", help="Payee to give them (found or created).")
    ] = None,
    add_tags: Annotated[
        list[str] | None, typer.Option("--add-tag", help="Tag to add to them; repeat for more.")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Add a rule at the end of the list; prints its id."""
    from fopymes_server.imports import service_rules
    from fopymes_server.imports.schemas import RuleCreate

    data = RuleCreate(
        condition=condition,
        set_category=set_category,
        set_method=set_method,
        set_description=set_description,
        set_payee=set_payee,
        add_tags=add_tags or [],
    )
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        created = service_rules.add_rule(uow, cli.principal(uow), data=data)
    if fmt is OutputFormat.TABLE:
        output.data_line(str(created.id))
        output.success(f"Added rule {created.id} (runs #{created.position}).")
    else:
        output.emit_model(created, fmt)


@app.command("list", epilog=examples("fopymes rule list"))
def list_rules(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Rules in the order imports apply them (a later match overrides an earlier one)."""
    from fopymes_server.imports import service_rules
    from fopymes_server.imports.schemas import RuleOut

    cli = state(ctx)
    with cli.uow() as uow:
        rules = service_rules.list_rules(uow, cli.principal(uow))
    output.emit_models(rules, RuleOut, COLUMNS, fmt, empty="No rules yet.")


@app.command("rm", epilog=examples("fopymes rule rm 4"))
def remove(ctx: typer.Context, rule_id: Annotated[int, typer.Argument(help="Rule id.")]) -> None:
    """Delete a rule; transactions it categorised keep their category."""
    from fopymes_server.imports import service_rules

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        service_rules.remove_rule(uow, cli.principal(uow), rule_id)
    output.success(f"Removed rule {rule_id}.")


CHANGE_COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("date", "Date"),
    Column("description", "Description"),
    Column("category", "Category"),
    Column("method", "Account"),
    Column("labels", "Payee / tags"),
    Column("rules", "Rules"),
]
SHOWN_CHANGES = 50
"""The table shows the first changes; -o json or -o csv lists every one."""


def _arrow(old: str | None, new: str | None) -> str:
    return f"{old or '-'} → {new}" if new is not None else old or ""


def _change_record(change: RuleChangeOut) -> dict[str, object]:
    return {
        "id": change.id,
        "date": change.date,
        "description": _arrow(change.description, change.new_description),
        "category": _arrow(change.category, change.new_category),
        "method": _arrow(change.method, change.new_method),
        "labels": " ".join(
            ([f"→ {change.new_payee}"] if change.new_payee else [])
            + [f"+{tag}" for tag in change.new_tags]
        ),
        "rules": ", ".join(str(rule) for rule in change.rules),
    }


def _counts(result: RuleApplyOut) -> str:
    verb = "would change" if result.dry_run else "changed"
    text = (
        f"{result.rules} rules over {result.examined} incomes and expenses: {result.changed} "
        f"{verb} (categories {result.categories_set}, accounts {result.methods_set}, "
        f"descriptions {result.descriptions_set}, payees {result.payees_set}, "
        f"tags {result.tags_added})."
    )
    if result.skipped_reconciled:
        text += f" {result.skipped_reconciled} reconciled left alone (--force changes them)."
    return text


def _show(result: RuleApplyOut, fmt: OutputFormat) -> None:
    from fopymes_server.imports.apply_schemas import RuleChangeOut

    if fmt is OutputFormat.TABLE:
        output.emit_models(
            result.changes[:SHOWN_CHANGES],
            RuleChangeOut,
            CHANGE_COLUMNS,
            fmt,
            table_record=_change_record,
            empty="Nothing to change.",
        )
        if len(result.changes) > SHOWN_CHANGES:
            output.message(
                f"... and {len(result.changes) - SHOWN_CHANGES} more (-o csv lists all)."
            )
        (output.message if result.dry_run else output.success)(_counts(result))
    elif fmt is OutputFormat.CSV:
        output.emit_models(result.changes, RuleChangeOut, CHANGE_COLUMNS, fmt)
    else:
        output.emit_model(result, fmt)


@app.command(
    "apply",
    epilog=examples(
        "fopymes rule apply --dry-run",
        "fopymes rule apply --from 2026-01-01 --to 2026-06-30",
        "fopymes rule apply --yes -o json",
    ),
)
def apply(
    ctx: typer.Context,
    date_from: Annotated[str | None, typer.Option("--from", help="First date (inclusive).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would change.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Change reconciled transactions too.")
    ] = False,
    yes: YesOpt = False,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Run the rules over recorded incomes and expenses: a preview, then all or nothing.

    Transfers are never changed; reconciled transactions only with --force. Asks before
    changing anything unless --yes.
    """
    from fopymes_server.core.dates import parse_date
    from fopymes_server.imports import service_apply

    cli = state(ctx)
    today = cli.app.clock.today()
    start = parse_date(date_from, today, field="from") if date_from else None
    end = parse_date(date_to, today, field="to") if date_to else None

    def run(preview: bool) -> RuleApplyOut:
        with (
            output.progress_bar("Applying rules", shown=not preview) as update,
            cli.uow(write=not preview) as uow,
        ):
            return service_apply.apply_rules(
                uow,
                cli.principal(uow),
                date_from=start,
                date_to=end,
                dry_run=preview,
                force=force,
                progress=update,
            )

    if yes and not dry_run:
        _show(run(preview=False), fmt)  # --yes: the outcome lists what changed
        return
    preview = run(preview=True)
    if dry_run or not preview.changed:
        _show(preview, fmt)
        return
    if fmt is OutputFormat.TABLE:
        _show(preview, fmt)
    else:
        output.message(_counts(preview))
    prompts.confirm_delete(
        f"Change {preview.changed} transaction(s)?", assume_yes=yes, refused="Nothing changed."
    )
    result = run(preview=False)
    if fmt is OutputFormat.TABLE:
        output.success(_counts(result))  # the preview above listed the changes
    else:
        _show(result, fmt)
