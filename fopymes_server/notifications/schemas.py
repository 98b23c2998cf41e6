"""Notification data in and out, and the draft a rule hands to `notify`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict


@dataclass(frozen=True, slots=True)
class NotificationDraft:
    """What a rule wants to say, once per `dedupe_key` and recipient.

    `title` and `body` are plain text (amounts already formatted with their currency);
    the e-mail templates escape them for HTML.
    """

    type: str
    title: str
    body: str
    dedupe_key: str
    entity_type: str | None = None
    entity_id: int | None = None


class NotificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    type: str
    title: str
    body: str
    entity_type: str | None
    entity_id: int | None
    created_at: datetime
    read_at: datetime | None

    @property
    def read(self) -> bool:
        return self.read_at is not None


class PreferencesOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    email_types: list[str]
    """Notification types that are also sent by e-mail (none unless chosen)."""
    quiet: bool
    """In-app only: no e-mail at all, whatever `email_types` says."""
