"""Scheduled report e-mails: queued once per period, caught up, moved on when refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fopymes_server.core.clock import fixed_clock
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import NotFoundError, PermissionDeniedError, ValidationError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.mail import service as mail
from fopymes_server.reports import schedules
from fopymes_server.reports.schemas import ReportFormat
from tests.factories import add_member, new_owner, record


def _queued(ctx: AppContext, owner: Principal) -> list[str]:
    with ctx.uow(write=False) as uow:
        return sorted(m.subject for m in mail.outbox(uow, owner) if "report" in m.subject)


def _add(
    ctx: AppContext, principal: Principal, on: date, fmt: ReportFormat = ReportFormat.PDF
) -> int:
    ctx.clock = fixed_clock(datetime(on.year, on.month, on.day, 12, tzinfo=UTC))
    with ctx.uow() as uow:
        return schedules.add(uow, principal, frequency="monthly", fmt=fmt, to="boss@example.com").id


def test_the_next_run_is_the_first_day_of_the_next_period() -> None:
    assert schedules.next_run("monthly", date(2026, 11, 25)) == date(2026, 12, 1)
    assert schedules.next_run("monthly", date(2026, 12, 1)) == date(2027, 1, 1)
    assert schedules.next_run("quarterly", date(2026, 11, 25)) == date(2027, 1, 1)
    assert schedules.next_run("quarterly", date(2026, 1, 1)) == date(2026, 4, 1)
    assert schedules.next_run("yearly", date(2026, 1, 1)) == date(2027, 1, 1)


def test_a_due_report_is_queued_once_and_missed_months_are_caught_up(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, "12.00", date="2026-09-10")
    _add(ctx, owner, date(2026, 8, 20))
    assert schedules.send_due(ctx.uow, date(2026, 8, 31)) == 0
    assert schedules.send_due(ctx.uow, date(2026, 11, 2)) == 3  # September, October, November
    assert schedules.send_due(ctx.uow, date(2026, 11, 2)) == 0  # a second runner finds nothing
    assert _queued(ctx, owner) == [
        "fopymes report Books 2026-08",
        "fopymes report Books 2026-09",
        "fopymes report Books 2026-10",
    ]
    with ctx.uow(write=False) as uow:
        [item] = schedules.list_schedules(uow, owner)
    assert item.next_run_on == date(2026, 12, 1)


def test_a_schedule_of_someone_who_left_is_moved_on_without_sending(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    _add(ctx, editor.principal, date(2026, 10, 5))
    with ctx.uow() as uow:
        from fopymes_server.identity import service as identity

        identity.remove_member(uow, owner.principal, email=editor.email)
    assert schedules.send_due(ctx.uow, date(2026, 11, 1)) == 0
    with ctx.uow(write=False) as uow:
        [item] = schedules.list_schedules(uow, owner.principal)
    assert item.next_run_on == date(2026, 12, 1)
    assert _queued(ctx, owner.principal) == []


def test_schedules_are_scoped_and_need_a_writer(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER).principal
    schedule_id = _add(ctx, owner.principal, date(2026, 11, 1))
    stranger = new_owner(ctx).principal
    with pytest.raises(NotFoundError), ctx.uow() as uow:
        schedules.remove(uow, stranger, schedule_id)
    with pytest.raises(PermissionDeniedError):
        _add(ctx, viewer, date(2026, 11, 1))
    with pytest.raises(ValidationError), ctx.uow() as uow:
        schedules.add(uow, owner.principal, frequency="monthly", fmt=ReportFormat.PDF, to="x")
    with ctx.uow(write=False) as uow:
        assert schedules.list_schedules(uow, stranger) == []
        assert [s.id for s in schedules.list_schedules(uow, owner.principal)] == [schedule_id]
