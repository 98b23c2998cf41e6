"""Use cases of contacts: add, list, resolve by name or id, remove."""

from __future__ import annotations

from fopymes_server.contacts.schemas import ContactCreate, ContactOut
from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.identity import service as identity
from fopymes_server.identity.rules import clean_email


def list_contacts(uow: UnitOfWork, principal: Principal) -> list[ContactOut]:
    """The workspace's contacts by name; any member may read."""
    return uow.contacts.list(principal.workspace_id)


def resolve(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, field: str | None = None
) -> ContactOut:
    """The contact with id or name `ref` (any case); NotFoundError suggests close names,
    and answers another workspace's ids exactly like missing ones (an
    UnknownReferenceError of `field` when `ref` came in an input field)."""
    return resolve_named(
        ref,
        uow.contacts.list(principal.workspace_id),
        noun="contact",
        not_found=_not_found,
        field=field,
    )


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "add it with 'fopymes contact add NAME'")


def add(uow: UnitOfWork, principal: Principal, *, data: ContactCreate) -> ContactOut:
    """Add a person or business; `member` links the contact to a user of this workspace.

    Raises PermissionDeniedError for viewers; ValidationError for an empty or numeric name
    or a malformed e-mail; NotFoundError when `member` is not a member of the workspace;
    ConflictError for a name already used (any case).
    """
    principal.require_write()
    name = clean_name(data.name, "name", max_length=100)
    if name.isdigit():
        raise ValidationError("name", "must not be a number (numbers are contact ids)")
    email = clean_email(data.email) if data.email else None
    user_id = None
    if data.member is not None:
        wanted = clean_email(data.member).casefold()
        match = [m for m in identity.members(uow, principal) if m.email.casefold() == wanted]
        if not match:
            raise NotFoundError(
                f"no member '{data.member}' in this workspace", hint="see 'fopymes member list'"
            )
        user_id = match[0].user_id
        email = email or match[0].email
    if uow.contacts.name_taken(principal.workspace_id, name):
        raise ConflictError(f"a contact named '{name}' already exists")
    contact_id = uow.contacts.add(
        principal.workspace_id, name=name, email=email, user_id=user_id, now=uow.clock.now()
    )
    events.record(uow, principal, "contact.created", entity_id=contact_id)
    created = resolve(uow, principal, contact_id)
    uow.commit()
    return created


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> ContactOut:
    """Delete a contact no debt refers to; returns what it was.

    Raises PermissionDeniedError for viewers, NotFoundError for an unknown contact and
    RuleViolationError while debts with the contact exist.
    """
    principal.require_write()
    contact = resolve(uow, principal, ref)
    debts = uow.contacts.debts_count(principal.workspace_id, contact.id)
    if debts:
        raise RuleViolationError(
            f"contact '{contact.name}' has {debts} debt(s)",
            hint="remove the debts first ('fopymes debt rm ID')",
        )
    uow.contacts.delete(principal.workspace_id, contact.id)
    events.record(uow, principal, "contact.deleted", entity_id=contact.id)
    uow.commit()
    return contact
