"""/workspaces/{workspace_id}/accounts, its older name /payment-methods, and /transfers.

Accounts were payment methods before they had balances; both paths serve the same
operations so existing clients keep working (the /payment-methods ones are documented as
the alias). Every route scopes by the workspace in the path through the service layer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from fopymes_server.accounts import networth, transfers
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import (
    AccountCreate,
    AccountOut,
    AccountRegister,
    AccountUpdate,
    BalanceSheet,
)
from fopymes_server.accounts.transfers import TransferCreate
from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.accounts import (
    AccountIn,
    AccountList,
    AccountPatch,
    NetWorthHistoryOut,
    TransferIn,
)
from fopymes_server.api.bodies.common import Day, FlagParam
from fopymes_server.api.catalogue import ItemId
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, RequestUnitOfWork, respond
from fopymes_server.core.errors import ValidationError
from fopymes_server.transactions.schemas import TransactionOut

MAX_PAGE_SIZE = 500


def _routes(path: str, tag: str, noun: str) -> APIRouter:
    """The account operations under `path` (one call per name the API offers)."""
    routes = APIRouter(prefix=f"/workspaces/{{workspace_id}}/{path}", tags=[tag])

    @routes.get(
        "",
        response_model=AccountList,
        summary=f"List {noun}s",
        responses=problems.responses(304, *problems.READ),
    )
    def list_accounts(
        request: Request,
        uow: UowDep,
        principal: PrincipalDep,
        include_archived: Annotated[FlagParam, Query(description="Add archived ones.")] = False,
    ) -> Response:
        items = accounts.list_methods(uow, principal, include_archived=include_archived)
        body = AccountList(items=items)
        return etag.json_read(request, body.model_dump_json())

    @routes.get(
        "/balances",
        response_model=BalanceSheet,
        summary=f"Balances of the {noun}s and net worth per currency",
        responses=problems.responses(304, *problems.READ),
    )
    def balances(
        request: Request,
        uow: UowDep,
        principal: PrincipalDep,
        on: Annotated[Day | None, Query(description="End of this date; today if omitted.")] = None,
    ) -> Response:
        sheet = accounts.balance_sheet(uow, principal, on=on)
        return etag.json_read(request, sheet.model_dump_json())

    @routes.get(
        "/networth",
        response_model=NetWorthHistoryOut,
        summary="Net worth per currency at every month end",
        responses=problems.responses(304, *problems.READ),
    )
    def networth_by_month(
        request: Request,
        uow: UowDep,
        principal: PrincipalDep,
        date_from: Annotated[
            Day | None, Query(alias="from", description="First month; 11 months before to.")
        ] = None,
        date_to: Annotated[Day | None, Query(alias="to", description="Last month; today.")] = None,
    ) -> Response:
        rows = networth.monthly(uow, principal, start=date_from, end=date_to)
        body = NetWorthHistoryOut(items=rows)
        return etag.json_read(request, body.model_dump_json())

    @routes.post(
        "",
        status_code=201,
        response_model=AccountOut,
        summary=f"Add a {noun}",
        responses=problems.responses(*problems.WRITE),
    )
    def add_account(
        body: AccountIn,
        request: Request,
        uow: UowDep,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        data = AccountCreate(
            name=body.name,
            type=body.type,
            currency=body.currency,
            opening_balance=body.opening_balance,
            opening_date=body.opening_date or "today",
            institution=body.institution,
            last_four=body.last_four or None,
        )
        return respond(
            request,
            uow,
            user_id=principal.user_id,
            key=idempotency_key,
            body=body,
            action=lambda: accounts.create(uow, principal, data),
            location=lambda made: f"{request.url.path}/{made['id']}",
        )

    @routes.get(
        "/{item_id}",
        response_model=AccountOut,
        summary=f"One {noun}",
        responses=problems.responses(304, *problems.READ),
    )
    def get_account(
        request: Request, item_id: ItemId, uow: UowDep, principal: PrincipalDep
    ) -> Response:
        found = accounts.resolve(uow, principal, item_id)
        return etag.json_read(request, found.model_dump_json())

    @routes.get(
        "/{item_id}/register",
        response_model=AccountRegister,
        summary=f"A {noun}'s movements with the running balance, newest first",
        responses=problems.responses(304, *problems.READ),
    )
    def register(
        request: Request,
        item_id: ItemId,
        uow: UowDep,
        principal: PrincipalDep,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
        cursor: Annotated[
            str | None, Query(max_length=200, description="A page's next_cursor.")
        ] = None,
    ) -> Response:
        page = accounts.register(uow, principal, item_id, limit=limit, cursor=cursor)
        return etag.json_read(request, page.model_dump_json())

    @routes.patch(
        "/{item_id}",
        response_model=AccountOut,
        summary=f"Change, archive or restore a {noun}",
        responses=problems.responses(*problems.WRITE),
    )
    def change_account(
        body: AccountPatch, item_id: ItemId, uow: UowDep, principal: PrincipalDep
    ) -> AccountOut:
        fields = body.model_dump(exclude_none=True, exclude={"archived"})
        if not fields and body.archived is None:
            raise ValidationError("body", "give at least one field to change")
        both = bool(fields) and body.archived is not None
        if both and isinstance(uow, RequestUnitOfWork):
            uow.hold_commits()
        changed = None
        if fields:
            changed = accounts.edit(uow, principal, item_id, changes=AccountUpdate(**fields))
        if body.archived is not None:
            changed = accounts.archive(uow, principal, item_id, restore=not body.archived)
        if both and isinstance(uow, RequestUnitOfWork):
            uow.release()
        assert changed is not None  # one of the two ran: the body named a change
        return changed

    @routes.delete(
        "/{item_id}",
        status_code=204,
        response_class=Response,
        summary=f"Delete a {noun} no transaction uses",
        responses=problems.responses(*problems.WRITE),
    )
    def delete_account(item_id: ItemId, uow: UowDep, principal: PrincipalDep) -> Response:
        accounts.remove(uow, principal, item_id)
        return Response(status_code=204)

    return routes


transfers_router = APIRouter(prefix="/workspaces/{workspace_id}/transfers", tags=["accounts"])


@transfers_router.post(
    "",
    status_code=201,
    response_model=TransactionOut,
    summary="Move money from one account to another (never income or expense)",
    responses=problems.responses(*problems.WRITE),
)
def add_transfer(
    body: TransferIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    data = TransferCreate(
        amount=body.amount,
        from_account=body.from_account_id,
        to_account=body.to_account_id,
        to_amount=body.to_amount,
        date=body.date or "today",
        description=body.description,
        note=body.note,
    )
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: TransactionOut.model_validate(
            transfers.transfer(uow, principal, data), from_attributes=True
        ),
        location=lambda made: (
            f"/api/v1/workspaces/{principal.workspace_id}/transactions/{made['id']}"
        ),
    )


router = APIRouter()
router.include_router(transfers_router)
router.include_router(_routes("accounts", "accounts", "account"))
router.include_router(
    _routes("payment-methods", "payment methods (old name of accounts)", "payment method")
)
