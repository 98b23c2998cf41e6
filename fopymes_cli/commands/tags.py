"""`fopymes tag`: the tags on transactions; list, rename, remove."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(
    help="Tags on transactions (created as transactions carry them).", no_args_is_help=True
)
TagArg = Annotated[str, typer.Argument(help="Tag name (any case) or id.")]

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Tag"),
    Column("transactions", "Rows", justify="right"),
]


@app.command("list", epilog=examples("fopymes tag list", "fopymes tag list -o csv"))
def list_tags(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Tags by name with how many transactions carry each."""
    from fopymes_server.tags import service
    from fopymes_server.tags.schemas import TagOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_tags(uow, cli.principal(uow))
    output.emit_models(
        items, TagOut, COLUMNS, fmt, empty="No tags yet: fopymes tx add ... --tag NAME"
    )


@app.command(epilog=examples("fopymes tag rename trip trip-2026"))
def rename(
    ctx: typer.Context,
    tag: TagArg,
    new_name: Annotated[str, typer.Argument(help="Letters, digits and - _ / .")],
) -> None:
    """Rename a tag on every transaction that carries it."""
    from fopymes_server.tags import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        renamed = service.rename(uow, cli.principal(uow), tag, new_name)
    output.success(f"Renamed tag {renamed.id} to '{renamed.name}'.")


@app.command("rm", epilog=examples("fopymes tag rm trip --yes"))
def remove(ctx: typer.Context, tag: TagArg, yes: YesOpt = False) -> None:
    """Delete a tag and take it off its transactions (they stay); asks unless --yes."""
    from fopymes_server.tags import service

    cli = state(ctx)
    with cli.uow() as uow:
        found = service.counted(uow, cli.principal(uow), tag)
    question = f"Delete tag '{found.name}' from {found.transactions} transaction(s)?"
    prompts.confirm_delete(question, assume_yes=yes)
    with cli.uow(write=True) as uow:
        gone = service.remove(uow, cli.principal(uow), found.id)
    output.success(f"Deleted tag '{gone.name}'.")
