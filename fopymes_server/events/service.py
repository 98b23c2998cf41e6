"""Reading and recording events, scoped by the principal's workspace."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events.schemas import EventList, EventNotice, EventOut


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


ACCESS_ENDED = "access.ended"
"""Someone's tokens or sessions ended (revoked, logged out, password changed): live readers
of that user re-check their credentials at once instead of at their next heartbeat."""
MEMBER_REMOVED = "member.removed"
"""Someone left a workspace; their live readers there re-check and are dropped."""
ACCESS_CHANGES = frozenset({ACCESS_ENDED, MEMBER_REMOVED})


def announce_access_change(
    uow: UnitOfWork,
    *,
    user_id: int,
    workspace_ids: Iterable[int],
    type: str = ACCESS_ENDED,
    actor_id: int | None = None,
) -> None:
    """Record, in the caller's transaction, that `user_id`'s access changed in these workspaces.

    Like every event it is announced (NOTIFY on PostgreSQL) only if the change commits, so
    every server instance drops that user's WebSockets as soon as it is true, and never
    for a change that rolled back. The event is personal (`payload.user_id`): nobody else's
    connection is told, and its own connection is re-checked rather than sent it.
    """
    for workspace_id in workspace_ids:
        uow.events.append(
            workspace_id,
            type=type,
            entity_id=user_id,
            version=None,
            payload={"user_id": user_id},
            actor_id=user_id if actor_id is None else actor_id,
            now=uow.clock.now(),
        )


def since(
    uow: UnitOfWork, principal: Principal, after_id: int, *, limit: int = 500
) -> list[EventOut]:
    """Events of the principal's workspace with ids above `after_id`, oldest first."""
    return uow.events.after([principal.workspace_id], after_id, limit)


def visible_since(
    uow: UnitOfWork, principal: Principal, after_id: int, *, limit: int = 500
) -> list[EventOut]:
    """Like `since`, but only what the principal may see: the workspace's events and their
    own personal ones. Another member must not learn even that someone else got a
    notification or lost a token (the WebSocket hub applies the same rule per connection)."""
    return uow.events.after([principal.workspace_id], after_id, limit, viewer_id=principal.user_id)


def feed(uow: UnitOfWork, principal: Principal, after_id: int, *, limit: int = 100) -> EventList:
    """`visible_since` as it leaves the server: each event without its payload."""
    items = visible_since(uow, principal, after_id, limit=limit)
    return EventList(items=[EventNotice.model_validate(e) for e in items])


def latest_id(uow: UnitOfWork, principal: Principal) -> int:
    """The newest event id of the workspace (0 when none): where a live reader starts."""
    return uow.events.last_id(principal.workspace_id)
