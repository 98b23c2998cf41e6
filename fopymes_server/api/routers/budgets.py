"""/workspaces/{workspace_id}/budgets: set, list, status, history and removal of budgets.

The CLI names a budget by its category; the API names it by id. A route looks the budget
up by id (`budgets.service.get_by_id`) and hands its category to the same service call
the CLI makes, so both front ends share every rule. Budgets carry no version, so reads get
a content ETag and writes need no If-Match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.budgets import (
    BudgetIn,
    BudgetList,
    BudgetPatch,
    BudgetStatusList,
)
from fopymes_server.api.bodies.common import MAX_INT32, Day
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.budgets import service as budgets
from fopymes_server.budgets import status as budget_status
from fopymes_server.budgets import steps as budget_steps
from fopymes_server.budgets.schemas import BudgetOut, BudgetStatusOut
from fopymes_server.budgets.status import MAX_HISTORY
from fopymes_server.core.dates import parse_month
from fopymes_server.core.errors import ValidationError

router = APIRouter(prefix="/workspaces/{workspace_id}/budgets", tags=["budgets"])

BudgetId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The budget's id.")]


def _statuses(items: Sequence[BudgetStatusOut]) -> BudgetStatusList:
    return BudgetStatusList(items=list(items))


@router.get(
    "",
    response_model=BudgetList,
    summary="Budgets with their current limit, period, rollover and alerts",
    responses=problems.responses(304, *problems.READ),
)
def list_budgets(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """Like `fopymes budget list`: the all-expenses budget first, then by category name,
    each with every dated limit it has had."""
    body = BudgetList(items=budgets.list_budgets(uow, principal))
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=BudgetOut,
    summary="Set the budget of a category: create it, or change its limit",
    responses=problems.responses(*problems.WRITE),
)
def set_budget(
    body: BudgetIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes budget set`. A category has one budget, so posting for a category that
    already has one changes it (201 either way, with its Location); an unknown, income or
    archived category is a 422; changing the period or currency of an existing budget is a
    409. Send an Idempotency-Key to retry safely."""

    def act() -> BudgetOut:
        return budget_steps.set_budget(uow, principal, data=body.to_set())

    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=act,
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/status",
    response_model=BudgetStatusList,
    summary="How every budget stands in its current (or another) period",
    responses=problems.responses(304, *problems.READ),
)
def status(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    period: Annotated[
        str | None,
        Query(
            pattern=r"^(19|2[0-9])[0-9]{2}-[0-9]{2}$",
            description="YYYY-MM: every budget over that month's dates, limits pro rata "
            "where a budget period runs past them (as in that month's report).",
            examples=["2026-11"],
        ),
    ] = None,
    date: Annotated[
        Day | None, Query(description="Each budget's period containing this date.")
    ] = None,
) -> Response:
    """Like `fopymes budget status`: limit (with rollover), spent, remaining, projection and
    alerts crossed, per budget. Give `period` or `date`, not both; neither means today."""
    if period is not None and date is not None:
        raise ValidationError("period", "use either period or date")
    if period is not None:
        items = budget_status.in_range(uow, principal, *parse_month(period, field="period"))
    else:
        items = budget_status.status(uow, principal, on=date)
    return etag.json_read(request, _statuses(items).model_dump_json())


@router.get(
    "/{budget_id}",
    response_model=BudgetOut,
    summary="One budget with its limit history",
    responses=problems.responses(304, *problems.READ),
)
def get_budget(
    request: Request, budget_id: BudgetId, uow: UowDep, principal: PrincipalDep
) -> Response:
    found = budgets.get_by_id(uow, principal, budget_id)
    return etag.json_read(request, found.model_dump_json())


@router.get(
    "/{budget_id}/history",
    response_model=BudgetStatusList,
    summary="A budget period by period, each with the limit it had then",
    responses=problems.responses(304, *problems.READ),
)
def history(
    request: Request,
    budget_id: BudgetId,
    uow: UowDep,
    principal: PrincipalDep,
    last: Annotated[
        int, Query(ge=1, le=MAX_HISTORY, description="How many periods, oldest first.")
    ] = 12,
    date: Annotated[
        Day | None, Query(description="The last period is the one containing it; today.")
    ] = None,
) -> Response:
    """Like `fopymes budget history`; no period before the budget began."""
    budget = budgets.get_by_id(uow, principal, budget_id)
    items = budget_status.history(uow, principal, budget.category_id, last=last, on=date)
    return etag.json_read(request, _statuses(items).model_dump_json())


@router.patch(
    "/{budget_id}",
    response_model=BudgetOut,
    summary="Change a budget's limit (from a period on), rollover, cap or alerts",
    responses=problems.responses(*problems.WRITE),
)
def change_budget(
    body: BudgetPatch, budget_id: BudgetId, uow: UowDep, principal: PrincipalDep
) -> BudgetOut:
    """A new amount becomes the limit from the period containing `effective_from` (today
    by default); earlier periods keep theirs. An empty change is a 422."""
    budget = budgets.get_by_id(uow, principal, budget_id)
    return budgets.set_budget(uow, principal, data=body.to_set(budget.category_id))


@router.delete(
    "/{budget_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a budget and its limit history",
    responses=problems.responses(*problems.WRITE),
)
def delete_budget(budget_id: BudgetId, uow: UowDep, principal: PrincipalDep) -> Response:
    """Transactions are untouched; only the limits go."""
    budget = budgets.get_by_id(uow, principal, budget_id)
    budgets.remove(uow, principal, budget.category_id)
    return Response(status_code=204)
