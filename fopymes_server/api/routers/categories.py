"""/workspaces/{workspace_id}/categories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.catalogue import (
    CatalogueChange,
    CategoryIn,
    CategoryList,
)
from fopymes_server.api.bodies.common import FlagParam
from fopymes_server.api.catalogue import ItemId, apply_change
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind, CategoryOut

router = APIRouter(prefix="/workspaces/{workspace_id}/categories", tags=["categories"])


@router.get(
    "",
    response_model=CategoryList,
    summary="Categories, parents before their children",
    responses=problems.responses(304, *problems.READ),
)
def list_categories(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    kind: CategoryKind | None = None,
    include_archived: Annotated[FlagParam, Query(description="Add archived ones.")] = False,
) -> Response:
    items = categories.list_categories(uow, principal, kind=kind, include_archived=include_archived)
    body = CategoryList(items=items)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=CategoryOut,
    summary="Add a category (one level of sub-categories)",
    responses=problems.responses(*problems.WRITE),
)
def add_category(
    body: CategoryIn,
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
        body=body,
        action=lambda: categories.add(
            uow, principal, name=body.name, kind=body.kind, parent=body.parent_id
        ),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{item_id}",
    response_model=CategoryOut,
    summary="One category",
    responses=problems.responses(304, *problems.READ),
)
def get_category(
    request: Request, item_id: ItemId, uow: UowDep, principal: PrincipalDep
) -> Response:
    found = categories.resolve(uow, principal, item_id)
    return etag.json_read(request, found.model_dump_json())


@router.patch(
    "/{item_id}",
    response_model=CategoryOut,
    summary="Rename, archive or restore a category",
    responses=problems.responses(*problems.WRITE),
)
def change_category(
    body: CatalogueChange, item_id: ItemId, uow: UowDep, principal: PrincipalDep
) -> CategoryOut:
    """Transactions keep pointing at a renamed or archived category; history stays."""
    changed = apply_change(
        body,
        uow,
        rename=lambda name: categories.rename(uow, principal, item_id, name=name),
        archive=lambda restore: categories.archive(uow, principal, item_id, restore=restore),
    )
    return changed


@router.delete(
    "/{item_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a category nothing uses (archive one in use)",
    responses=problems.responses(*problems.WRITE),
)
def delete_category(item_id: ItemId, uow: UowDep, principal: PrincipalDep) -> Response:
    categories.remove(uow, principal, item_id)
    return Response(status_code=204)
