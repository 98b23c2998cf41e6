"""All SQL of the mail outbox: queue, claim with a lease, record outcomes, list, prune."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from fopymes_server.mail.models import OutboxAttachment, OutboxMessage
from fopymes_server.mail.schemas import Attachment, OutboxOut, OutboxStatus, OutgoingMail

ERASED_BODY = "(erased after delivery: this message carried a single-use secret)"


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        kind: str,
        to_address: str,
        subject: str,
        body_text: str,
        body_html: str | None,
        now: datetime,
        workspace_id: int | None = None,
        user_id: int | None = None,
        sensitive: bool = False,
        attachments: tuple[Attachment, ...] = (),
    ) -> int:
        row = OutboxMessage(
            workspace_id=workspace_id,
            user_id=user_id,
            kind=kind,
            to_address=to_address,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            message_key=uuid.uuid4().hex,
            sensitive=sensitive,
            status=OutboxStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        for item in attachments:
            self.session.add(
                OutboxAttachment(
                    outbox_id=row.id,
                    filename=item.filename,
                    content_type=item.content_type,
                    data=item.data,
                )
            )
        self.session.flush()
        return row.id

    def claim(
        self, now: datetime, lease_until: datetime, limit: int, *, only: int | None = None
    ) -> list[OutgoingMail]:
        """Lease up to `limit` due messages to this worker and count the attempt.

        FOR UPDATE SKIP LOCKED lets concurrent workers on PostgreSQL take disjoint rows;
        the lease then keeps them away until it expires, without holding this transaction
        open while the SMTP conversation runs.
        """
        query = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now),
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if only is not None:
            query = query.where(OutboxMessage.id == only)
        ids = list(self.session.scalars(query))
        if not ids:
            return []
        self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(lease_until=lease_until, attempts=OutboxMessage.attempts + 1)
        )
        rows = self.session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
        ).all()
        files: dict[int, list[Attachment]] = {}
        for item in self.session.scalars(
            select(OutboxAttachment)
            .where(OutboxAttachment.outbox_id.in_(ids))
            .order_by(OutboxAttachment.id)
        ):
            files.setdefault(item.outbox_id, []).append(
                Attachment(item.filename, item.content_type, item.data)
            )
        return [
            OutgoingMail(
                id=row.id,
                message_key=row.message_key,
                to_address=row.to_address,
                subject=row.subject,
                body_text=row.body_text,
                body_html=row.body_html,
                created_at=row.created_at,
                attempts=row.attempts,
                attachments=tuple(files.get(row.id, ())),
            )
            for row in rows
        ]

    def get(self, message_id: int, *, workspace_id: int, user_id: int) -> OutboxOut | None:
        """One message, if it is visible to this user of this workspace (see `listing`)."""
        row = self.session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.id == message_id, _visible(workspace_id, user_id)
            )
        )
        return OutboxOut.model_validate(row) if row else None

    def mark_sent(self, message_id: int, now: datetime) -> None:
        self._finish(message_id, {"status": OutboxStatus.SENT.value, "sent_at": now})

    def mark_failed(self, message_id: int, error: str, retry_at: datetime | None) -> None:
        """Schedule another attempt at `retry_at`, or dead-letter the message when None."""
        values: dict[str, Any] = {"last_error": error[:500]}
        if retry_at is None:
            values["status"] = OutboxStatus.DEAD.value
        else:
            values["next_attempt_at"] = retry_at
        self._finish(message_id, values)

    def _finish(self, message_id: int, values: dict[str, Any]) -> None:
        values["lease_until"] = None
        self.session.execute(
            update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values)
        )
        if values.get("status") in (OutboxStatus.SENT.value, OutboxStatus.DEAD.value):
            self.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.sensitive.is_(True))
                .values(body_text=ERASED_BODY, body_html=None)
            )

    def listing(
        self, *, workspace_id: int, user_id: int, status: OutboxStatus | None, limit: int
    ) -> list[OutboxOut]:
        query = (
            select(OutboxMessage)
            .where(_visible(workspace_id, user_id))
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
        if status is not None:
            query = query.where(OutboxMessage.status == status.value)
        return [OutboxOut.model_validate(row) for row in self.session.scalars(query)]

    def retry(
        self, *, workspace_id: int, user_id: int, message_id: int | None, now: datetime
    ) -> int:
        """Send dead messages (one, or all visible ones) again from a fresh attempt count."""
        statement = update(OutboxMessage).where(
            _visible(workspace_id, user_id), OutboxMessage.status == OutboxStatus.DEAD.value
        )
        if message_id is not None:
            statement = statement.where(OutboxMessage.id == message_id)
        result = self.session.execute(
            statement.values(
                status=OutboxStatus.PENDING.value,
                attempts=0,
                next_attempt_at=now,
                lease_until=None,
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def count(self, status: OutboxStatus) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status == status.value)
            )
            or 0
        )

    def prune_sent(self, before: datetime) -> int:
        result = self.session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.SENT.value, OutboxMessage.sent_at < before
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _visible(workspace_id: int, user_id: int) -> Any:
    """The workspace's messages, plus those the user queued outside one (`mail test`);
    never password-reset messages, whose recipient alone should know of them."""
    return (
        or_(
            OutboxMessage.workspace_id == workspace_id,
            (OutboxMessage.workspace_id.is_(None)) & (OutboxMessage.user_id == user_id),
        )
    ) & (OutboxMessage.kind != "password_reset")
