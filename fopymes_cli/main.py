"""The `fopymes` root command: global options, command groups, error handling.

Command modules import services inside their functions, so `fopymes --help` loads neither
the database layer nor pydantic; the import-hygiene test keeps it that way.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from fopymes_cli import errors
from fopymes_cli.commands import (
    auth,
    budgets,
    categories,
    contacts,
    database,
    debts,
    exports,
    goals,
    imports,
    jobs,
    mail,
    members,
    methods,
    notifications,
    password_reset,
    reports,
    rules,
    schedules,
    server,
    setup,
    tokens,
    transactions,
    tui,
    workspaces,
)
from fopymes_cli.context import CliState


class FopymesGroup(TyperGroup):
    """Turns FopymesError into one line on stderr and the documented exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException, KeyboardInterrupt):
            raise  # Typer prints usage errors itself and turns Ctrl-C into exit 130
        except Exception as exc:
            from fopymes_server.core.errors import FopymesError

            state = ctx.obj if isinstance(ctx.obj, CliState) else None
            if (state and state.debug) or os.environ.get("FOPYMES_DEBUG"):
                raise
            if isinstance(exc, FopymesError):
                code = errors.report(exc)
            else:
                code = errors.report_unexpected(exc)
            raise typer.Exit(code) from None
        finally:
            if isinstance(ctx.obj, CliState):
                ctx.obj.close()


app = typer.Typer(
    name="fopymes",
    cls=FopymesGroup,
    help="Finance management for individuals and small businesses, from the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from fopymes_server import __version__

        typer.echo(f"fopymes {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            envvar="FOPYMES_PROFILE",
            help="Profile of config.toml to use.",
            show_envvar=True,
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (postgresql+psycopg://... or sqlite:///...); "
            "overrides FOPYMES_DATABASE_URL and the profile.",
        ),
    ] = None,
    workspace: Annotated[
        str | None,
        typer.Option(
            "--workspace", "-w", help="Workspace (name or id) to act in for this command."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Finance management for individuals and small businesses, from the terminal."""
    ctx.obj = CliState(profile=profile, database_url=db, workspace=workspace, debug=debug)


setup.register(app)
app.add_typer(database.app, name="db")
auth.register(app)
app.add_typer(auth.password_app, name="password")
app.add_typer(tokens.app, name="token")
app.add_typer(workspaces.app, name="workspace")
app.add_typer(members.app, name="member")
app.add_typer(categories.app, name="category")
app.add_typer(methods.app, name="method")
app.add_typer(transactions.app, name="tx")
app.add_typer(budgets.app, name="budget")
app.add_typer(goals.app, name="goal")
app.add_typer(contacts.app, name="contact")
app.add_typer(debts.app, name="debt")
app.add_typer(reports.app, name="report")
app.add_typer(exports.app, name="export")
app.add_typer(imports.app, name="import")
app.add_typer(rules.app, name="rule")
server.register(app)
tui.register(app)
app.add_typer(schedules.app, name="schedule")
app.add_typer(notifications.app, name="notifications")
app.add_typer(mail.app, name="mail")
app.add_typer(jobs.app, name="jobs")
jobs.register(app)
password_reset.register(auth.password_app)


def run() -> None:
    """Console-script entry point."""
    app(prog_name="fopymes")
