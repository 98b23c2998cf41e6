"""Signing in and out, who am I, and changing the password."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, PasswordStdinOpt, state
from fopymes_cli.output import OutputFormat

password_app = typer.Typer(help="Change your password.", no_args_is_help=True)


def login(
    ctx: typer.Context,
    email: Annotated[str | None, typer.Option(help="Your e-mail.")] = None,
    password_stdin: PasswordStdinOpt = False,
) -> None:
    """Check your password and keep a signed session (system keyring, or a private file)."""
    from fopymes_cli.session import save_token
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    email = email or prompts.ask("E-mail", flag="--email")
    password = (
        prompts.read_stdin_lines(1, "password")[0] if password_stdin else prompts.ask_password()
    )
    with cli.uow(write=True) as uow:
        user, token = identity.login(
            uow, email=email, password=password, lifetime=cli.settings.session_lifetime
        )
    where = save_token(cli.settings, token)
    if where != "keyring":
        output.message(
            f"No system keyring found; the session is kept in {where} (only you can read it)."
        )
    output.success(f"Signed in as {user.email}.")


def logout(ctx: typer.Context) -> None:
    """Forget the session kept for this profile and database."""
    from fopymes_cli.session import clear_token

    clear_token(state(ctx).settings)
    output.success("Signed out.")


def whoami(ctx: typer.Context, fmt: OutputOpt = OutputFormat.TABLE) -> None:
    """Show the signed-in user, the current workspace and your role in it."""
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
        me = identity.signed_in(uow, principal, database=cli.app.database.display_url)
    output.emit_model(me, fmt)


@password_app.command(
    "change",
    epilog=examples(
        "fopymes password change",
        'printf \'%s\\n%s\\n\' "$OLD" "$NEW" | fopymes password change --password-stdin',
    ),
)
def change_password(
    ctx: typer.Context,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the current and the new password, one per line, from stdin.",
        ),
    ] = False,
) -> None:
    """Change your password; every other session and access token of yours stops working."""
    from fopymes_cli.session import save_token
    from fopymes_server.identity import service as identity

    cli = state(ctx)
    if password_stdin:
        current, new = prompts.read_stdin_lines(2, "password")
    else:
        current = prompts.ask_password("Current password")
        new = prompts.ask_password("New password", confirm=True)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        identity.change_password(uow, principal.user_id, current=current, new=new)
    with cli.uow(write=True) as uow:
        token = identity.renew_session(
            uow, principal.user_id, lifetime=cli.settings.session_lifetime
        )
    if not cli.settings.token:
        save_token(cli.settings, token)
    output.success("Password changed; other sessions and access tokens were signed out.")


def register(app: typer.Typer) -> None:
    app.command(
        epilog=examples(
            "fopymes login",
            'echo "$PASSWORD" | fopymes login --email ana@example.com --password-stdin',
        )
    )(login)
    app.command(epilog=examples("fopymes logout", "fopymes --profile shop logout"))(logout)
    app.command(epilog=examples("fopymes whoami", "fopymes whoami -o json"))(whoami)
