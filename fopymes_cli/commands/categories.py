"""`fopymes category`: income and expense categories of the current workspace."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import catalogue_commands, output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_cli.context import CliState
    from fopymes_server.categories.schemas import CategoryOut

app = typer.Typer(help="Income and expense categories.", no_args_is_help=True)

CategoryArg = Annotated[str, typer.Argument(help="Category name (any case) or id.")]
COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Name"),
    Column("kind", "Kind"),
    Column("parent", "Parent"),
    Column("archived", "Archived"),
]


def first_entry_hint(cli: CliState, user_id: int, workspace_id: int) -> str:
    """The command to record a first expense, naming one of the workspace's own categories
    (a business workspace has no Groceries)."""
    from fopymes_server.categories import service
    from fopymes_server.categories.schemas import CategoryKind
    from fopymes_server.identity import service as identity

    with cli.uow() as uow:
        principal = identity.principal_for(uow, user_id, workspace_id)
        found = service.list_categories(uow, principal, kind=CategoryKind.EXPENSE)
    # The first one made: the template's most everyday category (Groceries, Suppliers).
    first = min(found, key=lambda c: c.id, default=None)
    category = f" --category {shlex.quote(first.name)}" if first else ""
    return f"Next: fopymes tx add 12.50{category} --description 'First purchase'"


@app.command(
    epilog=examples(
        "fopymes category add Pets",
        "fopymes category add Coffee --parent Restaurants",
        "fopymes category add Rent --income",
    )
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, unique in the workspace in any case.")],
    income: Annotated[bool, typer.Option("--income", help="An income category.")] = False,
    parent: Annotated[
        str | None, typer.Option(help="Put it under this top-level category (same kind).")
    ] = None,
) -> None:
    """Add a category (expense unless --income)."""
    from fopymes_server.categories import service
    from fopymes_server.categories.schemas import CategoryKind

    cli = state(ctx)
    kind = CategoryKind.INCOME if income else CategoryKind.EXPENSE
    with cli.uow(write=True) as uow:
        created = service.add(uow, cli.principal(uow), name=name, kind=kind, parent=parent)
    output.data_line(str(created.id))
    output.success(f"Added {created.kind} category '{created.name}'.")


@app.command(
    "list",
    epilog=examples("fopymes category list", "fopymes category list --all --kind expense -o json"),
)
def list_categories(
    ctx: typer.Context,
    fmt: OutputOpt = OutputFormat.TABLE,
    show_all: Annotated[bool, typer.Option("--all", help="Include archived categories.")] = False,
    kind: Annotated[str | None, typer.Option(help="income or expense.")] = None,
) -> None:
    """Categories of the workspace, sub-categories under their parent."""
    from fopymes_server.categories import service
    from fopymes_server.categories.schemas import CategoryKind, CategoryOut
    from fopymes_server.core.errors import ValidationError

    try:
        wanted = CategoryKind(kind.lower()) if kind else None
    except ValueError:
        raise ValidationError("kind", f"'{kind}' is not income or expense") from None
    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_categories(
            uow, cli.principal(uow), kind=wanted, include_archived=show_all
        )
    output.emit_models(items, CategoryOut, COLUMNS, fmt, table_record=_table_record)


def _table_record(category: CategoryOut) -> dict[str, Any]:
    record = category.model_dump()
    record["name"] = ("  " if category.parent_id else "") + category.name
    record["archived"] = "yes" if category.archived else ""
    return record


catalogue_commands.register(
    app,
    noun="category",
    service_module="fopymes_server.categories.service",
    example=("fopymes category", "Coffee", "'Specialty coffee'"),
)
