"""Bounded scheduler work: how far back a schedule may start, and how much one pass makes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.jobs import materialise_recurring
from fopymes_server.scheduled import materialise
from fopymes_server.scheduled import service as scheduled
from fopymes_server.transactions import service as transactions
from tests.factories import at_noon, hand_clock, make_schedule, new_owner

TODAY = date(2026, 6, 30)


def _posted(ctx: AppContext, principal: Principal) -> list[date]:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, principal, limit=5000)
    return sorted(tx.date for tx in page.items)


def _next_due(ctx: AppContext, principal: Principal) -> date | None:
    with ctx.uow(write=False) as uow:
        return scheduled.show(uow, principal, "Coffee").next_due


def test_a_schedule_with_more_past_dates_than_allowed_is_refused_without_a_backfill(
    ctx: AppContext,
) -> None:
    hand_clock(ctx, at_noon(TODAY.isoformat()))
    owner = new_owner(ctx)
    daily = {"every": "day", "start": "1900-01-01"}
    with pytest.raises(ValidationError, match="start: from 1900-01-01 to today is 46") as no:
        make_schedule(ctx, owner.principal, "Coffee", "2.50", **daily)
    assert "--backfill" in str(no.value.hint)
    with pytest.raises(ValidationError, match="a backfill records at most 3660"):
        make_schedule(ctx, owner.principal, "Coffee", "2.50", **daily, backfill=True)
    with ctx.uow(write=False) as uow:
        assert scheduled.list_schedules(uow, owner.principal) == []
    make_schedule(ctx, owner.principal, "Coffee", "2.50", **daily, count=3)  # 3 dates: fine
    year = (TODAY - timedelta(days=365)).isoformat()
    make_schedule(ctx, owner.principal, "Tea", "2.50", every="day", start=year)  # 366 dates


def test_one_pass_creates_at_most_its_share_and_the_next_pass_goes_on(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon(TODAY.isoformat()))
    owner = new_owner(ctx)
    start = TODAY - timedelta(days=1199)  # 1200 daily dates up to today
    make_schedule(
        ctx,
        owner.principal,
        "Coffee",
        "2.50",
        every="day",
        category="Restaurants",
        start=start.isoformat(),
        backfill=True,
    )
    share = materialise.MAX_PER_PASS
    summary = materialise_recurring.run(ctx, at_noon(TODAY.isoformat()))
    assert "carried to the next run" in summary
    first = _posted(ctx, owner.principal)
    assert first == [start + timedelta(days=n) for n in range(share)]
    assert _next_due(ctx, owner.principal) == start + timedelta(days=share)
    materialise_recurring.run(ctx, at_noon(TODAY.isoformat()))
    assert len(_posted(ctx, owner.principal)) == 2 * share
    materialise_recurring.run(ctx, at_noon(TODAY.isoformat()))
    materialise_recurring.run(ctx, at_noon(TODAY.isoformat()))
    everything = _posted(ctx, owner.principal)
    assert everything == [start + timedelta(days=n) for n in range(1200)]
    assert _next_due(ctx, owner.principal) == TODAY + timedelta(days=1)
