"""Use cases of payees: list, rename, merge one into another.

Payees are created by the transactions and imports that name them (`payees.steps`);
here a person tidies them. Any member reads; writers rename and merge.
"""

from __future__ import annotations

from fopymes_server.core.errors import ConflictError, NotFoundError, ValidationError
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.payees.rules import clean_payee, payee_key
from fopymes_server.payees.schemas import PayeeMerged, PayeeOut


def list_payees(uow: UnitOfWork, principal: Principal) -> list[PayeeOut]:
    """The workspace's payees by name, each with its number of transactions and its
    income and expense per currency (transfers count in neither)."""
    return uow.payees.list(principal.workspace_id)


def list_names(uow: UnitOfWork, principal: Principal) -> list[PayeeOut]:
    """The workspace's payees by name without counts or totals (completion, lookups)."""
    return uow.payees.names(principal.workspace_id)


def resolve(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, field: str | None = None
) -> PayeeOut:
    """The payee with id or name `ref`, compared by `payee_key` (any case, accents or
    spacing); NotFoundError (UnknownReferenceError of `field`) with close names otherwise."""
    text = str(ref).strip()
    if text and not text.isdigit():
        # The stored key is unique per workspace: one indexed lookup for the usual case.
        found = uow.payees.ids_by_key(principal.workspace_id, [payee_key(text)])
        if found:
            return uow.payees.names(principal.workspace_id, next(iter(found.values())))[0]
    items = uow.payees.names(principal.workspace_id)
    return resolve_named(ref, items, noun="payee", not_found=_not_found, field=field)


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "see 'fopymes payee list'")


def _with_totals(uow: UnitOfWork, principal: Principal, payee_id: int) -> PayeeOut:
    return uow.payees.list(principal.workspace_id, payee_id)[0]


def rename(uow: UnitOfWork, principal: Principal, ref: str | int, new_name: str) -> PayeeOut:
    """Give a payee another spelling (its transactions follow, they refer to it by id).

    Raises PermissionDeniedError for viewers, NotFoundError for an unknown payee,
    ValidationError for an empty name, and ConflictError when the new name is another
    payee's in any case or accents, with the merge that joins them as the hint.
    """
    principal.require_write()
    payee = resolve(uow, principal, ref)
    name = clean_payee(new_name, "name")
    other = uow.payees.ids_by_key(principal.workspace_id, [payee_key(name)])
    if other and other[payee_key(name)] != payee.id:
        raise ConflictError(
            f"'{name}' is already a payee",
            hint=f'join them with \'fopymes payee merge "{payee.name}" "{name}"\'',
        )
    if name == payee.name:
        raise ValidationError("name", f"'{name}' is the payee's name already")
    uow.payees.rename(principal.workspace_id, payee.id, name)
    events.record(uow, principal, "payee.updated", entity_id=payee.id)
    renamed = _with_totals(uow, principal, payee.id)
    uow.commit()
    return renamed


def merge(
    uow: UnitOfWork, principal: Principal, source_ref: str | int, target_ref: str | int
) -> PayeeMerged:
    """Merge payee `source_ref` INTO `target_ref`: every transaction and rule naming the
    source names the target, and the source is deleted, all in one database transaction
    (a failure half-way changes nothing).

    Raises PermissionDeniedError for viewers, NotFoundError for an unknown payee and
    ValidationError when both name the same payee.
    """
    principal.require_write()
    source = resolve(uow, principal, source_ref, field="from")
    target = resolve(uow, principal, target_ref, field="into")
    if source.id == target.id:
        raise ValidationError("into", f"'{target.name}' is the payee being merged")
    workspace = principal.workspace_id
    moved = uow.payees.move_transactions(workspace, source.id, target.id)
    rules = uow.payees.move_rules(workspace, source.id, target.id)
    uow.payees.delete(workspace, source.id)
    events.record(uow, principal, "payee.deleted", entity_id=source.id)
    events.record(uow, principal, "payee.updated", entity_id=target.id)
    result = PayeeMerged(
        payee=_with_totals(uow, principal, target.id),
        merged=source.name,
        transactions_moved=moved,
        rules_moved=rules,
    )
    uow.commit()
    return result
