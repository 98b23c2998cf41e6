"""Edits and deletes that name the version they were based on (HTTP If-Match).

The API refuses to overwrite a change it has not seen: a PATCH or DELETE carries the
version its client read, and the database checks it in the same statement that locks the
row. The CLI, where one person edits interactively, uses the plain `service.edit`.
"""

from __future__ import annotations

from fopymes_server.core.errors import ConflictError, FopymesError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.transactions import service
from fopymes_server.transactions.schemas import TransactionOut, TransactionUpdate


class StaleVersionError(ConflictError):
    """The thing changed since the version the caller based its change on (HTTP 412)."""

    def __init__(self, noun: str = "transaction", current_version: int | None = None) -> None:
        at = f" (it is at version {current_version})" if current_version is not None else ""
        super().__init__(
            f"the {noun} changed since you read it{at}",
            hint="read it again and repeat your change on top of the new version",
        )


class VersionRequiredError(FopymesError):
    """A change to a versioned thing did not say which version it was based on (HTTP 428)."""

    def __init__(self, noun: str = "transaction") -> None:
        super().__init__(
            "say which version you are changing (send If-Match with the ETag you read)",
            hint=f"GET the {noun} first and copy its ETag into If-Match",
        )


def _claim(
    uow: UnitOfWork, principal: Principal, transaction_id: int, expected_version: int | None
) -> None:
    principal.require_write()
    current = service.get(uow, principal, transaction_id)
    if expected_version is None:
        raise VersionRequiredError()
    if not uow.transaction_versions.claim(principal.workspace_id, transaction_id, expected_version):
        latest = service.get(uow, principal, transaction_id)
        raise StaleVersionError(current_version=max(latest.version, current.version))


def edit(
    uow: UnitOfWork,
    principal: Principal,
    transaction_id: int,
    *,
    changes: TransactionUpdate,
    expected_version: int | None,
    force: bool = False,
) -> TransactionOut:
    """`service.edit`, only if the transaction is still at `expected_version`.

    Raises PermissionDeniedError for viewers, NotFoundError for an id outside the
    workspace, VersionRequiredError without a version, StaleVersionError when another
    change came first (of many concurrent edits with one version, exactly one wins).
    """
    _claim(uow, principal, transaction_id, expected_version)
    return service.edit(uow, principal, transaction_id, changes=changes, force=force)


def delete(
    uow: UnitOfWork,
    principal: Principal,
    transaction_id: int,
    *,
    expected_version: int | None,
    force: bool = False,
) -> TransactionOut:
    """`service.delete`, only if the transaction is still at `expected_version`."""
    _claim(uow, principal, transaction_id, expected_version)
    return service.delete(uow, principal, transaction_id, force=force)
