"""`fopymes init` and `fopymes demo`: from nothing to a usable (or demo-filled) workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import PasswordStdinOpt, state


def init(
    ctx: typer.Context,
    email: Annotated[str | None, typer.Option(help="Your e-mail (your sign-in name).")] = None,
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    password_stdin: PasswordStdinOpt = False,
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="Name of your first workspace.")
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="Default currency of the workspace (ISO 4217).")
    ] = None,
) -> None:
    """Create the database schema (if new), your user and your first workspace, and sign in.

    On a database that already holds fopymes data (a colleague's PostgreSQL), existing schema
    and data are left alone: you get your own user and workspace. Interactive when flags are
    missing; with all flags and --password-stdin it never prompts.
    """
    from fopymes_cli.session import save_token, save_workspace
    from fopymes_server.accounts import service as accounts
    from fopymes_server.migrations import runner

    cli = state(ctx)
    database = cli.app.database
    if database.current_revision() is None:
        runner.upgrade(database)
        output.message(f"Created the fopymes schema in {database.display_url}")
    else:
        output.message(f"Using the existing fopymes database {database.display_url}")
    email = email or prompts.ask("E-mail", flag="--email")
    name = name or prompts.ask("Name", flag="--name", default=email.split("@")[0])
    if password_stdin:
        password = prompts.read_stdin_lines(1, "password")[0]
    else:
        password = prompts.ask_password(confirm=True)
    workspace = workspace or prompts.ask("Workspace name", flag="--workspace", default="Personal")
    currency = currency or prompts.ask("Currency", flag="--currency", default="EUR")
    with cli.uow(write=True) as uow:
        result = accounts.setup(
            uow,
            email=email,
            name=name,
            password=password,
            workspace_name=workspace,
            currency=currency,
        )
    with cli.uow(write=True) as uow:
        _, token = accounts.login(
            uow, email=email, password=password, lifetime=cli.settings.session_lifetime
        )
    where = save_token(cli.settings, token)
    save_workspace(cli.settings, result.workspace.id)
    who = "Created user" if result.created_user else "Signed in as existing user"
    output.success(
        f"{who} {result.user.email}; workspace '{result.workspace.name}' "
        f"({result.workspace.currency}) is ready."
    )
    if where != "keyring":
        output.message(
            f"No system keyring found; the session is kept in {where} (only you can read it)."
        )
    from fopymes_cli.commands.categories import first_entry_hint

    output.message(first_entry_hint(cli, result.user.id, result.workspace.id))


def demo(
    ctx: typer.Context,
    months: Annotated[int, typer.Option(min=1, max=60, help="How many months of data.")] = 12,
    seed: Annotated[int, typer.Option(help="Random seed, for the same data every time.")] = 7,
) -> None:
    """Fill the current workspace with a realistic year of incomes and expenses to try things on."""
    from fopymes_server.demo import service as demo_service

    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        summary = demo_service.populate(uow, principal, months=months, seed=seed)
    output.success(
        f"Added {summary.transactions} transactions, {summary.categories} categories and "
        f"{summary.payment_methods} payment methods "
        f"from {summary.first_date} to {summary.last_date}."
    )


def register(app: typer.Typer) -> None:
    app.command(
        epilog=examples(
            "fopymes init",
            'echo "$PASSWORD" | fopymes init --email ana@example.com --name Ana --password-stdin '
            "--workspace Home --currency EUR",
        )
    )(init)
    app.command(epilog=examples("fopymes demo", "fopymes demo --months 3 --seed 1"))(demo)
