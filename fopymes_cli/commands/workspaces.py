"""`fopymes workspace`: list, choose and create workspaces."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, TemplateOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(help="Workspaces you belong to.", no_args_is_help=True)


@app.command("list", epilog=examples("fopymes workspace list"))
def list_workspaces(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Your workspaces, your role in each, and which one is current (*)."""
    from fopymes_server.identity import service as identity
    from fopymes_server.identity.schemas import MemberWorkspace

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
        workspaces = identity.workspaces_with_role(uow, principal.user_id)

    def table_record(workspace: MemberWorkspace) -> dict[str, object]:
        mark = "*" if workspace.id == principal.workspace_id else ""
        return {**workspace.model_dump(), "mark": mark}

    columns = [
        Column("mark", ""),
        Column("id", "ID", justify="right"),
        Column("name", "Name"),
        Column("currency", "Currency"),
        Column("role", "Role"),
    ]
    output.emit_models(workspaces, MemberWorkspace, columns, fmt, table_record=table_record)


@app.command(epilog=examples("fopymes workspace use Shop", "fopymes workspace use 2"))
def use(
    ctx: typer.Context, workspace: Annotated[str, typer.Argument(help="Workspace name or id.")]
) -> None:
    """Make a workspace the current one for this profile and database."""
    from fopymes_cli.session import save_workspace
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow() as uow:
        current = cli.principal(uow)
        chosen = identity.principal_for(uow, current.user_id, workspace)
        details = identity.current_workspace(uow, chosen)
    save_workspace(cli.settings, chosen.workspace_id)
    output.success(f"Now using workspace '{details.name}' ({chosen.role.value}).")


@app.command(
    epilog=examples(
        "fopymes workspace create Shop",
        "fopymes workspace create 'Trip to Japan' --currency JPY --use",
    )
)
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new workspace.")],
    currency: Annotated[str, typer.Option(help="Default currency (ISO 4217).")] = "EUR",
    use_it: Annotated[bool, typer.Option("--use/--no-use", help="Switch to it.")] = True,
    template: TemplateOpt = "household",
) -> None:
    """Create a workspace you own, seeded with Cash and a household's or a business's categories."""
    from fopymes_cli.session import save_workspace
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        workspace = identity.create_workspace(
            uow, principal.user_id, name=name, currency=currency, template=template
        )
    if use_it:
        save_workspace(cli.settings, workspace.id)
    output.data_line(str(workspace.id))
    output.success(f"Created workspace '{workspace.name}' ({workspace.currency}).")
