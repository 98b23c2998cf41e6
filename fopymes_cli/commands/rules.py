"""`fopymes rule`: categorisation rules that imports apply to each line, in order."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(help="Categorisation rules for imports.", no_args_is_help=True)

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
