"""One pass of every job (`jobs run-due`) and months of passes with a hand-moved clock."""

from __future__ import annotations

from datetime import date

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from fopymes_server.jobs import registry
from fopymes_server.notifications import service as notifications
from fopymes_server.transactions import service as transactions
from tests.factories import add_member, at_noon, hand_clock, make_schedule, new_owner


@pytest.fixture
def utc_ctx(ctx: AppContext) -> AppContext:
    ctx.settings = ctx.settings.model_copy(update={"timezone": "UTC"})
    return ctx


def test_every_job_runs_and_reports_one_line(utc_ctx: AppContext) -> None:
    hand_clock(utc_ctx, at_noon("2029-04-02"))
    results = registry.run_due(utc_ctx, utc_ctx.clock.now())
    assert [r.job for r in results] == [j.name for j in registry.JOBS]
    assert all(r.ok for r in results), results
    again = {r.job: r.summary for r in registry.run_due(utc_ctx, utc_ctx.clock.now())}
    assert again["prune"] == "already done for 2029-04-02"
    assert again["monthly_summary"] == "2029-03 already summarised"


def test_a_failing_job_is_reported_and_the_others_still_run(utc_ctx: AppContext) -> None:
    utc_ctx.settings = utc_ctx.settings.model_copy(update={"timezone": "Mars/Olympus"})
    results = {r.job: r for r in registry.run_due(utc_ctx, utc_ctx.clock.now())}
    assert not results["materialise_recurring"].ok
    assert "not an IANA time zone" in results["materialise_recurring"].summary
    assert results["deliver_outbox"].ok


def test_the_time_zone_decides_which_day_is_due(utc_ctx: AppContext) -> None:
    hand = hand_clock(utc_ctx, at_noon("2026-07-01"))
    owner = new_owner(utc_ctx)
    make_schedule(utc_ctx, owner.principal, start="2026-07-02", count=1)
    hand.move_to(at_noon("2026-07-01").replace(hour=23))  # 01:00 on the 2nd in Madrid
    registry.run_due(utc_ctx, utc_ctx.clock.now(), registry.select(["materialise_recurring"]))
    with utc_ctx.uow(write=False) as uow:
        assert transactions.list_transactions(uow, owner.principal).items == []
    utc_ctx.settings = utc_ctx.settings.model_copy(update={"timezone": "Europe/Madrid"})
    registry.run_due(utc_ctx, utc_ctx.clock.now(), registry.select(["materialise_recurring"]))
    with utc_ctx.uow(write=False) as uow:
        [posted] = transactions.list_transactions(uow, owner.principal).items
    assert posted.date == date(2026, 7, 2)


def test_three_months_of_daily_passes_notify_each_thing_exactly_once(
    utc_ctx: AppContext,
) -> None:
    # Month slots are claimed per database; these months are used by no other test.
    hand = hand_clock(utc_ctx, at_noon("2030-09-01"))
    owner = new_owner(utc_ctx)
    viewer = add_member(utc_ctx, owner, Role.VIEWER)
    make_schedule(utc_ctx, owner.principal, start="2030-09-01", until="2030-11-30")
    # Alerts are left out: they visit every workspace of the shared test database.
    jobs = registry.select(["materialise_recurring", "monthly_summary", "deliver_outbox"])
    for _day in range(91):  # each month's summary slot is checked on ~30 passes
        registry.run_due(utc_ctx, utc_ctx.clock.now(), jobs)
        hand.advance(days=1)
    with utc_ctx.uow(write=False) as uow:
        posted = transactions.list_transactions(uow, owner.principal).items
        mine = notifications.list_notifications(uow, owner.principal, limit=100)
        theirs = notifications.list_notifications(uow, viewer.principal, limit=100)
    assert sorted(tx.date.month for tx in posted) == [9, 10, 11]
    assert sorted(n.title for n in mine) == [
        "Oct 2030 in summary",
        "Recorded: Rent",
        "Recorded: Rent",
        "Recorded: Rent",
        "Sep 2030 in summary",
    ]
    assert sorted(n.title for n in theirs) == ["Oct 2030 in summary", "Sep 2030 in summary"]
