"""/workspaces/{workspace_id}/contacts: the people and businesses debts are owed to or by.

Contacts carry no version (nothing edits one; the CLI and the service only add and
remove), so reads get a content ETag and DELETE needs no If-Match. The list is not paged:
a workspace has a handful of contacts, and the service returns them all, by name.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32
from fopymes_server.api.bodies.debts import ContactIn, ContactList
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.contacts import service as contacts
from fopymes_server.contacts.schemas import ContactCreate, ContactOut

router = APIRouter(prefix="/workspaces/{workspace_id}/contacts", tags=["contacts"])

ContactId = Annotated[int, Path(ge=1, le=MAX_INT32, description="The contact's id.")]


@router.get(
    "",
    response_model=ContactList,
    summary="Contacts of the workspace, by name",
    responses=problems.responses(304, *problems.READ),
)
def list_contacts(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    """The same list as `fopymes contact list`; any member may read it."""
    items = contacts.list_contacts(uow, principal)
    body = ContactList(items=items)
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "",
    status_code=201,
    response_model=ContactOut,
    summary="Add a contact (a name unique in any case)",
    responses=problems.responses(*problems.WRITE),
)
def add_contact(
    body: ContactIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A name already used answers 409; `member` must be the e-mail of a member (else 404).
    Send an Idempotency-Key to retry safely: the first response comes back, once."""
    data = ContactCreate(name=body.name, email=body.email, member=body.member)
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: contacts.add(uow, principal, data=data),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/{contact_id}",
    response_model=ContactOut,
    summary="One contact",
    responses=problems.responses(304, *problems.READ),
)
def get_contact(
    request: Request, contact_id: ContactId, uow: UowDep, principal: PrincipalDep
) -> Response:
    found = contacts.resolve(uow, principal, contact_id)
    return etag.json_read(request, found.model_dump_json())


@router.delete(
    "/{contact_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a contact no debt refers to",
    responses=problems.responses(*problems.WRITE),
)
def delete_contact(contact_id: ContactId, uow: UowDep, principal: PrincipalDep) -> Response:
    """While debts with the contact exist the answer is 409: delete those debts first."""
    contacts.remove(uow, principal, contact_id)
    return Response(status_code=204)
