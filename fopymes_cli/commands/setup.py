"""`fopymes init` and `fopymes demo`: from nothing to a usable (or demo-filled) workspace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.context import CliState
from fopymes_cli.examples import examples
from fopymes_cli.options import PasswordStdinOpt, TemplateOpt, state


@dataclass(frozen=True)
class _Answers:
    email: str
    name: str
    password: str
    workspace: str
    currency: str


def _answers(
    email: str | None,
    name: str | None,
    password_stdin: bool,
    workspace: str | None,
    currency: str | None,
    *,
    new_user: bool,
) -> _Answers:
    """Every answer, each checked as it is given (a flag at once, a prompt as it is typed
    and asked again), so nothing is created until all of them are right. A flag left out
    is asked for at a terminal and takes the prompt's default without one."""
    from fopymes_server.core.lookup import clean_name
    from fopymes_server.core.money import normalise_currency
    from fopymes_server.identity.rules import MIN_PASSWORD_LENGTH, check_password, clean_email

    def workspace_name(text: str) -> str:
        return clean_name(text, "workspace")

    email = _given_or_asked(email, clean_email, "E-mail", flag="--email")
    name = _given_or_asked(name, clean_name, "Name", flag="--name", default=email.split("@")[0])
    rule = check_password if new_user else None
    if password_stdin:
        password = prompts.read_stdin_lines(1, "password")[0]
        if rule is not None:
            rule(password)
    else:
        password = prompts.ask_password(
            confirm=True,
            rule=f"at least {MIN_PASSWORD_LENGTH} characters" if new_user else None,
            check=rule,
        )
    workspace = _given_or_asked(
        workspace, workspace_name, "Workspace name", flag="--workspace", default="Personal"
    )
    currency = _given_or_asked(
        currency, normalise_currency, "Currency", flag="--currency", default="EUR"
    )
    return _Answers(email, name, password, workspace, currency)


def _given_or_asked(
    value: str | None, check: prompts.Check, label: str, *, flag: str, default: str | None = None
) -> str:
    """The flag's value once `check` accepts it, else the (checked) answer to a prompt."""
    if value:
        check(value)
        return value
    return prompts.ask(label, flag=flag, default=default, check=check)


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
    template: TemplateOpt = "household",
) -> None:
    """Create the database schema (if new), your user and your first workspace, and sign in.

    On a database that already holds fopymes data (a colleague's PostgreSQL), existing schema
    and data are left alone: you get your own user and workspace. Interactive when flags are
    missing and stdin is a terminal (name, workspace and currency take their defaults
    otherwise); with all flags and --password-stdin it never prompts. Each answer is checked
    as it is typed; when init fails, a database file it created is removed again.
    """
    from fopymes_server.core.private_files import remove_sqlite_file

    cli = state(ctx)
    database = cli.app.database
    made_file = database.sqlite_path is not None and not database.sqlite_path.exists()
    try:
        _init(cli, email, name, password_stdin, workspace, currency, template)
    except BaseException:
        if made_file and database.sqlite_path is not None:
            database.dispose()
            remove_sqlite_file(database.sqlite_path, database.created_dirs)
        raise


def _init(
    cli: CliState,
    email: str | None,
    name: str | None,
    password_stdin: bool,
    workspace: str | None,
    currency: str | None,
    template: str,
) -> None:
    from fopymes_cli.session import save_token, save_workspace
    from fopymes_server.categories.templates import parse_template
    from fopymes_server.identity import service as identity
    from fopymes_server.migrations import runner

    parse_template(template)  # refused before anything is asked or created

    database = cli.app.database
    fresh = database.current_revision() is None
    if not fresh:
        output.message(f"Using the existing fopymes database {database.display_url}")
    answers = _answers(email, name, password_stdin, workspace, currency, new_user=fresh)
    if fresh:
        runner.upgrade(database)
        output.message(f"Created the fopymes schema in {database.display_url}")
    with cli.uow(write=True) as uow:
        result = identity.setup(
            uow,
            email=answers.email,
            name=answers.name,
            password=answers.password,
            workspace_name=answers.workspace,
            currency=answers.currency,
            template=template,
        )
    with cli.uow(write=True) as uow:
        _, token = identity.login(
            uow,
            email=answers.email,
            password=answers.password,
            lifetime=cli.settings.session_lifetime,
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
