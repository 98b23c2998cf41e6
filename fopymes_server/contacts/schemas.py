"""Contact data in and out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from fopymes_server.core.contract import Contract, examples


class ContactCreate(BaseModel):
    name: str
    email: str | None = None
    member: str | None = None
    """E-mail of a member of the workspace this contact is."""


CONTACT_EXAMPLE: dict[str, Any] = {
    "id": 4,
    "name": "Ana",
    "email": "ana@example.com",
    "user_id": None,
    "created_at": "2026-11-27T09:30:00Z",
}


class ContactOut(Contract):
    """A person or business; `user_id` is set when the contact is a member of the workspace."""

    model_config = ConfigDict(json_schema_extra=examples(CONTACT_EXAMPLE))

    id: int
    name: str
    email: str | None
    user_id: int | None
    created_at: datetime
