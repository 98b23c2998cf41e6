"""SQL of the events log: append (with NOTIFY on PostgreSQL), read after an id, prune."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.orm import Session

from fopymes_server.events.models import Event
from fopymes_server.events.schemas import NOTIFY_CHANNEL, EventOut


class EventsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self,
        workspace_id: int,
        *,
        type: str,
        entity_id: int | None,
        version: int | None,
        payload: dict[str, Any],
        actor_id: int | None,
        now: datetime,
    ) -> int:
        event = Event(
            workspace_id=workspace_id,
            type=type,
            entity_id=entity_id,
            version=version,
            payload=payload,
            actor_id=actor_id,
            created_at=now,
        )
        self.session.add(event)
        self.session.flush()
        if self.session.get_bind().dialect.name == "postgresql":
            # Delivered by PostgreSQL only if and when this transaction commits.
            announcement = json.dumps({"id": event.id, "workspace_id": workspace_id, "type": type})
            self.session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": NOTIFY_CHANNEL, "payload": announcement},
            )
        return event.id

    def after(
        self,
        workspace_ids: list[int],
        after_id: int,
        limit: int = 500,
        *,
        viewer_id: int | None = None,
    ) -> list[EventOut]:
        """Events after `after_id`; with `viewer_id`, personal events (`payload.user_id`) of
        other users are left out in SQL, so a page is never short of what its reader sees."""
        query = select(Event).where(Event.workspace_id.in_(workspace_ids), Event.id > after_id)
        if viewer_id is not None:
            recipient = Event.payload["user_id"].as_integer()
            query = query.where(or_(recipient.is_(None), recipient == viewer_id))
        rows = self.session.scalars(query.order_by(Event.id).limit(limit)).all()
        return [EventOut.model_validate(row) for row in rows]

    def last_id(self, workspace_id: int) -> int:
        return (
            self.session.scalar(
                select(func.max(Event.id)).where(Event.workspace_id == workspace_id)
            )
            or 0
        )

    def prune(self, before: datetime) -> int:
        result = self.session.execute(delete(Event).where(Event.created_at < before))
        return int(getattr(result, "rowcount", 0) or 0)
