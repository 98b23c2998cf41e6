"""Scheduled reports reach the mailbox through the jobs pass, once per period."""

from __future__ import annotations

from datetime import date

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.jobs import registry
from fopymes_server.reports import schedules
from fopymes_server.reports.schemas import ReportFormat
from tests.conftest import Databases
from tests.factories import at_noon, hand_clock, new_owner, random_email, record
from tests.mail.server import SmtpServer


@pytest.fixture
def database_url(databases: Databases, backend: str) -> str:
    """A database of its own: a jobs pass e-mails every due report schedule in the database,
    at most a batch of them, and other tests' schedules caught up to 2031 would fill it."""
    return databases.fresh(backend)


def test_a_pass_of_run_due_e_mails_last_months_pdf_once(ctx: AppContext, smtp: SmtpServer) -> None:
    ctx.settings = ctx.settings.model_copy(
        update={
            "timezone": "UTC",
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port,
            "smtp_security": "none",
            "smtp_sender": "fopymes <alerts@books.example>",
        }
    )
    hand = hand_clock(ctx, at_noon("2031-05-20"))
    owner = new_owner(ctx)
    record(ctx, owner.principal, "80.00", date="2031-05-21")
    boss = random_email("boss")
    with ctx.uow() as uow:
        schedules.add(uow, owner.principal, frequency="monthly", fmt=ReportFormat.PDF, to=boss)
    jobs = registry.select(["report_emails", "deliver_outbox"])
    results = registry.run_due(ctx, ctx.clock.now(), jobs)
    assert all(r.ok for r in results)
    assert smtp.inbox.to(boss) == []

    hand.move_to(at_noon("2031-06-01"))
    first = registry.run_due(ctx, ctx.clock.now(), jobs)
    second = registry.run_due(ctx, ctx.clock.now(), jobs)
    assert all(r.ok for r in first + second)
    [message] = smtp.inbox.to(boss)
    assert "2031-05" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert payload.startswith(b"%PDF")
    with ctx.uow(write=False) as uow:
        [listed] = schedules.list_schedules(uow, owner.principal)
    assert listed.next_run_on == date(2031, 7, 1)
