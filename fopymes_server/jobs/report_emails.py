"""Job: e-mail the reports that `fopymes report schedule add` asked for, once per period."""

from __future__ import annotations

from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.jobs.base import Job, local_today
from fopymes_server.reports import schedules


def run(ctx: AppContext, now: datetime) -> str:
    """Queue every scheduled report due by today into the outbox.

    No job slot is claimed: each schedule moves to its next date in the same transaction
    that queues its e-mail, with a compare-and-set on the date, so two runners (or a
    runner restarted halfway) queue each period's report exactly once. The outbox job,
    which runs after this one in a pass, sends them.
    """
    queued = schedules.send_due(ctx.uow, local_today(ctx, now))
    return f"{queued} report e-mails queued"


JOB = Job(
    name="report_emails",
    every=timedelta(hours=1),
    run=run,
    description="On the first day of a month, quarter or year, queue the scheduled reports.",
)
