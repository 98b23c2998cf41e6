"""Job: once a day, delete old events, delivered e-mail, expired reset tokens, old claims."""

from __future__ import annotations

from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.jobs import service
from fopymes_server.jobs.base import Job, local_today


def run(ctx: AppContext, now: datetime) -> str:
    slot = local_today(ctx, now).isoformat()
    with ctx.uow() as uow:
        run_id = service.claim_slot(uow, "prune", slot)
    if run_id is None:
        return f"already done for {slot}"
    settings = ctx.settings
    with ctx.uow() as uow:
        report = service.prune(
            uow,
            events_before=now - timedelta(days=settings.event_retention_days),
            sent_mail_before=now - timedelta(days=settings.outbox_retention_days),
        )
    summary = (
        f"{report.events} events, {report.outbox} sent e-mails, {report.password_resets} "
        f"reset tokens, {report.job_runs} job claims deleted"
    )
    with ctx.uow() as uow:
        service.finish_slot(uow, run_id, summary)
    return summary


JOB = Job(
    name="prune",
    every=timedelta(hours=1),
    run=run,
    description="Once a day: delete old events and delivered e-mail (see *_retention_days).",
)
