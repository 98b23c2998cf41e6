"""Notification data in and out, and the draft a rule hands to `notify`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ConfigDict, Field, computed_field

from fopymes_server.core.contract import Contract, examples


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


NOTIFICATION_EXAMPLE: dict[str, Any] = {
    "id": 120,
    "type": "budget.exceeded",
    "title": "Groceries budget exceeded",
    "body": "You spent 412.30 EUR of 400.00 EUR in November 2026.",
    "entity_type": "budget",
    "entity_id": 9,
    "created_at": "2026-11-27T09:30:00Z",
    "read_at": None,
    "read": False,
}
PREFERENCES_EXAMPLE: dict[str, Any] = {
    "email_types": ["budget.exceeded", "debt.overdue"],
    "quiet": False,
}


class NotificationOut(Contract):
    """One of your notifications; `read_at` is when you marked it read."""

    model_config = ConfigDict(json_schema_extra=examples(NOTIFICATION_EXAMPLE))

    id: int
    type: str = Field(description="One of the notification types (see preferences).")
    title: str
    body: str
    entity_type: str | None = Field(description="What it is about (budget, goal, debt...).")
    entity_id: int | None
    created_at: datetime
    read_at: datetime | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def read(self) -> bool:
        """Whether you marked it read."""
        return self.read_at is not None


class PreferencesOut(Contract):
    """Your preferences; they follow you across every workspace you are in."""

    model_config = ConfigDict(json_schema_extra=examples(PREFERENCES_EXAMPLE))

    email_types: list[str] = Field(
        description="Notification types also sent by e-mail (none unless chosen)."
    )
    quiet: bool = Field(description="In-app only: no e-mail at all, whatever email_types says.")
