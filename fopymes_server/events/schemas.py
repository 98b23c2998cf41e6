"""Event data as consumers (WebSocket clients, the dashboard) receive it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

NOTIFY_CHANNEL = "fopymes_events"
"""PostgreSQL channel announcing new events; the payload is `{"id", "workspace_id", "type"}`."""


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    workspace_id: int
    type: str
    entity_id: int | None
    version: int | None
    payload: dict[str, Any]
    actor_id: int | None
    created_at: datetime
