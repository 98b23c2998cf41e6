"""Job: evaluate the budget, goal and debt alert rules in every workspace."""

from __future__ import annotations

from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.jobs import service
from fopymes_server.jobs.base import Job, local_today
from fopymes_server.notifications.service_alerts import evaluate


def run(ctx: AppContext, now: datetime) -> str:
    """One unit of work per workspace, so one workspace's trouble cannot roll back the
    others' alerts, and a crash mid-way repeats nothing (dedupe keys)."""
    today = local_today(ctx, now)
    with ctx.uow(write=False) as uow:
        workspaces = service.workspace_ids(uow)
    created = 0
    for workspace_id in workspaces:
        with ctx.uow() as uow:
            created += evaluate(uow, workspace_id, today)
    return f"{created} new alerts across {len(workspaces)} workspaces ({today})"


JOB = Job(
    name="alerts",
    every=timedelta(minutes=15),
    run=run,
    description="Budget thresholds, goal milestones/pace/deadlines, debts due and overdue.",
)
