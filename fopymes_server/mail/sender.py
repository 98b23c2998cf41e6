"""The SMTP client (stdlib smtplib): connect, secure, log in, send; no business logic.

It sorts failures into two kinds, because the outbox treats them differently:
TransientMailError (cannot connect, timeouts, 4xx replies) is retried with backoff;
PermanentMailError (5xx replies such as an unknown recipient) is dead-lettered at once.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from fopymes_server.core.errors import ExternalServiceError
from fopymes_server.core.settings import Settings
from fopymes_server.mail.credentials import smtp_password


class TransientMailError(ExternalServiceError):
    """Worth trying again later: the server is down, slow, or said 4xx."""


class PermanentMailError(ExternalServiceError):
    """Trying again will not help: the server refused the message or recipient (5xx)."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str | None
    port: int = 587
    security: str = "starttls"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "fopymes <fopymes@localhost>"
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            security=settings.smtp_security,
            username=settings.smtp_username,
            password=smtp_password(settings) if settings.smtp_username else None,
            sender=settings.smtp_sender,
            timeout=settings.smtp_timeout,
        )

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def display(self) -> str:
        """host:port for messages; never the password."""
        return f"{self.host}:{self.port}"


def _classify(exc: Exception) -> ExternalServiceError:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        text = "; ".join(
            f"{code} {reply.decode(errors='replace')}" for code, reply in exc.recipients.values()
        )
        permanent = all(code >= 500 for code in codes)
        kind = PermanentMailError if permanent else TransientMailError
        return kind(f"recipient refused: {text}")
    code = getattr(exc, "smtp_code", None)
    if (
        isinstance(code, int)
        and code >= 500
        and not isinstance(exc, smtplib.SMTPServerDisconnected)
    ):
        detail = getattr(exc, "smtp_error", b"")
        reply = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
        return PermanentMailError(f"the SMTP server refused: {code} {reply}")
    return TransientMailError(f"SMTP failure: {type(exc).__name__}: {exc}")


class SmtpConnection:
    """One open SMTP session; send several messages through it."""

    def __init__(self, client: smtplib.SMTP) -> None:
        self._client = client

    def send(self, message: EmailMessage) -> None:
        """Send one message; raises TransientMailError or PermanentMailError."""
        try:
            self._client.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise _classify(exc) from None


class SmtpSender:
    """Opens SMTP sessions according to an SmtpConfig."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    @contextmanager
    def connect(self) -> Iterator[SmtpConnection]:
        """An authenticated session; raises TransientMailError when it cannot be opened,
        PermanentMailError when the login is refused."""
        config = self.config
        if not config.host:
            raise TransientMailError("no SMTP server is configured (FOPYMES_SMTP_HOST)")
        try:
            client: smtplib.SMTP
            if config.security == "tls":
                client = smtplib.SMTP_SSL(
                    config.host,
                    config.port,
                    timeout=config.timeout,
                    context=ssl.create_default_context(),
                )
            else:
                client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
                if config.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
            if config.username:
                client.login(config.username, config.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise PermanentMailError(
                f"the SMTP server refused the login of {config.username} ({exc.smtp_code})"
            ) from None
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise TransientMailError(
                f"cannot reach the SMTP server {config.display}: {exc}"
            ) from None
        try:
            yield SmtpConnection(client)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
