"""`fopymes tui`: the Textual dashboard over the same services as every other command.

Textual is imported inside the command function only, so `fopymes --help` and every other
command start without it (tests/architecture/test_import_hygiene.py checks this). The
principal is resolved here exactly as for any command (session or FOPYMES_TOKEN, then
--workspace, FOPYMES_WORKSPACE, `workspace use`, the first workspace) and handed to the app
with the context, which the app then uses for every service call.
"""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli.examples import examples
from fopymes_cli.options import state


def tui(
    ctx: typer.Context,
    poll: Annotated[
        float,
        typer.Option(
            "--poll",
            min=0.2,
            max=60,
            help="Seconds between checks for changes on SQLite (PostgreSQL pushes them).",
        ),
    ] = 1.0,
    light: Annotated[bool, typer.Option("--light", help="Start with the light theme.")] = False,
) -> None:
    """Open the dashboard: totals, charts, the ledger and categories, updated live.

    Keys: d dashboard, t transactions, c categories, w workspace, ? help, ctrl+p every
    action, q quit. Changes made anywhere (the CLI, a colleague, the scheduler) appear within
    a couple of seconds.
    """
    from fopymes_cli.tui.app import LIGHT, FopymesApp

    cli = state(ctx)
    with cli.uow() as uow:
        principal = cli.principal(uow)
    app = FopymesApp(cli.app, principal, poll_interval=poll)
    if light:
        app.theme = LIGHT
    app.run()


def register(app: typer.Typer) -> None:
    app.command(epilog=examples("fopymes tui", "fopymes --workspace Shop tui --light"))(tui)
