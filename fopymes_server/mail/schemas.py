"""Outbox data as services and front ends see it, and the plain message the sender sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from fopymes_server.core.contract import Contract, examples


class MailKind(StrEnum):
    NOTIFICATION = "notification"
    REPORT = "report"
    PASSWORD_RESET = "password_reset"
    TEST = "test"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """A claimed outbox row, detached: everything needed to build the MIME message."""

    id: int
    message_key: str
    to_address: str
    subject: str
    body_text: str
    body_html: str | None
    created_at: datetime
    attempts: int
    attachments: tuple[Attachment, ...] = field(default=())


class OutboxOut(Contract):
    """One outgoing message of the workspace and its delivery state (bodies are not listed)."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 5,
                "kind": "report",
                "to_address": "ana@shop.example",
                "subject": "Shop: November 2026",
                "status": "pending",
                "attempts": 1,
                "next_attempt_at": "2026-11-27T09:35:00Z",
                "last_error": "connection refused",
                "created_at": "2026-11-27T09:30:00Z",
                "sent_at": None,
            }
        )
    )

    id: int
    kind: str = Field(description="notification, report, password_reset or test.")
    to_address: str
    subject: str
    status: OutboxStatus = Field(description="pending, sent or dead (gave up; retry it).")
    attempts: int = Field(description="Delivery attempts so far.")
    next_attempt_at: datetime
    last_error: str | None = Field(description="Why the last attempt failed, if it did.")
    created_at: datetime
    sent_at: datetime | None


class DeliveryReport(BaseModel):
    """What one delivery pass did."""

    configured: bool = True
    sent: int = 0
    failed: int = 0
    dead: int = 0
    waiting: int = 0
