"""`rename`, `archive` and `rm` for the named lists (categories, payment methods).

Both groups offer the same three commands over services with the same signatures, so one
builder registers them; each group keeps its own `add` and `list`, which differ. There are
no postponed annotations here: Typer must see the `Annotated` aliases built in `register`.
"""

import importlib
from typing import Annotated, Any

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import state


def register(
    app: typer.Typer, *, noun: str, service_module: str, example: tuple[str, str, str]
) -> None:
    """Add rename/archive/rm commands for `noun` backed by `service_module`'s functions.

    `example` is (the group's command, an item's name, a new name) for the examples of
    `--help`, e.g. ("fopymes category", "Restaurants", "'Eating out'").
    """
    group, item, new_name = example
    RefArg = Annotated[str, typer.Argument(help=f"The {noun}'s name (any case) or id.")]

    def service() -> Any:
        return importlib.import_module(service_module)

    @app.command(
        help=f"Rename a {noun}; its transactions follow.",
        epilog=examples(f"{group} rename {item} {new_name}"),
    )
    def rename(
        ctx: typer.Context,
        ref: RefArg,
        new_name: Annotated[str, typer.Argument(help="The new name.")],
    ) -> None:
        cli = state(ctx)
        with cli.uow(write=True) as uow:
            renamed = service().rename(uow, cli.principal(uow), ref, name=new_name)
        output.success(f"Renamed to '{renamed.name}'.")

    @app.command(
        help=f"Archive a {noun}: hidden from lists and new transactions, history kept.",
        epilog=examples(f"{group} archive {item}", f"{group} archive {item} --restore"),
    )
    def archive(
        ctx: typer.Context,
        ref: RefArg,
        restore: Annotated[bool, typer.Option("--restore", help="Bring it back instead.")] = False,
    ) -> None:
        cli = state(ctx)
        with cli.uow(write=True) as uow:
            result = service().archive(uow, cli.principal(uow), ref, restore=restore)
        output.success(f"{'Restored' if restore else 'Archived'} '{result.name}'.")

    @app.command(
        "rm",
        help=f"Delete a {noun} nothing uses (one in use can only be archived).",
        epilog=examples(f"{group} rm {item}"),
    )
    def remove(ctx: typer.Context, ref: RefArg) -> None:
        cli = state(ctx)
        with cli.uow(write=True) as uow:
            service().remove(uow, cli.principal(uow), ref)
        output.success(f"Deleted {noun} '{ref}'.")
