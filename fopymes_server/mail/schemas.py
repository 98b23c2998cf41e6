"""Outbox data as services and front ends see it, and the plain message the sender sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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


class OutboxOut(BaseModel):
    """One outbox row for `fopymes mail outbox` (bodies are not listed)."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    kind: str
    to_address: str
    subject: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class DeliveryReport(BaseModel):
    """What one delivery pass did."""

    configured: bool = True
    sent: int = 0
    failed: int = 0
    dead: int = 0
    waiting: int = 0
