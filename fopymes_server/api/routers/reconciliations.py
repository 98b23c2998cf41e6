"""/workspaces/{workspace_id}/accounts/{item_id}/reconciliations: agree statement balances.

A POST whose balance is not the account's cleared balance on its date is a 409 problem
(`rule-violation`) naming the difference, and changes nothing; one that matches marks the
account's cleared transactions up to the date reconciled and answers 201.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.reconciliations import ReconcileIn, ReconciliationList
from fopymes_server.api.catalogue import ItemId
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.reconciliations import service, steps
from fopymes_server.reconciliations.schemas import Reconciliation

router = APIRouter(
    prefix="/workspaces/{workspace_id}/accounts/{item_id}/reconciliations", tags=["accounts"]
)


@router.post(
    "",
    status_code=201,
    response_model=Reconciliation,
    summary="Reconcile the account against a statement balance",
    responses=problems.responses(*problems.WRITE),
)
def reconcile(
    body: ReconcileIn,
    item_id: ItemId,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Compare `balance` with the cleared balance at the end of `on`: equal, the cleared
    transactions up to `on` become reconciled and the reconciliation is kept (201); not
    equal, 409 with the difference, and nothing changes."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: steps.reconcile(uow, principal, item_id, balance=body.balance, on=body.on),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "",
    response_model=ReconciliationList,
    summary="The account's reconciliations",
    responses=problems.responses(304, *problems.READ),
)
def list_reconciliations(
    item_id: ItemId, request: Request, uow: UowDep, principal: PrincipalDep
) -> Response:
    items = service.list_reconciliations(uow, principal, item_id)
    return etag.json_read(request, ReconciliationList(items=items).model_dump_json())
