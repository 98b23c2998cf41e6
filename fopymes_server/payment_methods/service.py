"""Use cases of payment methods: seed, list, add, rename, archive, remove, resolve by name."""

from __future__ import annotations

from fopymes_server.core import catalogue
from fopymes_server.core.errors import (
    NotFoundError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.payment_methods.schemas import MethodType, PaymentMethodOut


def seed_defaults(uow: UnitOfWork, principal: Principal) -> None:
    """Every new workspace starts with "Cash" (caller commits)."""
    principal.require_write()
    uow.payment_methods.add(
        principal.workspace_id,
        name="Cash",
        type=MethodType.CASH,
        last_four=None,
        now=uow.clock.now(),
    )


def list_methods(
    uow: UnitOfWork, principal: Principal, *, include_archived: bool = False
) -> list[PaymentMethodOut]:
    return uow.payment_methods.list(principal.workspace_id, include_archived=include_archived)


def resolve(
    uow: UnitOfWork,
    principal: Principal,
    ref: str | int,
    *,
    include_archived: bool = True,
    field: str | None = None,
) -> PaymentMethodOut:
    """The method with id or name `ref` (any case); NotFoundError suggests close names,
    an UnknownReferenceError of `field` when `ref` came in an input field."""
    items = uow.payment_methods.list(principal.workspace_id, include_archived=include_archived)
    return resolve_named(ref, items, noun="payment method", not_found=_not_found, field=field)


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "see 'fopymes method list'")


def _clean_last_four(last_four: str | None, type: MethodType) -> str | None:
    if last_four is None or last_four == "":
        return None
    if type is MethodType.CASH:
        raise ValidationError("last four", "cash has no card or account number")
    if len(last_four) != 4 or not last_four.isdigit():
        raise ValidationError("last four", f"'{last_four}' must be exactly four digits")
    return last_four


def add(
    uow: UnitOfWork,
    principal: Principal,
    *,
    name: str,
    type: MethodType,
    last_four: str | None = None,
) -> PaymentMethodOut:
    """Add a payment method; names are unique per workspace in any case."""
    principal.require_write()
    name = catalogue.check_new_name(uow.payment_methods, principal, name, "payment method")
    digits = _clean_last_four(last_four, type)
    new_id = uow.payment_methods.add(
        principal.workspace_id, name=name, type=type, last_four=digits, now=uow.clock.now()
    )
    created = resolve(uow, principal, new_id)
    uow.commit()
    return created


def rename(uow: UnitOfWork, principal: Principal, ref: str | int, *, name: str) -> PaymentMethodOut:
    """Rename a payment method; ConflictError on a name the workspace already uses."""
    return catalogue.rename(
        uow, principal, uow.payment_methods, resolve, ref, name=name, noun="payment method"
    )


def archive(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, restore: bool = False
) -> PaymentMethodOut:
    """Hide a method from lists and new transactions; its history stays."""
    return catalogue.archive(uow, principal, uow.payment_methods, resolve, ref, restore=restore)


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> None:
    """Delete a method no transaction uses; one in use must be archived instead."""
    principal.require_write()
    method = resolve(uow, principal, ref)
    used = uow.transactions.count_using(principal.workspace_id, payment_method_id=method.id)
    if used:
        raise RuleViolationError(
            f"payment method '{method.name}' is used by {used} transactions",
            hint=f"archive it instead: fopymes method archive '{method.name}'",
        )
    if not uow.payment_methods.delete(principal.workspace_id, method.id):
        raise RuleViolationError(
            f"payment method '{method.name}' is still referred to",
            hint=f"archive it instead: fopymes method archive '{method.name}'",
        )
    uow.commit()
