"""Contact data in and out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class ContactCreate(BaseModel):
    name: str
    email: str | None = None
    member: str | None = None
    """E-mail of a member of the workspace this contact is."""


class ContactOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    email: str | None
    user_id: int | None
    created_at: datetime
