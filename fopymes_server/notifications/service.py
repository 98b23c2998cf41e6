"""Use cases of notifications: raise once per dedupe key, read the inbox, preferences.

Rules (scheduled transactions, budget, goal and debt alerts, monthly summaries) call
`notify` inside their own unit of work, so the notification, its `notification.created`
event and its e-mail in the outbox are committed with the change that caused them, or not
at all. People read and mark their own notifications only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.pagination import decode_id_cursor, encode_id_cursor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.mail import service as mail
from fopymes_server.mail.render import render
from fopymes_server.mail.schemas import MailKind
from fopymes_server.notifications import steps
from fopymes_server.notifications.rules import NotificationType
from fopymes_server.notifications.schemas import (
    NotificationDraft,
    NotificationOut,
    PreferencesOut,
)

MAX_LISTED = 500


def notify(
    uow: UnitOfWork, principal: Principal, *, recipients: Iterable[int], draft: NotificationDraft
) -> int:
    """Raise `draft` for each recipient who does not have its dedupe key yet (caller commits).

    `principal` is who acts (a member, or the scheduler acting for one); recipients must be
    members of its workspace. For each new notification an event is recorded and, if the
    recipient chose e-mail for this type and is not quiet, an e-mail is queued. Returns how
    many notifications were new; repeats are silently ignored, never an error.
    """
    created = 0
    workspace_name: str | None = None
    for user_id in sorted(set(recipients)):
        new_id = uow.notifications.add_once(principal.workspace_id, user_id, draft, uow.clock.now())
        if new_id is None:
            continue
        created += 1
        events.record(
            uow,
            principal,
            "notification.created",
            entity_id=new_id,
            payload={"user_id": user_id, "type": draft.type},
        )
        prefs = uow.notifications.preferences(user_id)
        if prefs.quiet or draft.type not in prefs.email_types:
            continue
        person = uow.identity.user_by_id(user_id)
        if person is None:
            continue
        if workspace_name is None:
            workspace = uow.identity.workspace(principal.workspace_id)
            workspace_name = workspace.name if workspace else ""
        text, html = render(
            "notification",
            title=draft.title,
            body=draft.body,
            workspace=workspace_name,
            type=draft.type,
        )
        mail.queue(
            uow,
            kind=MailKind.NOTIFICATION,
            to=person.user.email,
            subject=draft.title,
            text=text,
            html=html,
            workspace_id=principal.workspace_id,
            user_id=user_id,
        )
    return created


def list_notifications(
    uow: UnitOfWork, principal: Principal, *, unread_only: bool = False, limit: int = 50
) -> list[NotificationOut]:
    """The principal's own notifications in this workspace, newest first."""
    if not 1 <= limit <= MAX_LISTED:
        raise ValidationError("limit", f"must be between 1 and {MAX_LISTED}")
    return uow.notifications.inbox(
        principal.workspace_id, principal.user_id, unread_only=unread_only, limit=limit
    )


@dataclass(frozen=True, slots=True)
class NotificationPage:
    """One page of an inbox, newest first; `next_cursor` is None on the last page."""

    items: list[NotificationOut]
    next_cursor: str | None


def list_page(
    uow: UnitOfWork,
    principal: Principal,
    *,
    unread_only: bool = False,
    limit: int = 50,
    cursor: str | None = None,
) -> NotificationPage:
    """A page of the principal's own notifications, newest first, for clients that page.

    An inbox grows without bound, so pages seek by id (keyset): page 500 costs what page 1
    does, and rows arriving between pages never shift a page (no gaps, no repeats). Pass
    the page's `next_cursor` back as `cursor`. Same scope and limit as `list_notifications`.
    """
    if not 1 <= limit <= MAX_LISTED:
        raise ValidationError("limit", f"must be between 1 and {MAX_LISTED}")
    items = uow.notifications.inbox(
        principal.workspace_id,
        principal.user_id,
        unread_only=unread_only,
        limit=limit,
        before_id=decode_id_cursor(cursor) if cursor else None,
    )
    next_cursor = encode_id_cursor(items[-1].id) if len(items) == limit else None
    return NotificationPage(items=items, next_cursor=next_cursor)


def unread_count(uow: UnitOfWork, principal: Principal) -> int:
    return uow.notifications.unread_count(principal.workspace_id, principal.user_id)


def mark_read(uow: UnitOfWork, principal: Principal, notification_id: int) -> NotificationOut:
    """Mark one of the principal's notifications read and commit (`steps.mark_read`)."""
    updated = steps.mark_read(uow, principal, notification_id)
    uow.commit()
    return updated


def mark_all_read(uow: UnitOfWork, principal: Principal) -> int:
    """Mark every unread notification of the principal read and commit; returns how many."""
    count = steps.mark_all_read(uow, principal)
    uow.commit()
    return count


def preferences(uow: UnitOfWork, principal: Principal) -> PreferencesOut:
    """The principal's notification preferences (they follow the person, not a workspace)."""
    return uow.notifications.preferences(principal.user_id)


def set_preferences(
    uow: UnitOfWork,
    principal: Principal,
    *,
    email_types: Iterable[NotificationType] | None = None,
    quiet: bool | None = None,
) -> PreferencesOut:
    """Change which types are also e-mailed and/or quiet mode; None keeps a setting."""
    current = uow.notifications.preferences(principal.user_id)
    updated = PreferencesOut(
        email_types=sorted(t.value for t in email_types)
        if email_types is not None
        else current.email_types,
        quiet=current.quiet if quiet is None else quiet,
    )
    uow.notifications.save_preferences(principal.user_id, updated, uow.clock.now())
    uow.commit()
    return updated
