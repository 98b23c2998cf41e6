"""/workspaces/{workspace_id}/transactions: keyset-paged lists, versioned edits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import (
    MAX_INT32,
    MAX_INT64,
    AmountText,
    Day,
    FlagParam,
    Text,
)
from fopymes_server.api.bodies.reconciliations import ForceParam
from fopymes_server.api.bodies.transactions import TransactionIn, TransactionPatch
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.transactions import service, steps, versioned
from fopymes_server.transactions.schemas import (
    Kind,
    TransactionFilter,
    TransactionOut,
    TransactionPage,
)

router = APIRouter(prefix="/workspaces/{workspace_id}/transactions", tags=["transactions"])
MAX_PAGE_SIZE = 500

TransactionId = Annotated[int, Path(ge=1, le=MAX_INT64, description="The transaction's id.")]
RefId = Annotated[int | None, Query(ge=1, le=MAX_INT32)]
Amount = Annotated[AmountText | None, Query(description="In the workspace currency.")]


@router.get(
    "",
    response_model=TransactionPage,
    summary="List transactions, newest first, one page at a time",
    responses=problems.responses(304, *problems.READ),
)
def list_transactions(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    date_from: Annotated[Day | None, Query(description="First date, inclusive.")] = None,
    date_to: Annotated[Day | None, Query(description="Last date, inclusive.")] = None,
    month: Annotated[str | None, Query(pattern=r"^[0-9]{4}-[0-9]{2}$")] = None,
    category_id: Annotated[RefId, Query(description="Includes its sub-categories.")] = None,
    payment_method_id: RefId = None,
    kind: Kind | None = None,
    search: Annotated[
        Text | None, Query(max_length=200, description="In description or note.")
    ] = None,
    min_amount: Amount = None,
    max_amount: Amount = None,
    tag: Annotated[Text | None, Query(max_length=50, description="Carrying this tag.")] = None,
    payee_id: RefId = None,
    uncategorised: Annotated[
        FlagParam, Query(description="Only incomes and expenses without a category.")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    cursor: Annotated[
        str | None, Query(max_length=200, description="A page's next_cursor.")
    ] = None,
) -> Response:
    """The same filters as `fopymes tx list`. Pages are keyset-paginated on (date, id), so
    every page costs the same; `totals` sums what the page holds, per currency."""
    filters = TransactionFilter(
        month=month,
        date_from=date_from,
        date_to=date_to,
        category=category_id,
        payment_method=payment_method_id,
        kind=kind,
        search=search,
        min_amount=min_amount,
        max_amount=max_amount,
        tag=tag,
        payee=payee_id,
        uncategorised=uncategorised,
    )
    page = service.list_transactions(uow, principal, filters=filters, limit=limit, cursor=cursor)
    return etag.json_read(request, page.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=TransactionOut,
    summary="Record an income or an expense",
    responses=problems.responses(*problems.WRITE),
)
def record(
    body: TransactionIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Send an Idempotency-Key to retry safely: the first response comes back, once."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: steps.add(uow, principal, body.to_create()),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{transaction_id}",
    response_model=TransactionOut,
    summary="One transaction; its ETag is its version",
    responses=problems.responses(304, *problems.READ),
)
def get(
    request: Request, transaction_id: TransactionId, uow: UowDep, principal: PrincipalDep
) -> Response:
    tx = service.get(uow, principal, transaction_id)
    return etag.json_read(request, tx.model_dump_json(), etag=etag.version_tag(tx.version))


@router.patch(
    "/{transaction_id}",
    response_model=TransactionOut,
    summary="Change fields (If-Match required)",
    responses=problems.responses(*problems.WRITE, 412, 428),
)
def edit(
    body: TransactionPatch,
    transaction_id: TransactionId,
    uow: UowDep,
    principal: PrincipalDep,
    if_match: etag.IfMatch = None,
    force: ForceParam = False,
) -> Response:
    """The same rules as recording; If-Match must carry the ETag read last. Of several
    edits made with one ETag, the first wins and the others get 412."""
    expected = etag.expected_version(
        if_match, lambda: service.get(uow, principal, transaction_id).version
    )
    tx = versioned.edit(
        uow,
        principal,
        transaction_id,
        changes=body.to_update(),
        expected_version=expected,
        force=force,
    )
    return Response(
        tx.model_dump_json(),
        media_type="application/json",
        headers={"ETag": etag.version_tag(tx.version)},
    )


@router.delete(
    "/{transaction_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a transaction (If-Match required)",
    responses=problems.responses(*problems.WRITE, 412, 428),
)
def delete(
    transaction_id: TransactionId,
    uow: UowDep,
    principal: PrincipalDep,
    if_match: etag.IfMatch = None,
    force: ForceParam = False,
) -> Response:
    expected = etag.expected_version(
        if_match, lambda: service.get(uow, principal, transaction_id).version
    )
    versioned.delete(uow, principal, transaction_id, expected_version=expected, force=force)
    return Response(status_code=204)
