"""Bodies of a person's notifications and preferences: the page, counts, what PUT/PATCH take.

A notification and the preferences are the service's own schemas (`notifications.schemas`).

Nothing here names a user: the token decides whose inbox and whose preferences a request
reaches, so a body cannot point at somebody else's.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import Flag, RequestModel, ResponseModel
from fopymes_server.notifications.rules import NotificationType
from fopymes_server.notifications.schemas import (
    NOTIFICATION_EXAMPLE,
    PREFERENCES_EXAMPLE,
    NotificationOut,
)


class NotificationPageOut(ResponseModel):
    """One page, newest first; pass `next_cursor` as `cursor` for the next (null: last page)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [NOTIFICATION_EXAMPLE], "next_cursor": "bnwxMjA"}]
        }
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


class PreferencesIn(RequestModel):
    """PUT: the whole preferences; both fields are required."""

    model_config = ConfigDict(json_schema_extra={"examples": [PREFERENCES_EXAMPLE]})

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
