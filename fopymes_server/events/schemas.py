"""Event data as consumers (WebSocket clients, the dashboard) receive it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, examples

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


class EventNotice(Contract):
    """Something changed in the workspace; fetch the entity for its new state.

    What leaves the server of an event (the API's feed, the WebSocket's messages): its
    payload stays inside, since it may name who a personal event is for."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 88,
                "type": "transaction.created",
                "workspace_id": 3,
                "entity_id": 1042,
                "version": 1,
                "actor_id": 1,
                "created_at": "2026-11-27T09:30:00Z",
            }
        )
    )

    id: int
    type: str = Field(description="What happened, e.g. transaction.created.")
    workspace_id: int
    entity_id: int | None
    version: int | None = Field(description="The entity's version after the change.")
    actor_id: int | None = Field(description="Who made the change (null: the system).")
    created_at: datetime


class EventList(Contract):
    items: list[EventNotice]
