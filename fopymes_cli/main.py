"""The `fopymes` root command: global options, command groups, error handling.

Command modules import services inside their functions, so `fopymes --help` loads neither
the database layer nor pydantic; the import-hygiene test keeps it that way.
"""

from __future__ import annotations

import difflib
import os
import sys
from typing import Annotated, Any

import typer
from typer._click.exceptions import NoSuchOption, UsageError
from typer.core import TyperGroup
from typer.exceptions import TyperException

from fopymes_cli import errors
from fopymes_cli.commands import auth, jobs, password_reset, server, setup, transfers, tui
from fopymes_cli.context import CliState
from fopymes_cli.lazy import LazyGroup, load_group

# Command groups, loaded only when named: building a Typer group turns every command's
# signature into click parameters, and doing that for ~150 commands on every start made
# `fopymes --help` and each single command pay for all the others. `help` is what
# `fopymes --help` lists without loading the group (a test keeps it equal to the
# group's own help).
LAZY_GROUPS: tuple[LazyGroup, ...] = (
    LazyGroup(
        "db", "database", "Manage the database schema (Alembic migrations) and check what it keeps."
    ),
    LazyGroup("token", "tokens", "Personal access tokens for unattended use."),
    LazyGroup("workspace", "workspaces", "Workspaces you belong to."),
    LazyGroup("member", "members", "Members of the current workspace (owners manage them)."),
    LazyGroup("category", "categories", "Income and expense categories."),
    LazyGroup("account", "accounts", "Accounts: cash, bank, cards, loans; balances and net worth."),
    LazyGroup("tx", "transactions", "Incomes and expenses."),
    LazyGroup(
        "payee",
        "payees",
        "Payees: who your transactions were with (created as transactions name them).",
    ),
    LazyGroup("tag", "tags", "Tags on transactions (created as transactions carry them)."),
    LazyGroup("budget", "budgets", "Budgets: spending limits per category and period."),
    LazyGroup("goal", "goals", "Savings goals: targets, contributions, plans."),
    LazyGroup("contact", "contacts", "Contacts: people and businesses you owe or who owe you."),
    LazyGroup("debt", "debts", "Debts owed to and by your contacts."),
    LazyGroup("report", "reports", "Reports of a period: terminal, PDF, Excel, CSV."),
    LazyGroup("export", "exports", "Export transactions (CSV, Excel, ledger, beancount)."),
    LazyGroup("import", "imports", "Import bank statements (CSV, OFX/QFX, Norma 43, CAMT, MT940)."),
    LazyGroup("rule", "rules", "Categorisation rules, run by imports and by rule apply."),
    LazyGroup("schedule", "schedules", "Scheduled (recurring) transactions."),
    LazyGroup(
        "notifications",
        "notifications",
        "Your notifications (without a subcommand: list them).",
    ),
    LazyGroup("mail", "mail", "E-mail: SMTP test, outbox, retries."),
    LazyGroup("jobs", "jobs", "Unattended work: materialising, alerts, e-mail, pruning."),
)
_LAZY = {group.name: group for group in LAZY_GROUPS}
# Old names of groups, still answered so scripts and cron lines keep working; not listed in
# --help or the reference (each command has one documented name).
ALIASES = {"method": "account"}


class FopymesGroup(TyperGroup):
    """Loads command groups on demand, and turns FopymesError into one line on stderr and
    the documented exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        eager = [name for name in self.commands if name not in _LAZY]
        return eager + [group.name for group in LAZY_GROUPS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd_name = ALIASES.get(cmd_name, cmd_name)
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in _LAZY:
            command = self.commands[cmd_name] = load_group(_LAZY[cmd_name])
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Typer's, but "Did you mean" also suggests groups that are not loaded yet."""
        try:
            return super().resolve_command(ctx, args)
        except TyperException as exc:  # the usage error of an unknown command
            matches = difflib.get_close_matches(args[0], self.list_commands(ctx))
            message = getattr(exc, "message", None)
            if matches and isinstance(message, str) and "Did you mean" not in message:
                suggestions = ", ".join(repr(m) for m in matches)
                exc.message = f"{message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands, with the groups' short help taken from LAZY_GROUPS."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            if name in _LAZY:
                rows.append((name, _LAZY[name].help))
            elif not (command := self.commands[name]).hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["fopymes.args"] = list(args)  # for the negative-number message below
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoSuchOption as exc:
            usage = errors.negative_number(exc.option_name, exc.ctx, ctx.meta["fopymes.args"])
            if usage is None:
                raise
            raise UsageError(usage, ctx=exc.ctx) from None
        except (typer.Exit, typer.Abort, TyperException, KeyboardInterrupt):
            raise  # Typer prints usage errors itself and turns Ctrl-C into exit 130
        except BrokenPipeError:
            raise typer.Exit(errors.closed_pipe()) from None
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
auth.register(app)
server.register(app)
tui.register(app)
jobs.register(app)
transfers.register(app)
password_reset.register(auth.password_app)
app.add_typer(auth.password_app, name="password")


def run() -> None:
    """Console-script entry point; output cut short by a closed pipe ends quietly."""
    code: Any = 0
    try:
        app(prog_name="fopymes")
    except SystemExit as finished:
        code = finished.code
    try:
        sys.stdout.flush()  # what is still buffered, before the interpreter's own flush
    except BrokenPipeError:
        code = errors.closed_pipe()
    sys.exit(code)
