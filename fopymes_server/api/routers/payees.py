"""/workspaces/{workspace_id}/payees and /tags: list, rename, merge payees; list, rename,
delete tags.

Payees and tags are created by the transactions that name them, so there is no POST of
one. Lists are not paged (a workspace has hundreds, not millions) and get a content ETag;
renames and merges are plain writes (no version: nothing but these routes edits them).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.bodies.payees import PayeeList, PayeeMerge, PayeeRename, TagList, TagRename
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.payees import service as payees
from fopymes_server.payees.schemas import PayeeMerged, PayeeOut
from fopymes_server.tags import service as tags
from fopymes_server.tags.schemas import TagOut

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["payees"])

PayeeId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The payee's id.")]
TagId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The tag's id.")]


@router.get(
    "/payees",
    response_model=PayeeList,
    summary="Payees by name, with transaction counts and totals",
    responses=problems.responses(304, *problems.READ),
)
def list_payees(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """The same list as `fopymes payee list`; any member may read it."""
    body = PayeeList(items=payees.list_payees(uow, principal))
    return etag.json_read(request, body.model_dump_json())


@router.patch(
    "/payees/{payee_id}",
    response_model=PayeeOut,
    summary="Rename a payee",
    responses=problems.responses(*problems.WRITE),
)
def rename_payee(
    body: PayeeRename, payee_id: PayeeId, uow: UowDep, principal: PrincipalDep
) -> PayeeOut:
    """A name that another payee has in any case or accents answers 409: merge them."""
    return payees.rename(uow, principal, payee_id, body.name)


@router.post(
    "/payees/{payee_id}/merge",
    response_model=PayeeMerged,
    summary="Merge this payee into another (its transactions and rules move)",
    responses=problems.responses(*problems.WRITE),
)
def merge_payee(
    body: PayeeMerge, payee_id: PayeeId, uow: UowDep, principal: PrincipalDep
) -> PayeeMerged:
    """All or nothing, in one database transaction; the payee in the path is deleted."""
    return payees.merge(uow, principal, payee_id, body.into_id)


@router.get(
    "/tags",
    response_model=TagList,
    summary="Tags by name, with how many transactions carry each",
    responses=problems.responses(304, *problems.READ),
)
def list_tags(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    body = TagList(items=tags.list_tags(uow, principal))
    return etag.json_read(request, body.model_dump_json())


@router.patch(
    "/tags/{tag_id}",
    response_model=TagOut,
    summary="Rename a tag on every transaction that carries it",
    responses=problems.responses(*problems.WRITE),
)
def rename_tag(body: TagRename, tag_id: TagId, uow: UowDep, principal: PrincipalDep) -> TagOut:
    return tags.rename(uow, principal, tag_id, body.name)


@router.delete(
    "/tags/{tag_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a tag (the transactions stay)",
    responses=problems.responses(*problems.WRITE),
)
def delete_tag(tag_id: TagId, uow: UowDep, principal: PrincipalDep) -> Response:
    tags.remove(uow, principal, tag_id)
    return Response(status_code=204)
