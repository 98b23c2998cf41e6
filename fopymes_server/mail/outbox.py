"""Delivering the outbox: claim due messages, send them, record each outcome; idempotent.

Called by the `deliver_outbox` job (and `fopymes mail test`). Messages were written by the
transaction that caused them, so a rolled-back change never reaches this code, and a crash
here loses nothing: an unsent row stays pending, a claimed one comes back when its lease
expires. Delivery is at-least-once by nature (SMTP has no idempotency), so the window in
which a crash can resend is kept to one message, and every retry carries the same
Message-ID for the receiver to recognise.

Retries back off exponentially (first delay, doubled per failure, capped at six hours);
after `max_attempts` failures, or at once for a permanent refusal, the message is
dead-lettered: visible in `fopymes mail outbox --failed` and sent again by `mail retry`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from fopymes_server.core.context import AppContext
from fopymes_server.core.settings import Settings
from fopymes_server.mail.render import build_message
from fopymes_server.mail.schemas import DeliveryReport, OutboxStatus, OutgoingMail
from fopymes_server.mail.sender import PermanentMailError, SmtpSender, TransientMailError

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
"""How long a claimed message is kept from other workers; longer than any SMTP timeout."""
MAX_DELAY = timedelta(hours=6)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    first_delay: timedelta = timedelta(seconds=60)
    max_delay: timedelta = MAX_DELAY

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(
            max_attempts=settings.mail_max_attempts,
            first_delay=timedelta(seconds=settings.mail_retry_seconds),
        )

    def delay(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failure: first_delay * 2^(attempts-1), capped."""
        factor = 2 ** min(max(attempts - 1, 0), 30)
        return min(self.max_delay, self.first_delay * factor)

    def retry_at(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` failures, or None to dead-letter."""
        return None if attempts >= self.max_attempts else now + self.delay(attempts)


def deliver_due(
    ctx: AppContext,
    sender: SmtpSender,
    *,
    now: datetime,
    policy: RetryPolicy,
    batch: int = 50,
    only: int | None = None,
) -> DeliveryReport:
    """Send every message due at `now`, batch by batch, until none is left or the server
    cannot be reached (the rest then wait for their next attempt untouched). `only`
    restricts the pass to one message (`fopymes mail test`).

    Never raises for SMTP trouble: failures are recorded on the messages. Without an SMTP
    server configured it sends nothing and reports how many messages wait.
    """
    report = DeliveryReport(configured=sender.config.configured)
    if report.configured:
        while True:
            with ctx.uow() as uow:
                claimed = uow.outbox.claim(now, now + LEASE, batch, only=only)
                uow.commit()
            if not claimed:
                break
            sent = _send_batch(ctx, sender, claimed, now=now, policy=policy, report=report)
            if not sent or only is not None:
                break
    with ctx.uow(write=False) as uow:
        report.waiting = uow.outbox.count(OutboxStatus.PENDING)
    return report


def _send_batch(
    ctx: AppContext,
    sender: SmtpSender,
    claimed: list[OutgoingMail],
    *,
    now: datetime,
    policy: RetryPolicy,
    report: DeliveryReport,
) -> bool:
    """Send one claimed batch over one SMTP session; False when the server was unreachable."""
    handled: set[int] = set()
    try:
        with sender.connect() as connection:
            for mail in claimed:
                handled.add(mail.id)
                try:
                    connection.send(build_message(mail, sender=sender.config.sender))
                except (TransientMailError, PermanentMailError) as exc:
                    _record_failure(ctx, mail, exc, now=now, policy=policy, report=report)
                else:
                    with ctx.uow() as uow:
                        uow.outbox.mark_sent(mail.id, now)
                        uow.commit()
                    report.sent += 1
    except (TransientMailError, PermanentMailError) as exc:
        # The session itself failed (connect, login, or the server went away mid-batch).
        # A refused login is the operator's to fix, not the messages' fault: retry them.
        log.warning("mail: %s", exc.message)
        transient = TransientMailError(exc.message)
        for mail in claimed:
            if mail.id not in handled:
                _record_failure(ctx, mail, transient, now=now, policy=policy, report=report)
        return False
    return True


def _record_failure(
    ctx: AppContext,
    mail: OutgoingMail,
    exc: TransientMailError | PermanentMailError,
    *,
    now: datetime,
    policy: RetryPolicy,
    report: DeliveryReport,
) -> None:
    retry_at = None if isinstance(exc, PermanentMailError) else policy.retry_at(mail.attempts, now)
    with ctx.uow() as uow:
        uow.outbox.mark_failed(mail.id, exc.message, retry_at)
        uow.commit()
    report.failed += 1
    if retry_at is None:
        report.dead += 1
