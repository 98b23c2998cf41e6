"""Job: after a month ends, send every workspace's members the month's summary, once."""

from __future__ import annotations

from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.jobs import service
from fopymes_server.jobs.base import Job, local_today
from fopymes_server.notifications.summaries import raise_monthly_summary


def run(ctx: AppContext, now: datetime) -> str:
    """Summarise the month before today's; the (job, month) claim makes it once per month,
    and each notification's dedupe key makes a takeover after a crash repeat nothing."""
    last = local_today(ctx, now).replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    slot = first.strftime("%Y-%m")
    with ctx.uow() as uow:
        run_id = service.claim_slot(uow, "monthly_summary", slot)
    if run_id is None:
        return f"{slot} already summarised"
    with ctx.uow(write=False) as uow:
        workspaces = service.workspace_ids(uow)
    created = 0
    for workspace_id in workspaces:
        with ctx.uow() as uow:
            created += raise_monthly_summary(uow, workspace_id, first, last)
    summary = f"{slot}: {created} summaries for {len(workspaces)} workspaces"
    with ctx.uow() as uow:
        service.finish_slot(uow, run_id, summary)
    return summary


JOB = Job(
    name="monthly_summary",
    every=timedelta(hours=1),
    run=run,
    description="After a month ends, notify every member of its income, expenses and net.",
)
