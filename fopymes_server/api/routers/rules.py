"""/workspaces/{workspace_id}/rules: categorisation rules that imports apply, in order.

The same operations as `fopymes rule`: rules are appended and deleted, never edited (a
changed rule is a new rule at the end, which keeps "later wins" predictable), so they
carry no version and no If-Match.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.bodies.imports import RuleApplyIn, RuleIn, RuleList
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.imports import apply_steps, service_rules, steps
from fopymes_server.imports.apply_schemas import RuleApplyOut
from fopymes_server.imports.schemas import RuleOut

router = APIRouter(prefix="/workspaces/{workspace_id}/rules", tags=["rules"])

RuleId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The rule's id.")]


@router.get(
    "",
    response_model=RuleList,
    summary="Rules in the order imports apply them (a later match wins)",
    responses=problems.responses(304, *problems.READ),
)
def list_rules(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    items = service_rules.list_rules(uow, principal)
    body = RuleList(items=items)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=RuleOut,
    summary="Add a rule at the end of the list",
    responses=problems.responses(*problems.WRITE),
)
def add_rule(
    body: RuleIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Conditions compare `description`, `note`, `category`, `method` (or `account`) and
    `kind` (text:
    `=`, `!=`, `contains`, `~` for a regular expression) and `amount` (`=`, `<`, `>=`,
    ...), joined with and/or/not and parentheses. A condition that does not parse, or a
    rule that sets nothing, is a 422 naming the problem; an unknown category or method is
    a 404."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: steps.add_rule(uow, principal, data=body.to_create()),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.post(
    "/apply",
    response_model=RuleApplyOut,
    summary="Run the rules over recorded incomes and expenses (preview, or all or nothing)",
    responses=problems.responses(*problems.WRITE),
)
def apply_rules(
    body: RuleApplyIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The same as `fopymes rule apply`. `dry_run` (the default) lists what would change and
    is open to viewers; `dry_run: false` writes every change in one transaction (editors and
    owners). Transfers are never changed; reconciled rows only with `force`. A rule that
    would set an archived category or account is a 422 and nothing changes."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: apply_steps.apply_rules(
            uow,
            principal,
            date_from=body.date_from,
            date_to=body.date_to,
            dry_run=body.dry_run,
            force=body.force,
        ),
        status_code=200,
    )


@router.get(
    "/{rule_id}",
    response_model=RuleOut,
    summary="One rule",
    responses=problems.responses(304, *problems.READ),
)
def get_rule(request: Request, rule_id: RuleId, uow: UowDep, principal: PrincipalDep) -> Response:
    found = service_rules.get_rule(uow, principal, rule_id)
    return etag.json_read(request, found.model_dump_json())


@router.delete(
    "/{rule_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a rule; transactions it categorised keep their category",
    responses=problems.responses(*problems.WRITE),
)
def delete_rule(rule_id: RuleId, uow: UowDep, principal: PrincipalDep) -> Response:
    service_rules.remove_rule(uow, principal, rule_id)
    return Response(status_code=204)
