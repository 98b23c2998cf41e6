"""`fopymes db`: apply and inspect schema migrations."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import state

app = typer.Typer(
    help="Manage the database schema (Alembic migrations) and check what it keeps.",
    no_args_is_help=True,
)


@app.command(
    epilog=examples(
        "fopymes db upgrade", "fopymes --db postgresql+psycopg://fopymes@dbhost/fopymes db upgrade"
    )
)
def upgrade(ctx: typer.Context) -> None:
    """Apply every pending migration (safe to run again; does nothing when current)."""
    from fopymes_server.migrations import runner
    from fopymes_server.migrations.revisions import HEAD_REVISION

    database = state(ctx).app.database
    before = database.current_revision()
    if before == HEAD_REVISION:
        output.message(f"Already at the latest schema ({HEAD_REVISION}).")
        return
    runner.upgrade(database)
    output.success(f"Upgraded {database.display_url} from {before or 'empty'} to {HEAD_REVISION}.")


@app.command(epilog=examples("fopymes db current"))
def current(ctx: typer.Context) -> None:
    """Print the schema revision of the database and whether this fopymes can use it."""
    from fopymes_server.migrations.revisions import HEAD_REVISION, KNOWN_REVISIONS

    database = state(ctx).app.database
    revision = database.current_revision()
    output.data_line(revision or "none")
    if revision is None:
        output.message("No fopymes schema yet: run 'fopymes init'.")
    elif revision == HEAD_REVISION:
        output.message("Up to date.")
    elif revision in KNOWN_REVISIONS:
        output.message(f"Older than this fopymes ({HEAD_REVISION}): run 'fopymes db upgrade'.")
    else:
        output.message(f"Newer than this fopymes knows ({HEAD_REVISION}): upgrade fopymes.")


@app.command(epilog=examples("fopymes db check", "fopymes db check --repair"))
def check(
    ctx: typer.Context,
    repair: Annotated[
        bool,
        typer.Option("--repair", help="Rewrite the month sums that differ from the transactions."),
    ] = False,
) -> None:
    """Recompute the per-account month sums balances read and compare them with the rows.

    Exit 0 when they agree (or were repaired), 1 when one differs and --repair was not given.
    """
    from fopymes_server.accounts import month_sums
    from fopymes_server.core.errors import RuleViolationError

    cli = state(ctx)
    with cli.uow(write=repair) as uow:
        found = month_sums.check(uow, repair=repair)
    for drift in found.drifted:
        output.message(
            f"account {drift.account_id} ({drift.currency}) {drift.month}: stored "
            f"{drift.stored_minor} (cleared {drift.stored_cleared_minor}), the rows give "
            f"{drift.rows_minor} (cleared {drift.rows_cleared_minor}), in minor units"
        )
    if found.repaired:
        output.success(f"Repaired {len(found.drifted)} of {found.checked} month sums.")
    elif found.drifted:
        raise RuleViolationError(
            f"{len(found.drifted)} of {found.checked} month sums differ from the transactions",
            hint="fopymes db check --repair",
        )
    else:
        output.success(f"All {found.checked} month sums agree with the transactions.")
