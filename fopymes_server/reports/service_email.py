"""Use case: e-mail a report. Build it, attach it as a file, queue it in the mail outbox.

The one place that does this: `fopymes report export --email-to`, `POST .../reports/email`
and the scheduled reports job (`reports.schedules.send_due`) all call `email_report`, so
who may send, the subject, the body and the attachment are the same whichever asks.
"""

from __future__ import annotations

from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.reports import service
from fopymes_server.reports.periods import ReportPeriod
from fopymes_server.reports.schemas import ReportData, ReportEmailOut, ReportFormat


def email_report(
    uow: UnitOfWork,
    principal: Principal,
    *,
    to: str,
    fmt: ReportFormat,
    period: ReportPeriod | None = None,
    report: ReportData | None = None,
    table: str | None = None,
) -> ReportEmailOut:
    """Queue the report of `period` (or the `report` already built) for `to`; commits.

    Sending the workspace's figures to an outside address is a write: editors and owners
    only, refused (PermissionDeniedError) before anything is built. A CSV without `table`
    is attached as a ZIP of every table. Raises ValidationError for a bad address, an
    unknown table or an attachment over the mail limit.
    """
    from fopymes_server.mail import service as mail

    principal.require_write()
    if report is None:
        if period is None:
            raise TypeError("email_report needs a period or a report")
        report = service.show(uow, principal, period=period)
    attachment = service.as_attachment(uow, principal, report, fmt, table=table)
    subject = f"fopymes report {report.workspace} {report.period.label}"
    body = (
        f"The report of {report.workspace} for {report.period.start} to {report.period.end} "
        f"is attached ({attachment.name})."
    )
    message_id = mail.queue_report(
        uow,
        principal,
        to,
        subject,
        body,
        attachment.name,
        attachment.content_type,
        attachment.data,
    )
    return ReportEmailOut(
        message_id=message_id,
        to=to,
        period=report.period,
        attachment=attachment.name,
        content_type=attachment.content_type,
        size=len(attachment.data),
    )
