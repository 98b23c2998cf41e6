"""Job: create the transactions (and reminders) of every schedule due today or earlier."""

from __future__ import annotations

from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.jobs.base import Job, local_today
from fopymes_server.scheduled import materialise
from fopymes_server.scheduled.schemas import MaterialiseResult


def run(ctx: AppContext, now: datetime) -> str:
    """Materialise batch after batch, each in its own transaction, until nothing is due.

    A crash loses at most the batch in hand (rolled back, redone by the next run); another
    scheduler working at the same time takes other batches (SKIP LOCKED). A schedule with
    more dates due than one pass creates (materialise.MAX_PER_PASS) is not claimed again in
    this run; the next run goes on from its first date not created.
    """
    today = local_today(ctx, now)
    total = MaterialiseResult()
    while True:
        with ctx.uow() as uow:
            done = materialise.materialise_due(uow, today=today, carried=frozenset(total.carried))
        if done.schedules == 0:
            break
        total.schedules += done.schedules
        total.posted += done.posted
        total.reminders += done.reminders
        total.paused += done.paused
        total.carried.extend(done.carried)
    carried = f", {len(total.carried)} carried to the next run" if total.carried else ""
    return (
        f"{total.posted} posted, {total.reminders} reminders, "
        f"{total.paused} paused, over {total.schedules} schedules{carried} (through {today})"
    )


JOB = Job(
    name="materialise_recurring",
    every=timedelta(minutes=1),
    run=run,
    description="Create due scheduled transactions and reminders, catching up missed dates.",
)
