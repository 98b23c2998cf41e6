"""Report schedules: add, list, remove, and `send_due` for the jobs runner.

A schedule e-mails one report to one address on the first day of each month, quarter or
year, covering the period just ended. `send_due` is what `jobs/report_emails.py` calls:
for each due schedule it builds the report with its creator's current rights, queues the
e-mail in the outbox and moves the schedule to its next date, all in one transaction, with
a compare-and-set on the date (and SKIP LOCKED on PostgreSQL) so two runners never send
the same report twice. Missed dates are caught up one period at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fopymes_server.core.errors import FopymesError, NotFoundError, ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.identity.rules import clean_email
from fopymes_server.reports import periods, service_email
from fopymes_server.reports.repository import ScheduleRow
from fopymes_server.reports.schemas import ReportFormat, ReportScheduleOut

FREQUENCIES = {
    "monthly": (1, "last-month"),
    "quarterly": (3, "last-quarter"),
    "yearly": (12, "last-year"),
}


def _out(row: ScheduleRow) -> ReportScheduleOut:
    return ReportScheduleOut(
        id=row.id,
        frequency=row.frequency,
        period=row.period,
        format=row.format,
        to=row.recipients,
        next_run_on=row.next_run_on,
        last_run_at=row.last_run_at,
    )


def next_run(frequency: str, after: dt.date) -> dt.date:
    """The first day of the next month, quarter or year strictly after `after`."""
    months = FREQUENCIES[frequency][0]
    index = after.year * 12 + after.month - 1
    index = index - index % months + months
    return dt.date(index // 12, index % 12 + 1, 1)


def add(
    uow: UnitOfWork, principal: Principal, *, frequency: str, fmt: ReportFormat, to: str
) -> ReportScheduleOut:
    """Schedule a report; editors and owners only. ValidationError for a bad address."""
    principal.require_write()
    if frequency not in FREQUENCIES:
        raise ValidationError("frequency", f"'{frequency}' is not monthly, quarterly or yearly")
    now = uow.clock.now()
    new_id = uow.reports.add_schedule(
        {
            "workspace_id": principal.workspace_id,
            "created_by": principal.user_id,
            "frequency": frequency,
            "period": FREQUENCIES[frequency][1],
            "format": fmt.value,
            "recipients": clean_email(to),
            "next_run_on": next_run(frequency, uow.clock.today()),
            "created_at": now,
        }
    )
    created = next(s for s in list_schedules(uow, principal) if s.id == new_id)
    uow.commit()
    return created


def list_schedules(uow: UnitOfWork, principal: Principal) -> list[ReportScheduleOut]:
    """The workspace's schedules by id; any member may read."""
    return [_out(row) for row in uow.reports.schedules(principal.workspace_id)]


def remove(uow: UnitOfWork, principal: Principal, schedule_id: int) -> None:
    """Delete a schedule of the workspace; another workspace's id is NotFoundError."""
    principal.require_write()
    if not uow.reports.delete_schedule(principal.workspace_id, schedule_id):
        raise NotFoundError(f"no report schedule {schedule_id} in this workspace")
    uow.commit()


def send_due(open_uow: Callable[[], UnitOfWork], today: dt.date, *, limit: int = 100) -> int:
    """Queue every report due on or before `today`; returns how many were queued.

    Each send is its own transaction. A schedule whose creator left the workspace (or
    whose report cannot be built) is moved on without sending, so it cannot block the
    others; the next run tries the next period.
    """
    sent = 0
    for _ in range(limit):
        with open_uow() as uow:
            due = uow.reports.due_schedules(today, limit=1)
            if not due:
                return sent
            row = due[0]
            moved = uow.reports.advance_schedule(
                row.id,
                was=row.next_run_on,
                next_run_on=next_run(row.frequency, row.next_run_on),
                now=uow.clock.now(),
            )
            if not moved:
                continue
            try:
                principal = identity.principal_for(uow, row.created_by, row.workspace_id)
                service_email.email_report(
                    uow,
                    principal,
                    period=periods.parse_period(row.period, row.next_run_on),
                    fmt=ReportFormat(row.format),
                    to=row.recipients,
                )  # commits
                sent += 1
            except FopymesError:
                uow.commit()  # keep the schedule moved on; nothing was queued
    return sent
