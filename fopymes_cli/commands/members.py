"""`fopymes member`: who shares the current workspace, and with which role."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, YesOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(
    help="Members of the current workspace (owners manage them).", no_args_is_help=True
)

RoleArg = Annotated[str, typer.Argument(help="owner, editor or viewer.")]
COLUMNS = [
    Column("email", "E-mail"),
    Column("name", "Name"),
    Column("role", "Role"),
    Column("joined_at", "Joined"),
]


def _role(text: str):  # type: ignore[no-untyped-def]
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.core.principal import Role

    try:
        return Role(text.strip().lower())
    except ValueError:
        raise ValidationError("role", f"'{text}' is not one of owner, editor, viewer") from None


@app.command(
    epilog=examples(
        "fopymes member add ana@shop.example --role editor",
        "fopymes member add accountant@example.com --role viewer",
    )
)
def add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="E-mail of the person to add.")],
    role: Annotated[str, typer.Option(help="owner, editor or viewer.")] = "editor",
) -> None:
    """Add someone by e-mail; a new user gets a one-time password printed on stdout."""
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        added = identity.add_member(uow, principal, email=email, role=_role(role))
    output.success(f"Added {added.member.email} as {added.member.role.value}.")
    if added.initial_password:
        output.data_line(added.initial_password)
        output.message(
            "That is their first password, shown once: pass it on privately; they sign in with "
            "'fopymes login' and change it with 'fopymes password change'."
        )


@app.command("list", epilog=examples("fopymes member list", "fopymes member list -o csv"))
def list_members(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Everyone in the current workspace."""
    from fopymes_server.identity import service as identity
    from fopymes_server.identity.schemas import MemberOut

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
        items = identity.members(uow, principal)
    output.emit_models(items, MemberOut, COLUMNS, fmt)


@app.command("role", epilog=examples("fopymes member role ana@shop.example owner"))
def change_role(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="E-mail of the member.")],
    role: RoleArg,
) -> None:
    """Change a member's role (the last owner cannot step down)."""
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        member = identity.change_role(uow, principal, email=email, role=_role(role))
    output.success(f"{member.email} is now {member.role.value}.")


@app.command("remove", epilog=examples("fopymes member remove ana@shop.example"))
def remove(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="E-mail of the member.")],
    yes: YesOpt = False,
) -> None:
    """Remove a member (asks first unless --yes); their sessions and access tokens stop
    working everywhere."""
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow(write=False) as uow:
        principal = cli.principal(uow)
        workspace = identity.current_workspace(uow, principal).name
    question = (
        f"Remove {email} from the workspace '{workspace}'? "
        "Their sessions and access tokens stop working."
    )
    prompts.confirm_delete(question, assume_yes=yes, refused="Nobody removed.")
    with cli.uow(write=True) as uow:
        identity.remove_member(uow, cli.principal(uow), email=email)
    output.success(f"Removed {email} from this workspace.")
