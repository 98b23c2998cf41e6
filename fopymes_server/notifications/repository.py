"""All SQL of notifications: insert-once by dedupe key, the inbox, read marks, preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fopymes_server.core.orm import insert_ignoring_conflicts
from fopymes_server.notifications.models import Notification, NotificationPreference
from fopymes_server.notifications.schemas import NotificationDraft, NotificationOut, PreferencesOut


class NotificationsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_once(
        self, workspace_id: int, user_id: int, draft: NotificationDraft, now: datetime
    ) -> int | None:
        """The new row's id, or None when this user already has `draft.dedupe_key`."""
        statement = (
            insert_ignoring_conflicts(self.session, Notification)
            .values(
                workspace_id=workspace_id,
                user_id=user_id,
                type=draft.type,
                title=draft.title,
                body=draft.body,
                entity_type=draft.entity_type,
                entity_id=draft.entity_id,
                dedupe_key=draft.dedupe_key,
                created_at=now,
            )
            .returning(Notification.id)
        )
        return self.session.execute(statement).scalar_one_or_none()

    def inbox(
        self,
        workspace_id: int,
        user_id: int,
        *,
        unread_only: bool,
        limit: int,
        before_id: int | None = None,
    ) -> list[NotificationOut]:
        """Newest first; `before_id` seeks past a page already shown (keyset, on the
        (user_id, workspace_id, id) index) instead of counting rows with OFFSET."""
        query = (
            select(Notification)
            .where(Notification.workspace_id == workspace_id, Notification.user_id == user_id)
            .order_by(Notification.id.desc())
            .limit(limit)
        )
        if unread_only:
            query = query.where(Notification.read_at.is_(None))
        if before_id is not None:
            query = query.where(Notification.id < before_id)
        return [NotificationOut.model_validate(row) for row in self.session.scalars(query)]

    def get(self, workspace_id: int, user_id: int, notification_id: int) -> NotificationOut | None:
        row = self.session.scalar(
            select(Notification).where(
                Notification.id == notification_id,
                Notification.workspace_id == workspace_id,
                Notification.user_id == user_id,
            )
        )
        return NotificationOut.model_validate(row) if row else None

    def mark_read(
        self, workspace_id: int, user_id: int, now: datetime, notification_id: int | None = None
    ) -> int:
        """Mark one (or, without an id, every) unread notification read; returns how many."""
        statement = update(Notification).where(
            Notification.workspace_id == workspace_id,
            Notification.user_id == user_id,
            Notification.read_at.is_(None),
        )
        if notification_id is not None:
            statement = statement.where(Notification.id == notification_id)
        result = self.session.execute(statement.values(read_at=now))
        return int(getattr(result, "rowcount", 0) or 0)

    def unread_count(self, workspace_id: int, user_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(Notification)
                .where(
                    Notification.workspace_id == workspace_id,
                    Notification.user_id == user_id,
                    Notification.read_at.is_(None),
                )
            )
            or 0
        )

    def preferences(self, user_id: int) -> PreferencesOut:
        row = self.session.get(NotificationPreference, user_id)
        if row is None:
            return PreferencesOut(email_types=[], quiet=False)
        return PreferencesOut(email_types=sorted(row.email_types), quiet=row.quiet)

    def save_preferences(self, user_id: int, prefs: PreferencesOut, now: datetime) -> None:
        row = self.session.get(NotificationPreference, user_id)
        if row is None:
            row = NotificationPreference(user_id=user_id)
            self.session.add(row)
        row.email_types = list(prefs.email_types)
        row.quiet = prefs.quiet
        row.updated_at = now
        self.session.flush()
