"""/workspaces/{workspace_id}/goals: savings goals, money in and out, the plan.

Each route is one call of `goals.service` or `goals.contributions`, the same the CLI
makes; the goal's plan, pace and contributions are parts of `service.show`. Goals carry
no version, so reads get a content ETag and writes need no If-Match.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.bodies.goals import (
    ContributionIn,
    ContributionList,
    GoalIn,
    GoalList,
    GoalPatch,
)
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.goals import contributions
from fopymes_server.goals import service as goals
from fopymes_server.goals import steps as goal_steps
from fopymes_server.goals.schemas import (
    ContributionCreate,
    ContributionRecorded,
    GoalDetail,
    GoalOut,
)

router = APIRouter(prefix="/workspaces/{workspace_id}/goals", tags=["goals"])

GoalId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The goal's id.")]


@router.get(
    "",
    response_model=GoalList,
    summary="Goals with what is saved of each",
    responses=problems.responses(304, *problems.READ),
)
def list_goals(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """Like `fopymes goal list`: every goal by name, cancelled and achieved ones included
    (see `status`)."""
    body = GoalList(items=goals.list_goals(uow, principal))
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=GoalOut,
    summary="Start a savings goal",
    responses=problems.responses(*problems.WRITE),
)
def add_goal(
    body: GoalIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes goal add`; it starts today, owned by you. A name already used (any
    case) is a 409; an unknown or non-expense category a 422. Send an Idempotency-Key to
    retry safely."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: goal_steps.add(uow, principal, data=body.to_create()),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{goal_id}",
    response_model=GoalOut,
    summary="One goal with what is saved of it",
    responses=problems.responses(304, *problems.READ),
)
def get_goal(request: Request, goal_id: GoalId, uow: UowDep, principal: PrincipalDep) -> Response:
    found = goals.show(uow, principal, goal_id).goal
    return etag.json_read(request, found.model_dump_json())


@router.get(
    "/{goal_id}/plan",
    response_model=GoalDetail,
    summary="The goal's instalments to its deadline, pace, suggestion, milestones and history",
    responses=problems.responses(304, *problems.READ),
)
def plan(request: Request, goal_id: GoalId, uow: UowDep, principal: PrincipalDep) -> Response:
    """What `fopymes goal show -o json` prints, recomputed now."""
    detail = goals.show(uow, principal, goal_id)
    return etag.json_read(request, detail.model_dump_json())


@router.patch(
    "/{goal_id}",
    response_model=GoalOut,
    summary="Change a goal's name, target, deadline, frequency or category",
    responses=problems.responses(*problems.WRITE),
)
def edit_goal(body: GoalPatch, goal_id: GoalId, uow: UowDep, principal: PrincipalDep) -> GoalOut:
    """Like `fopymes goal edit`. Fields left out stay; null clears `deadline` or
    `category_id`. Lowering the target can reach milestones, which are recorded. An empty
    change is a 422."""
    return goals.edit(uow, principal, goal_id, changes=body.to_update())


@router.delete(
    "/{goal_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a goal, its contributions and the transfers they recorded",
    responses=problems.responses(*problems.WRITE),
)
def delete_goal(goal_id: GoalId, uow: UowDep, principal: PrincipalDep) -> Response:
    """Like `fopymes goal rm`. The transfers go too: without the goal they would read as
    spending. Cancel the goal instead to keep its history."""
    goals.remove(uow, principal, goal_id)
    return Response(status_code=204)


def _cancel(
    request: Request,
    uow: UnitOfWork,
    principal: Principal,
    goal_id: int,
    key: str | None,
    *,
    restore: bool,
) -> Response:
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=key,
        body=None,
        action=lambda: goal_steps.cancel(uow, principal, goal_id, restore=restore),
        status_code=200,
    )


@router.post(
    "/{goal_id}/cancel",
    response_model=GoalOut,
    summary="Cancel a goal; its contributions and history stay",
    responses=problems.responses(*problems.WRITE),
)
def cancel_goal(
    request: Request,
    goal_id: GoalId,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes goal cancel`. A cancelled goal takes no contributions until restored."""
    return _cancel(request, uow, principal, goal_id, idempotency_key, restore=False)


@router.post(
    "/{goal_id}/restore",
    response_model=GoalOut,
    summary="Make a cancelled goal active again",
    responses=problems.responses(*problems.WRITE),
)
def restore_goal(
    request: Request,
    goal_id: GoalId,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes goal cancel --restore`."""
    return _cancel(request, uow, principal, goal_id, idempotency_key, restore=True)


@router.get(
    "/{goal_id}/contributions",
    response_model=ContributionList,
    summary="Money put into and taken out of a goal, oldest first",
    responses=problems.responses(304, *problems.READ),
)
def list_contributions(
    request: Request, goal_id: GoalId, uow: UowDep, principal: PrincipalDep
) -> Response:
    """The contributions `fopymes goal show` lists; withdrawals are negative."""
    history = goals.show(uow, principal, goal_id).history
    body = ContributionList(items=history)
    return etag.json_read(request, body.model_dump_json())


def _move(
    request: Request,
    uow: UnitOfWork,
    principal: Principal,
    goal_id: int,
    body: ContributionIn,
    key: str | None,
    mover: Callable[..., ContributionRecorded],
) -> Response:
    """Run `contributions.contribute` or `.withdraw` once per Idempotency-Key."""
    data: ContributionCreate = body.to_create()
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=key,
        body=body,
        action=lambda: mover(uow, principal, goal_id, data=data),
    )


@router.post(
    "/{goal_id}/contributions",
    status_code=201,
    response_model=ContributionRecorded,
    summary="Put money into a goal",
    responses=problems.responses(*problems.WRITE),
)
def contribute(
    body: ContributionIn,
    request: Request,
    goal_id: GoalId,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes goal contribute`. With `payment_method_id` the money is also recorded
    as an expense from that method, a transfer to savings that budgets leave out.
    Milestones reached for the first time come back in `milestones_reached`. A cancelled
    goal refuses money (409). Send an Idempotency-Key to retry safely."""
    return _move(request, uow, principal, goal_id, body, idempotency_key, contributions.contribute)


@router.post(
    "/{goal_id}/withdrawals",
    status_code=201,
    response_model=ContributionRecorded,
    summary="Take money out of a goal",
    responses=problems.responses(*problems.WRITE),
)
def withdraw(
    body: ContributionIn,
    request: Request,
    goal_id: GoalId,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes goal withdraw`: recorded as a negative contribution; with
    `payment_method_id` also as an income to that method. More than the goal holds is a
    409. Send an Idempotency-Key to retry safely."""
    return _move(request, uow, principal, goal_id, body, idempotency_key, contributions.withdraw)
