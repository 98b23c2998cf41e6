"""Bodies of a person's notifications and notification preferences.

Nothing here names a user: the token decides whose inbox and whose preferences a request
reaches, so a body cannot point at somebody else's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import Flag, RequestModel, ResponseModel
from fopymes_server.notifications.rules import NotificationType

_NOTIFICATION: dict[str, Any] = {
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
_PREFERENCES: dict[str, Any] = {"email_types": ["budget.exceeded", "debt.overdue"], "quiet": False}


class NotificationOut(ResponseModel):
    """One of your notifications; `read_at` is when you marked it read."""

    model_config = ConfigDict(json_schema_extra={"examples": [_NOTIFICATION]})

    id: int
    type: str = Field(description="One of the notification types (see preferences).")
    title: str
    body: str
    entity_type: str | None = Field(description="What it is about (budget, goal, debt...).")
    entity_id: int | None
    created_at: dt.datetime
    read_at: dt.datetime | None
    read: bool


class NotificationPageOut(ResponseModel):
    """One page, newest first; pass `next_cursor` as `cursor` for the next (null: last page)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_NOTIFICATION], "next_cursor": "bnwxMjA"}]}
    )

    items: list[NotificationOut]
    next_cursor: str | None


class UnreadCountOut(ResponseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"unread": 3}]})

    unread: int


class MarkedReadOut(ResponseModel):
    """How many notifications were unread and are now read (0 when none were)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"marked": 3}]})

    marked: int


class PreferencesOut(ResponseModel):
    """Your preferences; they follow you across every workspace you are in."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PREFERENCES]})

    email_types: list[str] = Field(
        description="Notification types also sent by e-mail (none unless chosen)."
    )
    quiet: bool = Field(description="In-app only: no e-mail at all, whatever email_types says.")


class PreferencesIn(RequestModel):
    """PUT: the whole preferences; both fields are required."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PREFERENCES]})

    email_types: list[NotificationType] = Field(max_length=len(NotificationType))
    quiet: Flag

    def types(self) -> frozenset[NotificationType]:
        """The chosen types once each (a repeated type means the same as once)."""
        return frozenset(self.email_types)


class PreferencesPatch(RequestModel):
    """PATCH: a field left out (or null) keeps its current value."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"quiet": True}]})

    email_types: list[NotificationType] | None = Field(
        default=None, max_length=len(NotificationType)
    )
    quiet: Flag | None = None

    def types(self) -> frozenset[NotificationType] | None:
        """The chosen types once each, or None to keep the current ones."""
        return None if self.email_types is None else frozenset(self.email_types)
