"""Reading and recording events, scoped by the principal's workspace."""

from __future__ import annotations

from typing import Any

from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events.schemas import EventOut


def record(
    uow: UnitOfWork,
    principal: Principal,
    type: str,
    *,
    entity_id: int | None = None,
    version: int | None = None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Add an event to the unit of work's transaction (the caller commits).

    Names are `<entity>.<verb>` in the past tense, e.g. `transaction.created`.
    """
    uow.events.append(
        principal.workspace_id,
        type=type,
        entity_id=entity_id,
        version=version,
        payload=payload or {},
        actor_id=principal.user_id,
        now=uow.clock.now(),
    )


def since(
    uow: UnitOfWork, principal: Principal, after_id: int, *, limit: int = 500
) -> list[EventOut]:
    """Events of the principal's workspace with ids above `after_id`, oldest first."""
    return uow.events.after([principal.workspace_id], after_id, limit)


def latest_id(uow: UnitOfWork, principal: Principal) -> int:
    """The newest event id of the workspace (0 when none): where a live reader starts."""
    return uow.events.last_id(principal.workspace_id)
