"""The report model on SQLite and PostgreSQL: every section, exact, scoped by workspace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.accounts.schemas import AccountCreate, AccountType
from fopymes_server.accounts.transfers import TransferCreate
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import ReportData
from fopymes_server.transactions import summary
from fopymes_server.transactions.schemas import Kind
from tests.factories import contribute, make_goal, new_owner, record, withdraw

TODAY = date(2026, 11, 25)


def _report(ctx: AppContext, principal: Principal, text: str = "2026-11") -> ReportData:
    with ctx.uow(write=False) as uow:
        return service.show(uow, principal, period=parse_period(text, TODAY))


@pytest.fixture
def books(ctx: AppContext) -> Principal:
    """November against October, with a sub-category, two methods and a dollar expense."""
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        categories.add(
            uow, owner, name="Supermarket", kind=CategoryKind.EXPENSE, parent="Groceries"
        )
    record(ctx, owner, "2000", kind=Kind.INCOME, date="2026-11-27", description="Pay")
    record(ctx, owner, "100.00", category="Groceries", date="2026-11-02", payment_method="Cash")
    record(ctx, owner, "50.00", category="Supermarket", date="2026-11-02")
    record(ctx, owner, "850.00", category="Housing", date="2026-11-05", description="Rent")
    record(ctx, owner, "0.10", category="Leisure", date="2026-11-30")
    record(ctx, owner, "75.00", category="Groceries", date="2026-10-10")
    record(ctx, owner, "30.00", category="Restaurants", date="2026-10-11")
    record(ctx, owner, "9.99", category="Leisure", date="2026-11-03", currency="USD")
    return owner


def test_kpis_are_exact_and_compared_with_the_previous_month(
    ctx: AppContext, books: Principal
) -> None:
    report = _report(ctx, books)
    assert (report.kpis.income, report.kpis.expense, report.kpis.net) == (
        Decimal("2000.00"),
        Decimal("1000.10"),
        Decimal("999.90"),
    )
    assert report.kpis.savings_rate == Decimal("0.5000")
    assert report.kpis.count == 5
    assert report.previous_kpis.expense == Decimal("105.00")
    assert report.previous_period.label == "2026-10"
    assert [(t.currency, t.expense) for t in report.other_currencies] == [("USD", Decimal("9.99"))]


def test_categories_roll_up_sub_categories_with_shares_and_change(
    ctx: AppContext, books: Principal
) -> None:
    lines = {line.name: line for line in _report(ctx, books).expenses_by_category}
    groceries = lines["Groceries"]
    assert (groceries.amount, groceries.previous, groceries.change) == (
        Decimal("150.00"),
        Decimal("75.00"),
        Decimal("1.0000"),
    )
    assert [(c.name, c.amount) for c in groceries.children] == [("Supermarket", Decimal("50.00"))]
    assert lines["Housing"].share == Decimal("0.8499")
    assert lines["Housing"].change is None  # nothing the month before
    assert lines["Restaurants"].amount == Decimal("0.00")  # only in the previous month
    assert sum(line.amount for line in lines.values()) == Decimal("1000.10")
    assert [line.name for line in _report(ctx, books).income_by_category] == ["Salary"]


def test_top_shares_make_one_hundred_percent_and_a_sub_categorys_is_of_its_parent(
    ctx: AppContext, books: Principal
) -> None:
    lines = _report(ctx, books).expenses_by_category
    assert sum(line.share for line in lines) == Decimal("1.0000")
    (supermarket,) = next(line for line in lines if line.name == "Groceries").children
    assert supermarket.share == Decimal("0.3333")  # 50 of Groceries' 150, not of all 1000.10


def test_methods_largest_expenses_daily_flow_and_trend(ctx: AppContext, books: Principal) -> None:
    report = _report(ctx, books)
    methods = {m.name: (m.income, m.expense, m.count) for m in report.payment_methods}
    assert methods["Cash"] == (Decimal("0.00"), Decimal("100.00"), 1)
    assert methods["No method"] == (Decimal("2000.00"), Decimal("900.10"), 4)
    assert [e.amount for e in report.largest_expenses] == [
        Decimal("850.00"),
        Decimal("100.00"),
        Decimal("50.00"),
        Decimal("0.10"),
    ]
    assert [(d.date.day, d.net, d.cumulative) for d in report.daily] == [
        (2, Decimal("-150.00"), Decimal("-150.00")),
        (5, Decimal("-850.00"), Decimal("-1000.00")),
        (27, Decimal("2000.00"), Decimal("1000.00")),
        (30, Decimal("-0.10"), Decimal("999.90")),
    ]
    assert len(report.trend) == 12
    assert (report.trend[0].month, report.trend[-1].month) == (date(2025, 12, 1), date(2026, 11, 1))
    assert report.trend[-2].expense == Decimal("105.00")


def test_a_report_sees_only_its_own_workspace(ctx: AppContext, books: Principal) -> None:
    stranger = new_owner(ctx).principal
    record(ctx, stranger, "1.00", date="2026-11-02")
    mine = _report(ctx, books)
    theirs = _report(ctx, stranger)
    assert theirs.kpis.expense == Decimal("1.00")
    assert mine.kpis.expense == Decimal("1000.10")
    assert theirs.budgets == []
    assert theirs.largest_expenses[0].amount == Decimal("1.00")


def test_an_empty_period_gives_zeros_not_errors(ctx: AppContext) -> None:
    report = _report(ctx, new_owner(ctx).principal, "2020")
    assert (report.kpis.expense, report.kpis.savings_rate, report.daily) == (
        Decimal("0.00"),
        None,
        [],
    )
    assert len(report.trend) == 12
    assert all(m.count == 0 for m in report.trend)


def test_budgets_goals_and_debts_come_from_their_services(ctx: AppContext) -> None:
    from fopymes_server.budgets import service as budgets
    from fopymes_server.budgets.schemas import BudgetSet
    from fopymes_server.goals import service as goals
    from fopymes_server.goals.schemas import GoalCreate

    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(
                category="Groceries", amount="100", period="monthly", effective_from="2026-01-01"
            ),
        )
    with ctx.uow() as uow:
        goals.add(uow, owner, data=GoalCreate(name="Holiday", target="1000"))
    record(ctx, owner, "120.00", category="Groceries", date="2026-11-02")
    report = _report(ctx, owner)
    [budget] = report.budgets
    assert (budget.category, budget.spent, budget.status) == (
        "Groceries",
        Decimal("120.00"),
        "over",
    )
    assert [(g.name, g.target) for g in report.goals] == [("Holiday", Decimal("1000.00"))]
    assert report.debts == []


def test_savings_transfers_to_goals_are_neither_expenses_nor_incomes(
    ctx: AppContext, books: Principal
) -> None:
    before = _report(ctx, books)
    make_goal(ctx, books, "Bike", "1000.00")
    contribute(ctx, books, "Bike", "300.00", payment_method="Cash", date="2026-11-10")
    withdraw(ctx, books, "Bike", "40.00", payment_method="Cash", date="2026-11-12")
    after = _report(ctx, books)
    assert after.kpis == before.kpis
    assert after.payment_methods == before.payment_methods
    assert after.largest_expenses == before.largest_expenses
    assert after.daily == before.daily
    assert after.trend == before.trend
    [bike] = after.goals
    assert bike.saved == Decimal("260.00")
    with ctx.uow(write=False) as uow:
        [eur, _usd] = summary.totals(uow, books, date(2026, 11, 1), date(2026, 11, 30))
    assert (eur.income, eur.expense) == (Decimal("2000.00"), Decimal("1000.10"))


def test_a_report_gives_every_accounts_balances_at_its_edges_and_transfers_apart(
    ctx: AppContext, books: Principal
) -> None:
    with ctx.uow() as uow:
        accounts.create(
            uow,
            books,
            AccountCreate(
                name="Savings",
                type=AccountType.SAVINGS,
                opening_balance="100",
                opening_date="2026-01-01",
            ),
        )
    without = _report(ctx, books)
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            books,
            TransferCreate(
                amount="300", from_account="Cash", to_account="Savings", date="2026-11-10"
            ),
        )
    report = _report(ctx, books)
    with ctx.uow(write=False) as uow:
        opening = accounts.balance_sheet(uow, books, on=date(2026, 10, 31))
        closing = accounts.balance_sheet(uow, books, on=date(2026, 11, 30))
    shown = {(b.name, b.currency): (b.opening, b.closing, b.change) for b in report.balances}
    before = {(o.name, o.currency): o.balance for o in opening.accounts}
    expected = {}
    for line in closing.accounts:
        start = before.get((line.name, line.currency), Decimal(0))
        expected[(line.name, line.currency)] = (start, line.balance, line.balance - start)
    assert shown == expected
    assert shown[("Savings", "EUR")] == (Decimal("100.00"), Decimal("400.00"), Decimal("300.00"))
    assert [
        (t.from_account, t.to_account, t.currency, t.amount, t.count) for t in report.transfers
    ] == [("Cash", "Savings", "EUR", Decimal("300.00"), 1)]
    assert report.kpis == without.kpis
    assert report.expenses_by_category == without.expenses_by_category
    assert report.income_by_category == without.income_by_category
