"""Totals, spending by category and the monthly trend, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions import summary
from fopymes_server.transactions.schemas import Kind, TransactionCreate
from tests.factories import new_owner, record

NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)


def _totals(ctx: AppContext, principal: Principal, start: date = NOV_1, end: date = NOV_30):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return summary.totals(uow, principal, start, end)


def _uncategorised(ctx: AppContext, principal: Principal, amount: str, day: str) -> None:
    with ctx.uow() as uow:
        transactions.record(
            uow, principal, data=TransactionCreate(amount=amount, date=day, description="misc")
        )


def test_totals_are_exact_per_currency_with_inclusive_bounds(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    for _ in range(10):
        record(ctx, owner, "0.10", date="2026-11-01")
    record(ctx, owner, "2000", kind=Kind.INCOME, date="2026-11-30")
    record(ctx, owner, "5.00", date="2026-12-01")  # outside the range
    record(ctx, owner, "3.00", date="2026-10-31")  # outside the range
    record(ctx, owner, "7.50", date="2026-11-15", currency="USD")
    eur, usd = _totals(ctx, owner)
    assert (eur.currency, eur.income, eur.expense, eur.net, eur.count) == (
        "EUR",
        Decimal("2000.00"),
        Decimal("1.00"),
        Decimal("1999.00"),
        11,
    )
    assert eur.savings_rate == Decimal("0.9995")
    assert (usd.currency, usd.expense, usd.income, usd.count) == (
        "USD",
        Decimal("7.50"),
        Decimal("0.00"),
        1,
    )
    assert usd.savings_rate is None


def test_totals_of_an_empty_range_and_of_another_workspace_are_empty(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    stranger = new_owner(ctx).principal
    record(ctx, owner, "10.00")
    assert _totals(ctx, owner, date(2020, 1, 1), date(2020, 1, 31)) == []
    assert _totals(ctx, stranger) == []


def test_sums_beyond_32_bits_stay_exact(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, "9999999999999.99")
    record(ctx, owner, "9999999999999.99")
    assert _totals(ctx, owner)[0].expense == Decimal("19999999999999.98")


def test_a_backwards_range_is_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(ValidationError, match="after the end"):
        _totals(ctx, owner, NOV_30, NOV_1)


def test_savings_rate_is_negative_when_spending_exceeds_income() -> None:
    assert summary.savings_rate(Decimal(100), Decimal(150)) == Decimal("-0.5")
    assert summary.savings_rate(Decimal(0), Decimal(10)) is None


def test_spending_by_category_rolls_sub_categories_into_their_parent(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        categories.add(
            uow, owner, name="Supermarket", kind=CategoryKind.EXPENSE, parent="Groceries"
        )
    record(ctx, owner, "30.00", category="Groceries")
    record(ctx, owner, "45.00", category="Supermarket")
    record(ctx, owner, "20.00", category="Transport")
    _uncategorised(ctx, owner, "5.00", "2026-11-02")
    record(ctx, owner, "1000", kind=Kind.INCOME, category="Salary")
    with ctx.uow(write=False) as uow:
        spending = summary.by_category(uow, owner, NOV_1, NOV_30)
        income = summary.by_category(uow, owner, NOV_1, NOV_30, Kind.INCOME)
        both = summary.by_category(uow, owner, NOV_1, NOV_30, None)
    assert [(c.category, c.amount, c.count, c.share) for c in spending] == [
        ("Groceries", Decimal("75.00"), 2, Decimal("0.7500")),
        ("Transport", Decimal("20.00"), 1, Decimal("0.2000")),
        (None, Decimal("5.00"), 1, Decimal("0.0500")),
    ]
    assert spending[0].category_id is not None
    assert spending[2].category_id is None
    assert [(c.category, c.kind, c.share) for c in income] == [
        ("Salary", Kind.INCOME, Decimal("1.0000"))
    ]
    assert len(both) == 4


def test_monthly_trend_has_every_month_with_zeros_across_a_year_end(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, "12.00", date="2025-12-31")
    record(ctx, owner, "100", kind=Kind.INCOME, date="2026-02-01")
    record(ctx, owner, "4.00", date="2026-02-28", currency="USD")
    record(ctx, owner, "99.00", date="2026-03-01")  # after the last month
    with ctx.uow(write=False) as uow:
        trend = summary.monthly_trend(uow, owner, date(2026, 2, 14), months=3)
    eur = [(m.month, m.income, m.expense, m.net) for m in trend if m.currency == "EUR"]
    assert eur == [
        (date(2025, 12, 1), Decimal("0.00"), Decimal("12.00"), Decimal("-12.00")),
        (date(2026, 1, 1), Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        (date(2026, 2, 1), Decimal("100.00"), Decimal("0.00"), Decimal("100.00")),
    ]
    usd = [(m.month, m.expense, m.count) for m in trend if m.currency == "USD"]
    assert usd == [
        (date(2025, 12, 1), Decimal("0.00"), 0),
        (date(2026, 1, 1), Decimal("0.00"), 0),
        (date(2026, 2, 1), Decimal("4.00"), 1),
    ]


def test_an_empty_workspace_gets_a_flat_trend_in_its_currency(ctx: AppContext) -> None:
    owner = new_owner(ctx, currency="JPY").principal
    with ctx.uow(write=False) as uow:
        trend = summary.monthly_trend(uow, owner, date(2026, 11, 30))
    assert len(trend) == 12
    assert {m.currency for m in trend} == {"JPY"}
    assert trend[0].month == date(2025, 12, 1)
    assert all(m.net == 0 and m.count == 0 for m in trend)


@pytest.mark.parametrize("months", [0, 121])
def test_trend_length_is_bounded(ctx: AppContext, months: int) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(ValidationError, match="months"), ctx.uow(write=False) as uow:
        summary.monthly_trend(uow, owner, NOV_1, months=months)
