"""/workspaces/{workspace_id}/payment-methods."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.catalogue import ItemId, apply_change
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.api.models.catalogue import (
    CatalogueChange,
    PaymentMethodIn,
    PaymentMethodList,
    PaymentMethodOut,
)
from fopymes_server.api.models.common import FlagParam
from fopymes_server.payment_methods import service as methods

router = APIRouter(prefix="/workspaces/{workspace_id}/payment-methods", tags=["payment methods"])


@router.get(
    "",
    response_model=PaymentMethodList,
    summary="Payment methods",
    responses=problems.responses(304, *problems.READ),
)
def list_methods(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    include_archived: Annotated[FlagParam, Query(description="Add archived ones.")] = False,
) -> Response:
    items = methods.list_methods(uow, principal, include_archived=include_archived)
    body = PaymentMethodList(items=[PaymentMethodOut.model_validate(m) for m in items])
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=PaymentMethodOut,
    summary="Add a payment method",
    responses=problems.responses(*problems.WRITE),
)
def add_method(
    body: PaymentMethodIn,
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
        action=lambda: PaymentMethodOut.model_validate(
            methods.add(uow, principal, name=body.name, type=body.type, last_four=body.last_four)
        ),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{item_id}",
    response_model=PaymentMethodOut,
    summary="One payment method",
    responses=problems.responses(304, *problems.READ),
)
def get_method(request: Request, item_id: ItemId, uow: UowDep, principal: PrincipalDep) -> Response:
    found = PaymentMethodOut.model_validate(methods.resolve(uow, principal, item_id))
    return etag.json_read(request, found.model_dump_json())


@router.patch(
    "/{item_id}",
    response_model=PaymentMethodOut,
    summary="Rename, archive or restore a payment method",
    responses=problems.responses(*problems.WRITE),
)
def change_method(
    body: CatalogueChange, item_id: ItemId, uow: UowDep, principal: PrincipalDep
) -> PaymentMethodOut:
    changed = apply_change(
        body,
        uow,
        rename=lambda name: methods.rename(uow, principal, item_id, name=name),
        archive=lambda restore: methods.archive(uow, principal, item_id, restore=restore),
    )
    return PaymentMethodOut.model_validate(changed)


@router.delete(
    "/{item_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a payment method no transaction uses",
    responses=problems.responses(*problems.WRITE),
)
def delete_method(item_id: ItemId, uow: UowDep, principal: PrincipalDep) -> Response:
    methods.remove(uow, principal, item_id)
    return Response(status_code=204)
