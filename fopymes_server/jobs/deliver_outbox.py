"""Job: deliver the mail outbox through SMTP with retries and dead-lettering."""

from __future__ import annotations

from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.jobs.base import Job
from fopymes_server.mail.outbox import RetryPolicy, deliver_due
from fopymes_server.mail.sender import SmtpConfig, SmtpSender


def run(ctx: AppContext, now: datetime) -> str:
    sender = SmtpSender(SmtpConfig.from_settings(ctx.settings))
    report = deliver_due(ctx, sender, now=now, policy=RetryPolicy.from_settings(ctx.settings))
    if not report.configured:
        return f"no SMTP server configured (FOPYMES_SMTP_HOST); {report.waiting} waiting"
    return (
        f"{report.sent} sent, {report.failed} failed ({report.dead} dead-lettered), "
        f"{report.waiting} waiting"
    )


JOB = Job(
    name="deliver_outbox",
    every=timedelta(seconds=30),
    run=run,
    description="Send queued e-mail; retry with backoff; dead-letter after the last attempt.",
)
