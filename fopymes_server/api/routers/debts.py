"""/workspaces/{workspace_id}/debts: debts with their balances, payments and schedules.

Debts carry no version (the services never edit one: a mistake is removed and recorded
again), so reads get a content ETag, which also changes as interest accrues, and DELETE
needs no If-Match. The list is not paged: its `totals` sum every listed balance, which the
service replays from all payments, and a workspace has tens of debts, not millions.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32, AmountText, Day, FlagParam
from fopymes_server.api.bodies.debts import (
    DebtIn,
    PaymentIn,
    PaymentList,
    RepaymentScheduleOut,
)
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.debts import payments, service, steps
from fopymes_server.debts.rules import MAX_INSTALMENTS
from fopymes_server.debts.schemas import DebtDetail, DebtList, DebtOut, Direction

router = APIRouter(prefix="/workspaces/{workspace_id}/debts", tags=["debts"])

DebtId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The debt's id.")]


@router.get(
    "",
    response_model=DebtList,
    summary="Debts with today's balance, and what is owed each way",
    responses=problems.responses(304, *problems.READ),
)
def list_debts(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    open_only: Annotated[
        FlagParam, Query(alias="open", description="Only debts not paid off.")
    ] = False,
    direction: Annotated[
        Direction | None, Query(description="Only debts you owe, or only those owed to you.")
    ] = None,
) -> Response:
    """The same filters as `fopymes debt list` (--open, --i-owe, --owed-to-me)."""
    debts = service.list_debts(uow, principal, open_only=open_only, direction=direction)
    return etag.json_read(request, debts.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=DebtOut,
    summary="Record a debt you owe or one owed to you",
    responses=problems.responses(*problems.WRITE),
)
def add_debt(
    body: DebtIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """An unknown contact or category is 404; a plan that can never repay the debt is 409.
    Send an Idempotency-Key to retry safely: the first response comes back, once."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: steps.add(uow, principal, data=body.to_create()),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{debt_id}",
    response_model=DebtDetail,
    summary="One debt with its payments, valued today or on a date",
    responses=problems.responses(304, *problems.READ),
)
def show_debt(
    request: Request,
    debt_id: DebtId,
    uow: UowDep,
    principal: PrincipalDep,
    on: Annotated[
        Day | None,
        Query(description="Value it on this date: interest to then, payments made by then."),
    ] = None,
) -> Response:
    """Like `fopymes debt show [--date]`; a date before the debt started is 422."""
    body = service.show(uow, principal, debt_id, on=on)
    return etag.json_read(request, body.model_dump_json())


@router.delete(
    "/{debt_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a debt and its payments",
    responses=problems.responses(*problems.WRITE),
)
def delete_debt(debt_id: DebtId, uow: UowDep, principal: PrincipalDep) -> Response:
    """Transactions its payments recorded stay: they were real money."""
    service.remove(uow, principal, debt_id)
    return Response(status_code=204)


@router.get(
    "/{debt_id}/payments",
    response_model=PaymentList,
    summary="A debt's payments, in the order they apply",
    responses=problems.responses(304, *problems.READ),
)
def list_payments(
    request: Request, debt_id: DebtId, uow: UowDep, principal: PrincipalDep
) -> Response:
    detail = service.show(uow, principal, debt_id)
    body = PaymentList(items=detail.payments)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "/{debt_id}/payments",
    status_code=201,
    response_model=DebtDetail,
    summary="Record a payment of a debt (never more than its balance)",
    responses=problems.responses(*problems.WRITE),
)
def pay_debt(
    body: PaymentIn,
    debt_id: DebtId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Answers the debt with its new balance and every payment (the new one included).

    A payment larger than the balance on its date is 409; a future date is 422. With
    `record_transaction` the expense (or income) is recorded in the same commit. Send an
    Idempotency-Key: a retried payment is the one most worth not making twice.
    """
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: payments.pay(uow, principal, debt_id, data=body.to_create()),
        location=lambda _made: request.url.path.removesuffix("/payments"),
    )


@router.get(
    "/{debt_id}/schedule",
    response_model=RepaymentScheduleOut,
    summary="The monthly repayment plan from the debt's start",
    responses=problems.responses(304, *problems.READ, 409),
)
def repayment_schedule(
    request: Request,
    debt_id: DebtId,
    uow: UowDep,
    principal: PrincipalDep,
    instalments: Annotated[
        int | None, Query(ge=1, le=MAX_INSTALMENTS, description="Repay in this many months.")
    ] = None,
    monthly_payment: Annotated[
        AmountText | None, Query(description="Repay this much a month.")
    ] = None,
) -> Response:
    """The debt's own plan unless one is given (at most one of the two). A monthly payment
    that never covers the interest is 409; no plan at all is 422."""
    rows = payments.schedule(
        uow, principal, debt_id, instalments=instalments, monthly_payment=monthly_payment
    )
    body = RepaymentScheduleOut(items=rows)
    return etag.json_read(request, body.model_dump_json())
