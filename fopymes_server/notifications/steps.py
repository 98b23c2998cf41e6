"""Steps on a person's notifications that never commit: the caller's unit of work does.

`service.mark_read`/`mark_all_read` wrap them with a commit; an idempotent POST runs them
inside the request's unit of work, which commits the change with the stored response once.
"""

from __future__ import annotations

from fopymes_server.core.errors import NotFoundError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.notifications.schemas import NotificationOut


def mark_read(uow: UnitOfWork, principal: Principal, notification_id: int) -> NotificationOut:
    """Mark one of the principal's notifications read (reading twice is fine).

    Raises NotFoundError for an id that is not the principal's, in this workspace.
    """
    found = uow.notifications.get(principal.workspace_id, principal.user_id, notification_id)
    if found is None:
        raise NotFoundError(f"no notification {notification_id} of yours in this workspace")
    uow.notifications.mark_read(
        principal.workspace_id, principal.user_id, uow.clock.now(), notification_id
    )
    updated = uow.notifications.get(principal.workspace_id, principal.user_id, notification_id)
    assert updated is not None
    return updated


def mark_all_read(uow: UnitOfWork, principal: Principal) -> int:
    """Mark every unread notification of the principal read; returns how many (0 is fine)."""
    return uow.notifications.mark_read(principal.workspace_id, principal.user_id, uow.clock.now())
