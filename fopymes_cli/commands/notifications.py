"""`fopymes notifications`: your notifications in this workspace, read marks, preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fopymes_cli import output
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat
from fopymes_cli.table_fit import Fit

if TYPE_CHECKING:
    from fopymes_server.notifications.schemas import NotificationOut

app = typer.Typer(
    help="Your notifications (without a subcommand: list them).", invoke_without_command=True
)

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("created_at", "When", fit=Fit.KEEP),  # a date and its time on one line
    Column("type", "Type"),
    Column("title", "Title"),
    Column("body", "Message"),
    Column("unread", "New"),
]
UnreadOpt = Annotated[bool, typer.Option("--unread", help="Only the unread ones.")]
LimitOpt = Annotated[int, typer.Option(help="How many, newest first.", min=1, max=500)]


def _list(ctx: typer.Context, unread: bool, limit: int, fmt: OutputFormat) -> None:
    from fopymes_server.notifications import service
    from fopymes_server.notifications.schemas import NotificationOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.list_notifications(uow, cli.principal(uow), unread_only=unread, limit=limit)
    output.emit_models(
        items, NotificationOut, COLUMNS, fmt, table_record=_row, empty="No notifications."
    )


def _row(item: NotificationOut) -> dict[str, Any]:
    """The table's row of a notification (JSON and CSV are the schema itself)."""
    record = item.model_dump()
    record["created_at"] = item.created_at.strftime("%Y-%m-%d %H:%M")
    record["unread"] = "" if item.read else "*"
    return record


@app.callback()
def notifications(
    ctx: typer.Context,
    unread: UnreadOpt = False,
    limit: LimitOpt = 50,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Your notifications in this workspace, newest first."""
    if ctx.invoked_subcommand is None:
        _list(ctx, unread, limit, fmt)


@app.command(
    "list",
    epilog=examples("fopymes notifications list", "fopymes notifications list --unread --limit 10"),
)
def list_notifications(
    ctx: typer.Context,
    unread: UnreadOpt = False,
    limit: LimitOpt = 50,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """List your notifications, newest first (same as `fopymes notifications`)."""
    _list(ctx, unread, limit, fmt)


@app.command(epilog=examples("fopymes notifications read 12", "fopymes notifications read --all"))
def read(
    ctx: typer.Context,
    notification_id: Annotated[int | None, typer.Argument(help="Notification id.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Mark every notification read.")] = False,
) -> None:
    """Mark one notification (or --all) read."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.notifications import service

    if (notification_id is None) == (not all_):
        raise ValidationError("notification", "give an id or --all (not both)")
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        if notification_id is not None:
            service.mark_read(uow, principal, notification_id)
            output.success(f"Notification {notification_id} read.")
            return
        count = service.mark_all_read(uow, principal)
    output.success(f"{count} notifications marked read.")


@app.command(
    epilog=examples(
        "fopymes notifications prefs",
        "fopymes notifications prefs --email budget.exceeded,debt.overdue",
        "fopymes notifications prefs --quiet",
    )
)
def prefs(
    ctx: typer.Context,
    email: Annotated[
        str | None,
        typer.Option(
            help="Types also sent by e-mail, comma-separated (e.g. budget.exceeded,"
            "debt.overdue), or all / none."
        ),
    ] = None,
    quiet: Annotated[
        bool | None, typer.Option("--quiet/--no-quiet", help="In-app only: no e-mail at all.")
    ] = None,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """Show or change which notifications also go by e-mail."""
    from fopymes_server.notifications import service
    from fopymes_server.notifications.rules import NotificationType, parse_types

    types = parse_types(email) if email is not None else None
    cli = state(ctx)
    with cli.uow(write=types is not None or quiet is not None) as uow:
        principal = cli.principal(uow)
        if types is None and quiet is None:
            current = service.preferences(uow, principal)
        else:
            current = service.set_preferences(uow, principal, email_types=types, quiet=quiet)
    if fmt is OutputFormat.TABLE:
        output.emit_object(
            {
                "e-mail for": ", ".join(current.email_types) or "nothing",
                "quiet": "yes (in-app only)" if current.quiet else "no",
                "types": ", ".join(t.value for t in NotificationType),
            },
            fmt,
        )
    else:
        output.emit_model(current, fmt)
