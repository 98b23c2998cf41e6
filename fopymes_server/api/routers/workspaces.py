"""/workspaces and /workspaces/{workspace_id}/members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.bodies.identity import (
    MemberIn,
    MemberList,
    MemberPatch,
    WorkspaceIn,
    WorkspaceList,
)
from fopymes_server.api.deps import NO_STORE, IdentityDep, PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.identity import members_by_id, steps
from fopymes_server.identity import service as identity
from fopymes_server.identity.schemas import MemberAdded, MemberOut, MemberWorkspace

router = APIRouter(prefix="/workspaces", tags=["workspaces"])
UserId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The member's user id.")]


@router.get(
    "",
    response_model=WorkspaceList,
    summary="Your workspaces and your role in each",
    responses=problems.responses(304, 401, 503),
)
def list_workspaces(request: Request, uow: UowDep, signed_in: IdentityDep) -> Response:
    items = identity.workspaces_with_role(uow, signed_in.user.id)
    return etag.json_read(request, WorkspaceList(items=items).model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=MemberWorkspace,
    summary="Create a workspace you own",
    responses=problems.responses(401, 413, 422, 503),
)
def create_workspace(
    body: WorkspaceIn,
    request: Request,
    uow: UowDep,
    signed_in: IdentityDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Seeded with Cash and the categories of `template` (a household's by default, or a
    business's), like `fopymes workspace create --template`."""
    return respond(
        request,
        uow,
        user_id=signed_in.user.id,
        key=idempotency_key,
        body=body,
        action=lambda: steps.create_workspace(
            uow,
            signed_in.user.id,
            name=body.name,
            currency=body.currency,
            template=body.template.value,
        ),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{workspace_id}",
    response_model=MemberWorkspace,
    summary="One of your workspaces",
    responses=problems.responses(304, 401, 404, 422, 503),
)
def get_workspace(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    workspace = identity.workspace_with_role(uow, principal)
    return etag.json_read(request, workspace.model_dump_json())


@router.get(
    "/{workspace_id}/members",
    response_model=MemberList,
    summary="Everyone in the workspace",
    responses=problems.responses(304, 401, 404, 422, 503),
)
def list_members(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    items = identity.members(uow, principal)
    return etag.json_read(request, MemberList(items=items).model_dump_json())


@router.post(
    "/{workspace_id}/members",
    status_code=201,
    response_model=MemberAdded,
    dependencies=NO_STORE,
    summary="Add someone by e-mail (owners)",
    responses=problems.responses(401, 403, 404, 409, 413, 422, 503),
)
def add_member(body: MemberIn, uow: UowDep, principal: PrincipalDep) -> MemberAdded:
    """A new user gets a first password, shown once. Not idempotent: a replay would keep it."""
    return identity.add_member(uow, principal, email=body.email, role=body.role)


@router.get(
    "/{workspace_id}/members/{user_id}",
    response_model=MemberOut,
    summary="One member",
    responses=problems.responses(304, 401, 404, 422, 503),
)
def get_member(request: Request, user_id: UserId, uow: UowDep, principal: PrincipalDep) -> Response:
    member = members_by_id.member(uow, principal, user_id)
    return etag.json_read(request, member.model_dump_json())


@router.patch(
    "/{workspace_id}/members/{user_id}",
    response_model=MemberOut,
    summary="Change a member's role (owners; the last owner stays)",
    responses=problems.responses(401, 403, 404, 409, 413, 422, 503),
)
def change_role(
    body: MemberPatch, user_id: UserId, uow: UowDep, principal: PrincipalDep
) -> MemberOut:
    return members_by_id.change_role(uow, principal, user_id, role=body.role)


@router.delete(
    "/{workspace_id}/members/{user_id}",
    status_code=204,
    response_class=Response,
    summary="Remove a member (owners); their tokens and sign-ins end",
    responses=problems.responses(401, 403, 404, 409, 422, 503),
)
def remove_member(user_id: UserId, uow: UowDep, principal: PrincipalDep) -> Response:
    members_by_id.remove(uow, principal, user_id)
    return Response(status_code=204)
