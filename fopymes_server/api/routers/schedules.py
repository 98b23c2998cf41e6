"""/workspaces/{workspace_id}/schedules: recurring transactions, reminders, the forecast.

The same operations as `fopymes schedule`. A schedule carries a `version`, so its ETag is
`"v<version>"` and PATCH or DELETE need If-Match (428 without, 412 when stale); pause,
resume and skip-next are actions (POST, with Idempotency-Key) that need no version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32, MAX_INT64
from fopymes_server.api.bodies.schedules import (
    ConfirmIn,
    OccurrenceList,
    ScheduleIn,
    ScheduleList,
    SchedulePatch,
    SkippedOut,
)
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.scheduled import confirmations, forecast, service, service_edit
from fopymes_server.scheduled.schemas import (
    ForecastOut,
    OccurrenceOut,
    ScheduleDetailOut,
    ScheduleOut,
)

router = APIRouter(prefix="/workspaces/{workspace_id}/schedules", tags=["schedules"])

ScheduleId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The schedule's id.")]
OccurrenceId = Annotated[
    int, Path(ge=1, le=MAX_INT64, description="A pending occurrence's id (see /pending).")
]


def _versioned(schedule: ScheduleOut) -> Response:
    """The schedule as JSON with its version as ETag, for the next If-Match."""
    return Response(
        schedule.model_dump_json(),
        media_type="application/json",
        headers={"ETag": etag.version_tag(schedule.version)},
    )


@router.get(
    "",
    response_model=ScheduleList,
    summary="Every schedule, by name (ended and paused ones included)",
    responses=problems.responses(304, *problems.READ),
)
def list_schedules(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """Like `fopymes schedule list`: `next_due` is null once a schedule ended, `paused`
    says whether it waits for a resume."""
    items = service.list_schedules(uow, principal)
    body = ScheduleList(items=items)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=ScheduleOut,
    summary="Plan a recurring income or expense",
    responses=problems.responses(*problems.WRITE),
)
def create(
    body: ScheduleIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A start in the past is caught up on the scheduler's next run; names are unique in
    the workspace (409). `mode: remind` notifies on each date instead of recording."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: service.create(uow, principal, data=body.to_create()),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/upcoming",
    response_model=ForecastOut,
    summary="Forecast: planned transactions and running balances per payment method",
    responses=problems.responses(304, *problems.READ),
)
def upcoming(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    days: Annotated[
        int, Query(ge=1, le=forecast.MAX_DAYS, description="How many days ahead.")
    ] = 30,
) -> Response:
    """Like `fopymes schedule upcoming`: each item carries its payment method's balance
    after it (from everything recorded up to today), `lowest` marks where that balance
    bottoms out, and `methods` sums each method up (opening, lowest, closing)."""
    planned = forecast.upcoming(uow, principal, days=days)
    return etag.json_read(request, planned.model_dump_json())


@router.get(
    "/pending",
    response_model=OccurrenceList,
    summary="Reminders waiting to be confirmed or skipped",
    responses=problems.responses(304, *problems.READ),
)
def pending(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """Occurrences of `remind` schedules that came due, oldest first."""
    items = confirmations.pending(uow, principal)
    body = OccurrenceList(items=items)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "/occurrences/{occurrence_id}/confirm",
    response_model=OccurrenceOut,
    summary="Record the transaction of a pending reminder",
    responses=problems.responses(*problems.WRITE),
)
def confirm(
    body: ConfirmIn,
    occurrence_id: OccurrenceId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Send `{}` to record the planned amount on the occurrence's date, or the real
    amount or date. An occurrence already confirmed or skipped is a 409."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        status_code=200,
        action=lambda: confirmations.confirm(
            uow,
            principal,
            occurrence_id,
            amount=body.amount,
            date=body.date.isoformat() if body.date else None,
        ),
    )


@router.post(
    "/occurrences/{occurrence_id}/skip",
    response_model=OccurrenceOut,
    summary="Skip a pending reminder: nothing is recorded for it",
    responses=problems.responses(*problems.WRITE),
)
def skip_occurrence(
    occurrence_id: OccurrenceId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=None,
        status_code=200,
        action=lambda: confirmations.skip(uow, principal, occurrence_id),
    )


@router.get(
    "/{schedule_id}",
    response_model=ScheduleDetailOut,
    summary="One schedule and its next dates; its ETag is its version",
    responses=problems.responses(304, *problems.READ),
)
def get(
    request: Request,
    schedule_id: ScheduleId,
    uow: UowDep,
    principal: PrincipalDep,
    dates: Annotated[int, Query(ge=0, le=100, description="How many next dates.")] = 10,
) -> Response:
    """Like `fopymes schedule show`. The ETag names the version, which every change a
    person makes bumps; the dates the scheduler creates by itself leave it alone."""
    record = service.get_record(uow, principal, schedule_id)  # by id only, never by name
    detail = service.show(uow, principal, record.id, dates=dates)
    return etag.json_read(request, detail.model_dump_json(), etag=etag.version_tag(detail.version))


@router.patch(
    "/{schedule_id}",
    response_model=ScheduleOut,
    summary="Change a schedule from today on (If-Match required)",
    responses=problems.responses(*problems.WRITE, 412, 428),
)
def edit(
    body: SchedulePatch,
    schedule_id: ScheduleId,
    uow: UowDep,
    principal: PrincipalDep,
    if_match: etag.IfMatch = None,
) -> Response:
    """Dates already due are first created under the old terms; the change applies to
    the occurrences still to come. If-Match must carry the ETag read last."""
    expected = etag.expected_version(
        if_match, lambda: service.get_record(uow, principal, schedule_id).version
    )
    changed = service_edit.edit_versioned(
        uow, principal, schedule_id, changes=body.to_update(), expected_version=expected
    )
    return _versioned(changed)


@router.delete(
    "/{schedule_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a schedule; its transactions stay (If-Match required)",
    responses=problems.responses(*problems.WRITE, 412, 428),
)
def delete(
    schedule_id: ScheduleId,
    uow: UowDep,
    principal: PrincipalDep,
    if_match: etag.IfMatch = None,
) -> Response:
    expected = etag.expected_version(
        if_match, lambda: service.get_record(uow, principal, schedule_id).version
    )
    service.remove_versioned(uow, principal, schedule_id, expected_version=expected)
    return Response(status_code=204)


Toggle = Callable[[UnitOfWork, Principal, int], ScheduleOut]


def _toggle(
    request: Request,
    uow: UnitOfWork,
    principal: Principal,
    key: str | None,
    schedule_id: int,
    operation: Toggle,
) -> Response:
    """Pause or resume through `respond`, the id checked as an id (never a name)."""

    def run() -> ScheduleOut:
        record = service.get_record(uow, principal, schedule_id)
        return operation(uow, principal, record.id)

    return respond(
        request, uow, user_id=principal.user_id, key=key, body=None, status_code=200, action=run
    )


@router.post(
    "/{schedule_id}/pause",
    response_model=ScheduleOut,
    summary="Stop creating occurrences until resumed",
    responses=problems.responses(*problems.WRITE),
)
def pause(
    schedule_id: ScheduleId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Pausing a paused schedule changes nothing."""
    return _toggle(request, uow, principal, idempotency_key, schedule_id, service.pause)


@router.post(
    "/{schedule_id}/resume",
    response_model=ScheduleOut,
    summary="Resume from today (dates inside the pause are not caught up)",
    responses=problems.responses(*problems.WRITE),
)
def resume(
    schedule_id: ScheduleId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A schedule that is not paused is a 409."""
    return _toggle(request, uow, principal, idempotency_key, schedule_id, service.resume)


@router.post(
    "/{schedule_id}/skip-next",
    response_model=SkippedOut,
    summary="Skip the next occurrence of a schedule",
    responses=problems.responses(*problems.WRITE),
)
def skip_next(
    schedule_id: ScheduleId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The skipped date is never created; a schedule with no dates left is a 409. Send
    an Idempotency-Key: a blind retry would otherwise skip a second date."""

    def run() -> SkippedOut:
        record = service.get_record(uow, principal, schedule_id)
        day = service.skip_next(uow, principal, record.id)
        now = service.show(uow, principal, record.id, dates=0)
        return SkippedOut(skipped=day, schedule=ScheduleOut(**dict(now)))

    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=None,
        status_code=200,
        action=run,
    )
