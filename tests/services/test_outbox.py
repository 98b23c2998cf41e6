"""The mail outbox without a mail server: queueing, backoff, dead letters, password reset."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from fopymes_server.core.principal import Role
from fopymes_server.identity import password_reset
from fopymes_server.identity import service as identity
from fopymes_server.mail import service as mail
from fopymes_server.mail.outbox import RetryPolicy, deliver_due
from fopymes_server.mail.schemas import OutboxStatus
from fopymes_server.mail.sender import SmtpConfig, SmtpSender
from tests.factories import PASSWORD, add_member, at_noon, hand_clock, new_owner


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable() -> SmtpSender:
    return SmtpSender(SmtpConfig(host="127.0.0.1", port=closed_port(), security="none"))


def test_backoff_doubles_from_the_first_delay_up_to_a_cap() -> None:
    policy = RetryPolicy(max_attempts=20, first_delay=timedelta(minutes=1))
    delays = [policy.delay(n) for n in (1, 2, 3, 4, 12, 19)]
    assert delays == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
        timedelta(hours=6),
        timedelta(hours=6),
    ]
    assert RetryPolicy(max_attempts=3).retry_at(3, at_noon("2026-01-01")) is None


def test_an_unreachable_server_backs_off_then_dead_letters_and_retry_revives(
    ctx: AppContext,
) -> None:
    hand = hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        mail.queue_report(
            uow,
            owner.principal,
            "boss@example.com",
            "Q1",
            "Numbers",
            "q1.csv",
            "text/csv",
            b"a,b\n",
        )
    policy = RetryPolicy(max_attempts=3, first_delay=timedelta(minutes=1))
    sender = unreachable()
    seen = []
    for minutes in (0, 0, 1, 2):  # the second pass at the same instant finds nothing due
        hand.advance(minutes=minutes)
        report = deliver_due(ctx, sender, now=ctx.clock.now(), policy=policy)
        with ctx.uow(write=False) as uow:
            message = mail.outbox(uow, owner.principal)[0]
        seen.append((report.failed, message.status, message.attempts))
    assert seen == [
        (1, OutboxStatus.PENDING, 1),
        (0, OutboxStatus.PENDING, 1),
        (1, OutboxStatus.PENDING, 2),
        (1, OutboxStatus.DEAD, 3),
    ]
    with ctx.uow(write=False) as uow:
        dead = mail.outbox(uow, owner.principal, failed_only=True)
    assert "cannot reach the SMTP server" in (dead[0].last_error or "")
    with ctx.uow() as uow:
        assert mail.retry(uow, owner.principal) == 1
    with ctx.uow(write=False) as uow:
        revived = mail.outbox(uow, owner.principal)[0]
    assert (revived.status, revived.attempts) == (OutboxStatus.PENDING, 0)


def test_without_an_smtp_server_configured_mail_waits(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        mail.queue_test(uow, owner.principal, to="me@example.com", server="none")
    report = deliver_due(
        ctx, SmtpSender(SmtpConfig(host=None)), now=ctx.clock.now(), policy=RetryPolicy()
    )
    assert not report.configured
    assert report.waiting >= 1


def test_the_outbox_is_for_owners_and_scoped_to_the_workspace(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    stranger = new_owner(ctx)
    with ctx.uow() as uow:
        queued = mail.queue_report(
            uow, owner.principal, "a@example.com", "R", "B", "r.pdf", "application/pdf", b"%PDF"
        )
    with pytest.raises(PermissionDeniedError), ctx.uow(write=False) as uow:
        mail.outbox(uow, editor.principal)
    with ctx.uow(write=False) as uow:
        assert mail.outbox(uow, stranger.principal) == []
    with pytest.raises(NotFoundError), ctx.uow() as uow:
        mail.retry(uow, stranger.principal, queued)
    with pytest.raises(NotFoundError), ctx.uow(write=False) as uow:
        mail.message(uow, stranger.principal, queued)


def test_report_mail_refuses_bad_input(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    cases = [
        ("not-an-address", "S", "text/csv", b"x", "email"),
        ("a@example.com", " ", "text/csv", b"x", "subject"),
        ("a@example.com", "S", "csv", b"x", "content type"),
        ("a@example.com", "S", "text/csv", b"x" * (20 * 1024 * 1024 + 1), "attachment"),
    ]
    for to, subject, content_type, data, field in cases:
        with pytest.raises(ValidationError) as info, ctx.uow() as uow:
            mail.queue_report(uow, owner.principal, to, subject, "b", "f", content_type, data)
        assert info.value.field == field


def _reset_requests(ctx: AppContext, email: str, times: int = 1) -> None:
    for _ in range(times):
        with ctx.uow() as uow:
            password_reset.request_reset(uow, email=email)


def _outbox_count(ctx: AppContext) -> int:
    with ctx.uow(write=False) as uow:
        return uow.outbox.count(OutboxStatus.PENDING)


def test_a_reset_request_looks_the_same_whether_or_not_the_account_exists(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    before = _outbox_count(ctx)
    _reset_requests(ctx, "nobody-here@example.com")
    assert _outbox_count(ctx) == before
    _reset_requests(ctx, owner.email.upper(), times=5)
    assert _outbox_count(ctx) == before + 3  # at most three an hour


def _token_from_outbox(ctx: AppContext, user_id: int) -> str:
    from sqlalchemy import select

    from fopymes_server.mail.models import OutboxMessage

    with ctx.uow(write=False) as uow:
        body = uow.outbox.session.scalars(
            select(OutboxMessage.body_text)
            .where(OutboxMessage.user_id == user_id, OutboxMessage.kind == "password_reset")
            .order_by(OutboxMessage.id.desc())
        ).first()
    assert body is not None
    return body.split("--token ")[1].split()[0]


def test_a_reset_token_works_once_within_30_minutes_and_ends_every_session(
    ctx: AppContext,
) -> None:
    hand = hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        _, session = identity.login(
            uow, email=owner.email, password=PASSWORD, lifetime=timedelta(days=1)
        )
    _reset_requests(ctx, owner.email)
    token = _token_from_outbox(ctx, owner.principal.user_id)
    with pytest.raises(ValidationError), ctx.uow() as uow:
        password_reset.reset(uow, token=token, new_password="short")
    with ctx.uow() as uow:
        password_reset.reset(uow, token=token, new_password="a brand new secret")
    with pytest.raises(AuthenticationError, match="invalid, used or expired"), ctx.uow() as uow:
        password_reset.reset(uow, token=token, new_password="another new secret")
    with pytest.raises(AuthenticationError), ctx.uow() as uow:
        identity.authenticate(uow, session)
    with ctx.uow() as uow:
        identity.login(
            uow, email=owner.email, password="a brand new secret", lifetime=timedelta(days=1)
        )
    hand.advance(hours=2)
    _reset_requests(ctx, owner.email)
    late = _token_from_outbox(ctx, owner.principal.user_id)
    hand.advance(minutes=31)
    with pytest.raises(AuthenticationError), ctx.uow() as uow:
        password_reset.reset(uow, token=late, new_password="too late for this")
