"""Rename and archive for the workspace's named lists (categories, payment methods, ...).

Both lists follow one rule set: names are unique per workspace in any case, only writers may
change them, and archiving hides an entry from new use while its history stays. One
implementation serves every such list so the rule cannot drift between them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol, TypeVar

from fopymes_server.core.errors import ConflictError
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork


class NamedRepository(Protocol):
    def name_taken(self, workspace_id: int, name: str, *, except_id: int | None = None) -> bool: ...
    def rename(self, workspace_id: int, item_id: int, name: str) -> None: ...
    def set_archived(self, workspace_id: int, item_id: int, when: datetime | None) -> None: ...


class Entry(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Entry)
Resolver = Callable[[UnitOfWork, Principal, "str | int"], T]


def check_new_name(
    repository: NamedRepository,
    principal: Principal,
    name: str,
    noun: str,
    *,
    except_id: int | None = None,
) -> str:
    """The cleaned name, or ConflictError if the workspace already uses it (any case)."""
    cleaned = clean_name(name, "name", max_length=100)
    if repository.name_taken(principal.workspace_id, cleaned, except_id=except_id):
        raise ConflictError(f"a {noun} named '{cleaned}' already exists")
    return cleaned


def rename(
    uow: UnitOfWork,
    principal: Principal,
    repository: NamedRepository,
    resolve: Resolver[T],
    ref: str | int,
    *,
    name: str,
    noun: str,
) -> T:
    """Rename the entry `ref`; references to it (transactions) follow the new name."""
    principal.require_write()
    entry = resolve(uow, principal, ref)
    cleaned = check_new_name(repository, principal, name, noun, except_id=entry.id)
    repository.rename(principal.workspace_id, entry.id, cleaned)
    renamed = resolve(uow, principal, entry.id)
    uow.commit()
    return renamed


def archive(
    uow: UnitOfWork,
    principal: Principal,
    repository: NamedRepository,
    resolve: Resolver[T],
    ref: str | int,
    *,
    restore: bool,
) -> T:
    """Archive (or with `restore`, bring back) the entry `ref`."""
    principal.require_write()
    entry = resolve(uow, principal, ref)
    repository.set_archived(principal.workspace_id, entry.id, None if restore else uow.clock.now())
    result = resolve(uow, principal, entry.id)
    uow.commit()
    return result
