"""/workspaces/{workspace_id}/reports: the period report as JSON, files, e-mail, schedules.

Periods are named exactly as `fopymes report` names them (`period`, `month`, `quarter`,
`year`, `date_from`/`date_to`) and read by the CLI's own `reports.periods.resolve`, so the
two accept and refuse the same input with the same messages. Any member may read a report;
e-mailing one and managing schedules are writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32, Text
from fopymes_server.api.bodies.reports import (
    PERIOD_WORDS,
    ReportEmailIn,
    ReportScheduleIn,
    ReportScheduleList,
)
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.reports import labels, periods, schedules, service, service_email
from fopymes_server.reports.periods import ReportPeriod
from fopymes_server.reports.schemas import (
    CONTENT_TYPES,
    GroupReport,
    ReportBy,
    ReportData,
    ReportEmailOut,
    ReportFormat,
    ReportScheduleOut,
)

router = APIRouter(prefix="/workspaces/{workspace_id}/reports", tags=["reports"])

ZIP_TYPE = "application/zip"
ScheduleId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The report schedule's id.")]
PeriodParam = Annotated[Text | None, Query(min_length=1, max_length=40)]


@dataclass(frozen=True, slots=True)
class PeriodTexts:
    """The period as the request named it, before it is read (after authorization)."""

    period: str | None = None
    month: str | None = None
    quarter: str | None = None
    year: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def period_query(
    period: Annotated[
        PeriodParam,
        Query(
            description=f"{PERIOD_WORDS}, or YYYY-MM, YYYYQn, YYYY, FROM..TO.",
            examples=["last-month"],
        ),
    ] = None,
    month: Annotated[
        PeriodParam, Query(description="A month, YYYY-MM.", examples=["2026-10"])
    ] = None,
    quarter: Annotated[
        PeriodParam, Query(description="A quarter, e.g. 2026Q3.", examples=["2026Q3"])
    ] = None,
    year: Annotated[
        PeriodParam, Query(description="A calendar year, YYYY.", examples=["2026"])
    ] = None,
    date_from: Annotated[
        PeriodParam,
        Query(
            description="First day (inclusive): YYYY-MM-DD, today, yesterday.",
            examples=["2026-10-01"],
        ),
    ] = None,
    date_to: Annotated[
        PeriodParam,
        Query(description="Last day (inclusive; default today).", examples=["2026-10-31"]),
    ] = None,
) -> PeriodTexts:
    """Only collects the texts: reading them waits until the caller is known to belong to
    the workspace, so a stranger learns nothing from a 422 about a period."""
    return PeriodTexts(period, month, quarter, year, date_from, date_to)


PeriodQuery = Annotated[PeriodTexts, Depends(period_query)]


def _period(uow: UnitOfWork, texts: PeriodTexts) -> ReportPeriod:
    """One period from the request, with the CLI's rules: one way only, this month if none."""
    return periods.resolve(
        uow.clock.today(),
        period=texts.period,
        month_text=texts.month,
        quarter_text=texts.quarter,
        year_text=texts.year,
        date_from=texts.date_from,
        date_to=texts.date_to,
    )


def _disposition(name: str) -> str:
    """`attachment; filename="..."`, plus RFC 6266's `filename*` when the name (it holds
    the workspace name) is not ASCII: headers are Latin-1 and a raw `ñ` would fail."""
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    if ascii_name == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


_FILE_CONTENT: dict[str, dict[str, Any]] = {
    media: {"schema": {"type": "string", "format": "binary"}}
    for media in [*CONTENT_TYPES.values(), ZIP_TYPE]
}


@router.get(
    "",
    response_model=ReportData | GroupReport,
    summary="The report of a period as JSON (this month by default)",
    responses=problems.responses(304, *problems.READ),
)
def show_report(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    texts: PeriodQuery,
    by: Annotated[
        ReportBy,
        Query(description="category: the whole report; payee or tag: the largest of the period."),
    ] = ReportBy.CATEGORY,
    limit: Annotated[
        int, Query(ge=1, le=labels.MAX_LINES, description="With by=payee|tag: lines per currency.")
    ] = 20,
) -> Response:
    """What `fopymes report show -o json` prints. Amounts are decimal strings in the
    workspace currency; account balances and transfers in their own currency. The
    movements appendix of the files is not repeated here: `GET .../transactions` with
    `date_from`/`date_to` pages through the period's rows. The ETag covers the figures,
    not `generated_at`, so If-None-Match answers 304 until something in the period
    changes. With `by=payee` or `by=tag` the answer is a GroupReport: what `fopymes report
    show --by payee|tag -o json` prints."""
    if by is not ReportBy.CATEGORY:
        grouped = labels.largest(uow, principal, period=_period(uow, texts), by=by, limit=limit)
        return etag.json_read(request, grouped.model_dump_json())
    report = service.show(uow, principal, period=_period(uow, texts))
    tag = etag.content_tag(report.model_dump_json(exclude={"generated_at"}))
    return etag.json_read(request, report.model_dump_json(), etag=tag)


@router.get(
    "/download",
    response_class=Response,
    summary="The report of a period as a PDF, XLSX or CSV file",
    responses={
        200: {
            "description": "The file, as `fopymes report export` names it by default",
            "content": _FILE_CONTENT,
            "headers": {
                "Content-Disposition": {
                    "description": 'attachment; filename="fopymes-books-2026-10.pdf"',
                    "schema": {"type": "string"},
                }
            },
        },
        **problems.responses(*problems.READ),
    },
)
def download_report(
    uow: UowDep,
    principal: PrincipalDep,
    texts: PeriodQuery,
    fmt: Annotated[
        ReportFormat, Query(alias="format", description="pdf, xlsx or csv.", examples=["pdf"])
    ] = ReportFormat.PDF,
    table: Annotated[
        Text | None,
        Query(
            min_length=1,
            max_length=40,
            description="CSV only: one table (e.g. expenses_by_category, trend). Without it "
            "a CSV download is a ZIP of every table, the files the CLI would write.",
            examples=["expenses_by_category"],
        ),
    ] = None,
) -> Response:
    """The same bytes `fopymes report export` writes; XLSX includes the period's rows."""
    if table is not None and fmt is not ReportFormat.CSV:
        raise ValidationError("table", "only a CSV download is one table; leave it out")
    report = service.show(uow, principal, period=_period(uow, texts))
    file = service.as_attachment(uow, principal, report, fmt, table=table)
    return Response(
        file.data,
        media_type=file.content_type,
        headers={"Content-Disposition": _disposition(file.name)},
    )


def _email(uow: UnitOfWork, principal: Principal, body: ReportEmailIn) -> ReportEmailOut:
    texts = PeriodTexts(
        body.period, body.month, body.quarter, body.year, body.date_from, body.date_to
    )
    return service_email.email_report(
        uow, principal, period=_period(uow, texts), fmt=body.format, to=body.to, table=body.table
    )


@router.post(
    "/email",
    status_code=202,
    response_model=ReportEmailOut,
    summary="E-mail the report of a period as an attachment (queued in the outbox)",
    responses=problems.responses(*problems.WRITE),
)
def email_report(
    body: ReportEmailIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """What `fopymes report export --email-to` queues: one message, delivered by the mail
    job with retries. A CSV without `table` is attached as a ZIP of every table. Send an
    Idempotency-Key to retry safely: one message, however many retries.

    Editors and owners only (the service's rule), refused before the report is built.
    """
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: _email(uow, principal, body),
        status_code=202,
    )


@router.get(
    "/schedules",
    response_model=ReportScheduleList,
    summary="Reports e-mailed on a calendar",
    responses=problems.responses(304, *problems.READ),
)
def list_schedules(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    items = schedules.list_schedules(uow, principal)
    body = ReportScheduleList(items=items)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "/schedules",
    status_code=201,
    response_model=ReportScheduleOut,
    summary="E-mail a report each month, quarter or year",
    responses=problems.responses(*problems.WRITE),
)
def add_schedule(
    body: ReportScheduleIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """`fopymes report schedule add`: the scheduler sends it on each 1st, catching up
    missed ones. Send an Idempotency-Key to retry safely."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: schedules.add(
            uow, principal, frequency=body.frequency, fmt=body.format, to=body.to
        ),
    )


@router.delete(
    "/schedules/{report_schedule_id}",
    status_code=204,
    response_class=Response,
    summary="Stop a report schedule",
    responses=problems.responses(*problems.WRITE),
)
def remove_schedule(
    report_schedule_id: ScheduleId, uow: UowDep, principal: PrincipalDep
) -> Response:
    schedules.remove(uow, principal, report_schedule_id)
    return Response(status_code=204)
