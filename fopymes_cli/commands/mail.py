"""`fopymes mail`: test the SMTP settings, look at the outbox, retry dead-lettered mail."""

from __future__ import annotations

from typing import Annotated

import typer

from fopymes_cli import output, prompts
from fopymes_cli.examples import examples
from fopymes_cli.options import OutputOpt, state
from fopymes_cli.output import Column, OutputFormat
from fopymes_cli.table_fit import Fit

app = typer.Typer(help="E-mail: SMTP test, outbox, retries.", no_args_is_help=True)

COLUMNS = [
    Column("id", "ID", justify="right"),
    Column("created_at", "Queued"),
    Column("kind", "Kind"),
    Column("to_address", "To"),
    Column("subject", "Subject", fit=Fit.SHRINK),
    Column("status", "Status"),
    Column("attempts", "Tries", justify="right"),
    Column("last_error", "Last error", fit=Fit.SHRINK, optional=True),
]


@app.command(epilog=examples("fopymes mail test me@example.com"))
def test(
    ctx: typer.Context,
    address: Annotated[str, typer.Argument(help="Where to send the test message.")],
) -> None:
    """Send a test message now through the configured SMTP server and report the outcome."""
    from fopymes_server.core.errors import ExternalServiceError
    from fopymes_server.mail import service
    from fopymes_server.mail.outbox import RetryPolicy, deliver_due
    from fopymes_server.mail.schemas import OutboxStatus
    from fopymes_server.mail.sender import SmtpConfig, SmtpSender

    cli = state(ctx)
    config = SmtpConfig.from_settings(cli.settings)
    if not config.configured:
        raise ExternalServiceError(
            "no SMTP server is configured",
            hint="set FOPYMES_SMTP_HOST (and _PORT, _SECURITY, _USERNAME, _SENDER)",
        )
    with cli.uow(write=True) as uow:
        principal = cli.principal(uow)
        message_id = service.queue_test(uow, principal, to=address, server=config.display)
    deliver_due(
        cli.app,
        SmtpSender(config),
        now=cli.app.clock.now(),
        policy=RetryPolicy.from_settings(cli.settings),
        only=message_id,
    )
    with cli.uow() as uow:
        result = service.message(uow, principal, message_id)
    if result.status is not OutboxStatus.SENT:
        raise ExternalServiceError(
            f"the test message was not sent: {result.last_error}",
            hint=f"it stays in the outbox as message {message_id}; fix the settings and "
            "run 'fopymes jobs run-due'",
        )
    output.success(f"Sent a test message to {address} through {config.display}.")


@app.command(epilog=examples("fopymes mail outbox", "fopymes mail outbox --failed"))
def outbox(
    ctx: typer.Context,
    failed: Annotated[bool, typer.Option("--failed", help="Only dead-lettered messages.")] = False,
    limit: Annotated[int, typer.Option(help="How many, newest first.", min=1, max=200)] = 50,
    fmt: OutputOpt = OutputFormat.TABLE,
) -> None:
    """The workspace's outgoing e-mail and its delivery state (owners only)."""
    from fopymes_server.mail import service
    from fopymes_server.mail.schemas import OutboxOut

    cli = state(ctx)
    with cli.uow() as uow:
        items = service.outbox(uow, cli.principal(uow), failed_only=failed, limit=limit)
    output.emit_models(
        items,
        OutboxOut,
        COLUMNS,
        fmt,
        empty="No failed messages." if failed else "The outbox is empty.",
    )


@app.command(epilog=examples("fopymes mail retry 5", "fopymes mail retry --all"))
def retry(
    ctx: typer.Context,
    message_id: Annotated[int | None, typer.Argument(help="Outbox message id.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every dead-lettered message.")] = False,
) -> None:
    """Queue a dead-lettered message (or --all) for delivery again."""
    from fopymes_server.core.errors import ValidationError
    from fopymes_server.mail import service

    if (message_id is None) == (not all_):
        raise ValidationError("message", "give an id or --all (not both)")
    cli = state(ctx)
    with cli.uow(write=True) as uow:
        count = service.retry(uow, cli.principal(uow), message_id)
    output.success(f"{count} messages queued again; the scheduler sends them on its next run.")


@app.command(
    epilog=examples(
        "fopymes mail password", 'echo "$SMTP_PASSWORD" | fopymes mail password --password-stdin'
    )
)
def password(
    ctx: typer.Context,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the SMTP password from stdin.")
    ] = False,
) -> None:
    """Keep the SMTP password in the system keyring (never in config.toml)."""
    from fopymes_server.mail.credentials import store_smtp_password

    cli = state(ctx)
    secret = (
        prompts.read_stdin_lines(1, "password")[0]
        if password_stdin
        else prompts.ask_password("SMTP password")
    )
    store_smtp_password(cli.settings, secret)
    output.success(
        f"Stored the SMTP password of {cli.settings.smtp_username} in the system keyring."
    )
