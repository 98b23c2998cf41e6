"""`fopymes contact`: the people and businesses debts are owed to or by."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

if TYPE_CHECKING:
    from fopymes_server.contacts.schemas import ContactOut

app = typer.Typer(
    help="Contacts: people and businesses you owe or who owe you.", no_args_is_help=True
)

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Name"),
    Column("email", "E-mail"),
    Column("member", "Member"),
]


@app.command(
    epilog=examples(
        "fopymes contact add 'Bank loan'",
        "fopymes contact add Marta --email marta@example.com",
        "fopymes contact add Ana --member ana@shop.example",
    )
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, unique in the workspace in any case.")],
    email: Annotated[str | None, typer.Option(help="Their e-mail address.")] = None,
    member: Annotated[
        str | None, typer.Option(help="E-mail of the workspace member this contact is.")
    ] = None,
) -> None:
    """Add a contact; prints the new id on stdout."""
    from fopymes_server.contacts import service
    from fopymes_server.contacts.schemas import ContactCreate

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        contact = service.add(
            uow, cli.principal(uow), data=ContactCreate(name=name, email=email, member=member)
        )
    output.data_line(str(contact.id))
    output.success(f"Added contact '{contact.name}'.")


@app.command("list", epilog=examples("fopymes contact list", "fopymes contact list -o csv"))
def list_contacts(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Contacts of the workspace by name."""
    from fopymes_server.contacts import service
    from fopymes_server.contacts.schemas import ContactOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_contacts(uow, cli.principal(uow))
    output.emit_models(
        items,
        ContactOut,
        COLUMNS,
        fmt,
        table_record=_table_record,
        empty="No contacts yet: fopymes contact add NAME",
    )


def _table_record(contact: ContactOut) -> dict[str, Any]:
    return {**contact.model_dump(), "member": "yes" if contact.user_id else ""}


@app.command("rm", epilog=examples("fopymes contact rm Marta"))
def remove(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(help="Contact name (any case) or id.")],
) -> None:
    """Delete a contact no debt refers to."""
    from fopymes_server.contacts import service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        gone = service.remove(uow, cli.principal(uow), contact)
    output.success(f"Deleted contact '{gone.name}'.")
