"""Delivery to a real SMTP server on loopback: headers, bodies, outages, rollbacks, resets."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.identity import password_reset
from fopymes_server.mail import service as mail
from fopymes_server.mail.outbox import RetryPolicy, deliver_due
from fopymes_server.mail.repository import ERASED_BODY
from fopymes_server.mail.schemas import MailKind, OutboxStatus
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.rules import NotificationType
from fopymes_server.notifications.schemas import NotificationDraft
from fopymes_server.scheduled import materialise
from tests.factories import at_noon, hand_clock, make_schedule, new_owner
from tests.mail.server import SmtpServer

POLICY = RetryPolicy(max_attempts=5, first_delay=timedelta(minutes=1))


def deliver(ctx: AppContext, smtp: SmtpServer) -> int:
    return deliver_due(ctx, smtp.sender(), now=ctx.clock.now(), policy=POLICY).sent


def e_mail_everything(ctx: AppContext, principal) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow() as uow:
        notifications.set_preferences(uow, principal, email_types=list(NotificationType))


def test_a_posted_schedule_arrives_with_headers_text_and_escaped_html(
    ctx: AppContext, smtp: SmtpServer
) -> None:
    hand_clock(ctx, at_noon("2026-02-01"))
    owner = new_owner(ctx)
    e_mail_everything(ctx, owner.principal)
    make_schedule(ctx, owner.principal, "<b>Rent</b> & co", "1234.5", start="2026-02-01", count=1)
    with ctx.uow() as uow:
        materialise.materialise_due(uow, today=ctx.clock.today())
    deliver(ctx, smtp)
    [message] = smtp.inbox.to(owner.email)
    assert message["Subject"] == "Recorded: <b>Rent</b> & co"
    assert message["From"] == "fopymes <alerts@books.example>"
    assert message["Message-ID"].endswith("@books.example>")
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "'<b>Rent</b> & co' (1,234.50 EUR) was recorded for 2026-02-01" in text
    assert "&lt;b&gt;Rent&lt;/b&gt; &amp; co" in html
    assert "<b>Rent</b>" not in html
    assert PASSWORD_WORDS.isdisjoint(text.lower().split())


PASSWORD_WORDS = {"password:", "secret:", "token:"}


def test_mail_queued_while_the_server_is_down_is_all_delivered_once_it_is_back(
    ctx: AppContext, smtp: SmtpServer
) -> None:
    hand = hand_clock(ctx, at_noon("2026-03-01"))
    owner = new_owner(ctx)
    e_mail_everything(ctx, owner.principal)
    smtp.stop()
    for n in range(5):
        draft = NotificationDraft(
            type=NotificationType.DEBT_OVERDUE.value,
            title=f"Debt {n} is overdue",
            body="Pay it.",
            dedupe_key=f"debt.overdue:{n}:w0",
        )
        with ctx.uow() as uow:
            notifications.notify(
                uow, owner.principal, recipients=[owner.principal.user_id], draft=draft
            )
            uow.commit()
    assert deliver(ctx, smtp) == 0
    hand.advance(minutes=1)
    assert deliver(ctx, smtp) == 0
    smtp.start()
    assert deliver(ctx, smtp) == 0  # not due yet: the backoff is now two minutes
    hand.advance(minutes=2)
    deliver(ctx, smtp)
    hand.advance(hours=1)
    deliver(ctx, smtp)
    received = sorted(m["Subject"] for m in smtp.inbox.to(owner.email))
    assert received == [f"Debt {n} is overdue" for n in range(5)]
    with ctx.uow(write=False) as uow:
        states = {m.status for m in mail.outbox(uow, owner.principal)}
    assert states == {OutboxStatus.SENT}


def test_a_retry_after_a_refusal_carries_the_same_message_id(
    ctx: AppContext, smtp: SmtpServer
) -> None:
    hand = hand_clock(ctx, at_noon("2026-03-01"))
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        mail.queue_test(uow, owner.principal, to=owner.email, server="loopback")
    smtp.inbox.refuse_next = 1
    deliver(ctx, smtp)
    hand.advance(minutes=1)
    deliver(ctx, smtp)
    [message] = smtp.inbox.to(owner.email)
    assert smtp.inbox.refused_ids[-1] == message["Message-ID"]


def test_a_rolled_back_change_sends_nothing(ctx: AppContext, smtp: SmtpServer) -> None:
    owner = new_owner(ctx)

    def failing_report() -> None:
        with ctx.uow() as uow:
            mail.queue(
                uow,
                kind=MailKind.REPORT,
                to=owner.email,
                subject="never",
                text="never",
                html=None,
                workspace_id=owner.principal.workspace_id,
            )
            raise RuntimeError("the report failed after queueing")

    with pytest.raises(RuntimeError):
        failing_report()
    deliver(ctx, smtp)
    assert smtp.inbox.to(owner.email) == []
    with ctx.uow() as uow:  # the same mail in a change that commits does arrive
        mail.queue_test(uow, owner.principal, to=owner.email, server="loopback")
    deliver(ctx, smtp)
    assert len(smtp.inbox.to(owner.email)) == 1


def test_a_report_arrives_with_its_attachment(ctx: AppContext, smtp: SmtpServer) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        mail.queue_report(
            uow,
            owner.principal,
            owner.email,
            "May report",
            "Here it is.",
            "may 2026.csv",
            "text/csv",
            b"date,amount\n2026-05-01,10.00\n",
        )
    deliver(ctx, smtp)
    [message] = smtp.inbox.to(owner.email)
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "may 2026.csv"
    assert attachment.get_content_type() == "text/csv"
    assert attachment.get_content() == "date,amount\n2026-05-01,10.00\n"


def test_the_reset_e_mail_carries_a_working_token_that_is_then_erased(
    ctx: AppContext, smtp: SmtpServer
) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        password_reset.request_reset(uow, email=owner.email)
    deliver(ctx, smtp)
    [message] = smtp.inbox.to(owner.email)
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    token = text.split("--token ")[1].split()[0]
    with ctx.uow() as uow:
        password_reset.reset(uow, token=token, new_password="my new long secret")
    with ctx.uow(write=False) as uow:
        from sqlalchemy import select

        from fopymes_server.mail.models import OutboxMessage

        stored = uow.outbox.session.scalars(
            select(OutboxMessage.body_text).where(OutboxMessage.to_address == owner.email)
        ).all()
    assert stored == [ERASED_BODY]
