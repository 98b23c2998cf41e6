"""Steps that find or create payees and never commit (transactions and imports call them)."""

from __future__ import annotations

from collections.abc import Iterable

from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.payees.rules import clean_payee, payee_key


def resolve_or_create(uow: UnitOfWork, principal: Principal, name: str) -> int:
    """The id of the workspace's payee spelled `name` in any case, accents or spacing,
    created with this spelling when there is none; no commit. ValidationError for an
    empty or too long name."""
    return resolve_many(uow, principal, [name])[payee_key(clean_payee(name))]


def resolve_many(uow: UnitOfWork, principal: Principal, names: Iterable[str]) -> dict[str, int]:
    """Payee ids by key for every name of `names`, creating the missing ones with their
    first spelling: two statements for a whole statement however many rows name each payee."""
    principal.require_write()
    spellings: dict[str, str] = {}
    for name in names:
        clean = clean_payee(name)
        spellings.setdefault(payee_key(clean), clean)
    return uow.payees.ensure(principal.workspace_id, spellings, now=uow.clock.now())
