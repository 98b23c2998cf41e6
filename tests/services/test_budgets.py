"""Budgets through the service layer on SQLite and PostgreSQL: figures equal hand sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.budgets import service, status
from fopymes_server.budgets.rules import Verdict
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.principal import Principal, Role
from fopymes_server.transactions.schemas import Kind
from tests.factories import (
    add_member,
    at_noon,
    contribute,
    hand_clock,
    make_budget,
    make_goal,
    new_owner,
    record,
)


@pytest.fixture(autouse=True)
def _mid_november(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-11-15"))


def _status(ctx: AppContext, principal: Principal, on: date | None = None):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return {s.category: s for s in status.status(uow, principal, on=on)}


def _history(ctx: AppContext, principal: Principal, category: str | None, **kw: object):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return status.history(uow, principal, category, **kw)  # type: ignore[arg-type]


def _sub_category(ctx: AppContext, principal: Principal, name: str, parent: str) -> None:
    with ctx.uow() as uow:
        categories.add(uow, principal, name=name, kind=CategoryKind.EXPENSE, parent=parent)


def test_status_sums_the_periods_expenses_of_the_category_and_its_children(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    p = owner.principal
    _sub_category(ctx, p, "Bakery", "Groceries")
    make_budget(ctx, p, "Groceries", "400.00")
    record(ctx, p, "100.10", category="Groceries", date="2026-11-01")
    record(ctx, p, "49.90", category="Bakery", date="2026-11-14")
    record(ctx, p, "20.00", category="Restaurants", date="2026-11-02")  # another category
    record(ctx, p, "7.00", category="Groceries", date="2026-10-31")  # the period before
    record(ctx, p, "9.00", category="Groceries", date="2026-12-01")  # the period after
    record(ctx, p, "5.00", category="Groceries", date="2026-11-03", currency="USD")
    record(ctx, p, "900.00", kind=Kind.INCOME, date="2026-11-03")

    groceries = _status(ctx, p)["Groceries"]

    assert (groceries.period_start, groceries.period_end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert groceries.limit == Decimal("400.00")
    assert groceries.spent == Decimal("150.00")
    assert groceries.remaining == Decimal("250.00")
    assert groceries.percent_used == Decimal("37.5")
    assert (groceries.days_elapsed, groceries.days_left) == (15, 15)
    assert groceries.projected_spend == Decimal("300.00")  # 150 / 15 days * 30 days
    assert groceries.verdict is Verdict.ON_TRACK
    assert groceries.alerts_crossed == ()


def test_an_all_expenses_budget_counts_every_expense_including_uncategorised(
    ctx: AppContext,
) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, None, "100.00", thresholds="50,90")
    record(ctx, p, "30.00", category="Groceries", date="2026-11-02")
    record(ctx, p, "25.00", category="Housing", date="2026-11-05")
    with ctx.uow() as uow:
        from fopymes_server.transactions import service as transactions
        from fopymes_server.transactions.schemas import TransactionCreate

        transactions.record(
            uow, p, data=TransactionCreate(amount="40.00", date="2026-11-06", description="?")
        )
    overall = _status(ctx, p)["All expenses"]
    assert overall.spent == Decimal("95.00")
    assert overall.alerts_crossed == (50, 90)
    assert overall.projected_spend == Decimal("190.00")
    assert overall.verdict is Verdict.AT_RISK


def test_a_payday_budget_runs_from_the_25th_and_short_months_clamp(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, "Groceries", "300.00", anchor_day=25, effective_from="2026-10-25")
    make_budget(ctx, p, "Housing", "900.00", anchor_day=31, effective_from="2026-01-31")
    record(ctx, p, "60.00", category="Groceries", date="2026-10-24")  # the period before
    record(ctx, p, "70.00", category="Groceries", date="2026-10-25")
    record(ctx, p, "80.00", category="Groceries", date="2026-11-24")
    record(ctx, p, "90.00", category="Groceries", date="2026-11-25")  # the period after

    november = _status(ctx, p, on=date(2026, 11, 1))
    assert (november["Groceries"].period_start, november["Groceries"].period_end) == (
        date(2026, 10, 25),
        date(2026, 11, 24),
    )
    assert november["Groceries"].spent == Decimal("150.00")
    march = _status(ctx, p, on=date(2026, 3, 1))
    assert (march["Housing"].period_start, march["Housing"].period_end) == (
        date(2026, 2, 28),
        date(2026, 3, 30),
    )
    assert "Groceries" not in march  # it began in October


def test_a_fortnightly_budget_counts_fourteen_days_from_its_anchor(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, "Transport", "50.00", period="fortnightly", anchor_date="2026-11-02")
    record(ctx, p, "5.00", category="Transport", date="2026-11-01")
    record(ctx, p, "6.00", category="Transport", date="2026-11-02")
    record(ctx, p, "7.00", category="Transport", date="2026-11-15")
    record(ctx, p, "8.00", category="Transport", date="2026-11-16")
    transport = _status(ctx, p)["Transport"]
    assert (transport.period_start, transport.period_end) == (date(2026, 11, 2), date(2026, 11, 15))
    assert transport.spent == Decimal("13.00")
    assert transport.days_left == 0


def test_changing_a_limit_never_rewrites_past_periods(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, "Groceries", "400.00", effective_from="2026-09-10")
    make_budget(ctx, p, "Groceries", "500.00")  # from this period (November) on
    budget = make_budget(ctx, p, "Groceries", "450.00", effective_from="2027-01-20")

    assert [(x.effective_from, x.amount) for x in budget.limits] == [
        (date(2026, 9, 1), Decimal("400.00")),
        (date(2026, 11, 1), Decimal("500.00")),
        (date(2027, 1, 1), Decimal("450.00")),
    ]
    assert budget.limit == Decimal("500.00")
    history = _history(ctx, p, "Groceries", last=6)
    assert [(h.period_start, h.limit) for h in history] == [
        (date(2026, 9, 1), Decimal("400.00")),
        (date(2026, 10, 1), Decimal("400.00")),
        (date(2026, 11, 1), Decimal("500.00")),
    ]
    in_january = _history(ctx, p, "Groceries", last=1, on=date(2027, 1, 5))
    assert in_january[0].limit == Decimal("450.00")


def test_rollover_carries_unspent_money_up_to_the_cap_and_overspending_with_both(
    ctx: AppContext,
) -> None:
    p = new_owner(ctx).principal
    make_budget(
        ctx,
        p,
        "Groceries",
        "400.00",
        rollover="unspent",
        rollover_cap="250",
        effective_from="2026-09-01",
    )
    make_budget(ctx, p, "Leisure", "100.00", rollover="both", effective_from="2026-09-01")
    record(ctx, p, "100.00", category="Groceries", date="2026-09-05")  # 300 left, 250 carried
    record(ctx, p, "700.00", category="Groceries", date="2026-10-05")  # 650 - 700 = -50, dropped
    record(ctx, p, "40.00", category="Leisure", date="2026-09-05")  # +60
    record(ctx, p, "260.00", category="Leisure", date="2026-10-05")  # 160 - 260 = -100

    groceries = _history(ctx, p, "Groceries", last=3)
    assert [(g.base_limit, g.carried, g.limit) for g in groceries] == [
        (Decimal("400.00"), Decimal("0.00"), Decimal("400.00")),
        (Decimal("400.00"), Decimal("250.00"), Decimal("650.00")),
        (Decimal("400.00"), Decimal("0.00"), Decimal("400.00")),
    ]
    assert groceries[1].verdict is Verdict.OVER
    leisure = _status(ctx, p)["Leisure"]
    assert (leisure.carried, leisure.limit) == (Decimal("-100.00"), Decimal("0.00"))
    assert leisure.percent_used is None


def test_money_moved_to_a_savings_goal_is_not_spending(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, None, "1000.00")
    make_budget(ctx, p, "Other expenses", "100.00")
    make_goal(ctx, p, "Holiday", "2000.00", category="Other expenses")
    record(ctx, p, "10.00", category="Other expenses", date="2026-11-10")
    contribute(ctx, p, "Holiday", "500.00", payment_method="Cash", date="2026-11-11")
    figures = _status(ctx, p)
    assert figures["All expenses"].spent == Decimal("10.00")
    assert figures["Other expenses"].spent == Decimal("10.00")


def test_one_budget_per_category_whose_period_and_currency_are_fixed(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, "Groceries", "400.00", rollover="unspent")
    with pytest.raises(RuleViolationError, match="period"), ctx.uow() as uow:
        service.set_budget(
            uow, p, data=BudgetSet(category="groceries", amount="1", period="weekly")
        )
    with pytest.raises(RuleViolationError, match="currency"), ctx.uow() as uow:
        service.set_budget(uow, p, data=BudgetSet(category="Groceries", currency="USD"))
    changed = make_budget(ctx, p, "Groceries", "400.00", rollover="none", thresholds="90")
    assert (changed.rollover.value, changed.thresholds, len(changed.limits)) == ("none", (90,), 1)
    with ctx.uow(write=False) as uow:
        assert [b.category for b in service.list_budgets(uow, p)] == ["Groceries"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"category": "Salary"}, "category"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"period": "daily"}, "period"),
        ({"anchor_day": 32}, "anchor_day"),
        ({"anchor_day": 0}, "anchor_day"),
        ({"period": "weekly", "anchor_day": 3}, "anchor_day"),
        ({"anchor_date": "2026-11-02"}, "anchor_date"),
        ({"rollover": "sometimes"}, "rollover"),
        ({"rollover_cap": "x"}, "rollover_cap"),
        ({"thresholds": "80,abc"}, "alert"),
        ({"effective_from": "2026-02-30"}, "from"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    ctx: AppContext, fields: dict[str, object], field: str
) -> None:
    p = new_owner(ctx).principal
    data = {"category": "Groceries", "amount": "100", **fields}
    with pytest.raises(ValidationError) as info, ctx.uow() as uow:
        service.set_budget(uow, p, data=BudgetSet(**data))  # type: ignore[arg-type]
    assert info.value.field == field
    with ctx.uow(write=False) as uow:
        assert service.list_budgets(uow, p) == []


def test_viewers_read_budgets_but_cannot_change_them(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    make_budget(ctx, owner.principal, "Groceries", "400.00")
    assert "Groceries" in _status(ctx, viewer.principal)
    assert _history(ctx, viewer.principal, "Groceries")
    for change in (
        lambda uow: service.set_budget(
            uow, viewer.principal, data=BudgetSet(category="Groceries", amount="1")
        ),
        lambda uow: service.remove(uow, viewer.principal, "Groceries"),
    ):
        with pytest.raises(PermissionDeniedError), ctx.uow() as uow:
            change(uow)


def test_another_workspace_sees_none_of_the_budgets_and_reaches_none(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    make_budget(ctx, owner.principal, "Groceries", "400.00")
    with ctx.uow(write=False) as uow:
        groceries_id = service.get(uow, owner.principal, "Groceries").category_id
    assert groceries_id is not None
    assert _status(ctx, stranger.principal) == {}
    for attempt in (
        lambda uow: service.get(uow, stranger.principal, groceries_id),
        lambda uow: status.history(uow, stranger.principal, groceries_id),
        lambda uow: service.remove(uow, stranger.principal, groceries_id),
        lambda uow: service.set_budget(
            uow, stranger.principal, data=BudgetSet(category=groceries_id, amount="1")
        ),
    ):
        with pytest.raises(NotFoundError), ctx.uow() as uow:
            attempt(uow)
    assert "Groceries" in _status(ctx, owner.principal)


def test_removing_a_budget_forgets_its_limits(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_budget(ctx, p, "Groceries", "400.00", effective_from="2026-01-01")
    with ctx.uow() as uow:
        removed = service.remove(uow, p, "groceries")
    assert removed.category == "Groceries"
    assert _status(ctx, p) == {}
    again = make_budget(ctx, p, "Groceries", "300.00")
    assert [x.amount for x in again.limits] == [Decimal("300.00")]
    with pytest.raises(ValidationError, match="between 1 and 120"):
        _history(ctx, p, "Groceries", last=0)
