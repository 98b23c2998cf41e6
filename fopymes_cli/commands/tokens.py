"""`fopymes token`: personal access tokens for cron jobs and servers (FOPYMES_TOKEN)."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat

app = typer.Typer(help="Personal access tokens for unattended use.", no_args_is_help=True)

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("name", "Name"),
    Column("created_at", "Created"),
    Column("expires_at", "Expires"),
    Column("revoked_at", "Revoked"),
    Column("last_used_at", "Last used"),
]


@app.command(
    epilog=examples(
        "fopymes token create --name 'monthly report cron'",
        "fopymes token create --name ci --expires 90",
    )
)
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'monthly report cron'.")],
    expires: Annotated[
        int | None, typer.Option(help="Days until it expires (default: never).", min=1)
    ] = None,
) -> None:
    """Create a token and print it once on stdout; only its digest is stored."""
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        created = identity.create_token(uow, principal.user_id, name=name, expires_in_days=expires)
    output.data_line(created.secret)
    output.message(
        f"Token {created.token.id} '{created.token.name}' created. It is shown only now: "
        "keep it somewhere safe and use it as FOPYMES_TOKEN."
    )


@app.command("list", epilog=examples("fopymes token list", "fopymes token list -o json"))
def list_tokens(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Your tokens (never their secrets)."""
    from fopymes_server.identity import service as identity
    from fopymes_server.identity.schemas import TokenOut

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
        items = identity.tokens(uow, principal.user_id)
    output.emit_models(items, TokenOut, COLUMNS, fmt, empty="No tokens.")


@app.command(epilog=examples("fopymes token revoke 3"))
def revoke(ctx: typer.Context, token_id: Annotated[int, typer.Argument(help="Token id.")]) -> None:
    """Revoke one of your tokens; it stops working at once."""
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        identity.revoke_token(uow, principal.user_id, token_id)
    output.success(f"Token {token_id} revoked.")
