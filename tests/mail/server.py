"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives.

A plain module rather than a conftest, so tests outside tests/mail (the CLI ones) can import
the `smtp` fixture too.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from fopymes_server.mail.sender import SmtpConfig, SmtpSender


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    """What the server accepted; `refuse_next` makes it answer 451 to that many messages."""

    messages: list[EmailMessage] = field(default_factory=list)
    refused_ids: list[str] = field(default_factory=list)
    refuse_next: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        if self.refuse_next:
            self.refuse_next -= 1
            self.refused_ids.append(str(parsed["Message-ID"]))
            return "451 4.3.0 try again later"
        self.messages.append(parsed)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@dataclass
class SmtpServer:
    port: int
    inbox: Inbox
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def sender(self) -> SmtpSender:
        return SmtpSender(
            SmtpConfig(
                host="127.0.0.1",
                port=self.port,
                security="none",
                sender="fopymes <alerts@books.example>",
                timeout=5,
            )
        )

    def env(self) -> dict[str, str]:
        return {
            "FOPYMES_SMTP_HOST": "127.0.0.1",
            "FOPYMES_SMTP_PORT": str(self.port),
            "FOPYMES_SMTP_SECURITY": "none",
            "FOPYMES_SMTP_SENDER": "fopymes <alerts@books.example>",
        }


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port(), inbox=Inbox())
    server.start()
    yield server
    server.stop()
