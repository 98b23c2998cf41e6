"""`fopymes password reset-request` and `password reset`: for people who cannot sign in."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import PasswordStdinOpt, state


def reset_request(
    ctx: typer.Context,
    email: Annotated[str | None, typer.Option(help="The e-mail of the account.")] = None,
) -> None:
    """E-mail a single-use reset token to the account's address (if there is one)."""
    from fopymes_server.identity import password_reset

    cli = state(ctx)
    address = email or prompts.ask("E-mail", flag="--email")
    with cli.uow(write=True) as uow:
        password_reset.request_reset(uow, email=address)
    output.success(
        f"If {address} has an account, a reset token is on its way by e-mail; it works once, "
        f"within {int(password_reset.RESET_LIFETIME.total_seconds() // 60)} minutes."
    )


def reset(
    ctx: typer.Context,
    token: Annotated[str, typer.Option(help="The token from the e-mail.")],
    password_stdin: PasswordStdinOpt = False,
) -> None:
    """Set a new password with an e-mailed token; every session and token is signed out."""
    from fopymes_server.identity import password_reset

    cli = state(ctx)
    new = (
        prompts.read_stdin_lines(1, "password")[0]
        if password_stdin
        else prompts.ask_password("New password", confirm=True)
    )
    with cli.uow(write=True) as uow:
        password_reset.reset(uow, token=token, new_password=new)
    output.success("Password changed; sign in with 'fopymes login'.")


def register(password_app: typer.Typer) -> None:
    password_app.command(
        "reset-request", epilog=examples("fopymes password reset-request --email ana@example.com")
    )(reset_request)
    password_app.command(
        "reset",
        epilog=examples(
            "fopymes password reset --token TOKEN_FROM_THE_EMAIL",
            'echo "$NEW" | fopymes password reset --token TOKEN_FROM_THE_EMAIL --password-stdin',
        ),
    )(reset)
