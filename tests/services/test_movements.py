"""One definition of income, expense and transfer: every total agrees on both databases.

A workspace gets plain incomes and expenses plus every movement that is a transfer (a goal
contribution and withdrawal from a method, debt payments recorded both ways, a transfer
between two accounts); `tx list`
totals, the summary behind reports and the dashboard, the report's KPIs, budget status and
the export summary must all show the same income and expense.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.accounts.schemas import AccountCreate
from fopymes_server.budgets import status as budgets
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.debts import payments
from fopymes_server.debts.schemas import PaymentCreate
from fopymes_server.exports import service as exports
from fopymes_server.exports.schemas import ExportFormat
from fopymes_server.imports import service as imports
from fopymes_server.reports import service as reports
from fopymes_server.reports.periods import parse_period
from fopymes_server.scheduled import materialise
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions import summary
from fopymes_server.transactions.schemas import Kind, Movement, TransactionFilter
from tests.factories import (
    contribute,
    make_budget,
    make_debt,
    make_goal,
    make_schedule,
    new_owner,
    record,
    withdraw,
)

INCOME = Decimal("2000.00")
# 150.00 of groceries by hand, 20.00 posted by a schedule, 12.50 imported, and 7.40 of
# interest on 500.00 at 12 % for the 45 days to 15 November.
GROCERIES = Decimal("182.50")
EXPENSE = GROCERIES + Decimal("7.40")
IMPORTED = (
    b"id,date,kind,amount,currency,category,payment_method,description,note,movement,"
    b"counter_account,counter_amount,counter_currency\n"
    b"900,2026-11-08,expense,-12.50,EUR,Groceries,Cash,Market,,expense,,,\n"
)
NOVEMBER = TransactionFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


@pytest.fixture
def books(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    record(ctx, owner, "2000.00", kind=Kind.INCOME, date="2026-11-01", payment_method="Cash")
    record(ctx, owner, "150.00", category="Groceries", date="2026-11-02", payment_method="Cash")
    make_goal(ctx, owner, "Bike", "1000.00", category="Groceries")
    contribute(ctx, owner, "Bike", "300.00", payment_method="Cash", date="2026-11-10")
    withdraw(ctx, owner, "Bike", "40.00", payment_method="Cash", date="2026-11-12")
    owed = make_debt(ctx, owner, "500.00", direction="i_owe", start="2026-10-01", annual_rate="12")
    lent = make_debt(
        ctx, owner, "80.00", contact="Luis", direction="owed_to_me", start="2026-10-01"
    )
    with ctx.uow() as uow:
        for debt, amount in ((owed, "100.00"), (lent, "80.00")):
            payments.pay(
                uow,
                owner,
                debt.id,
                data=PaymentCreate(
                    amount=amount,
                    date="2026-11-15",
                    payment_method="Cash",
                    record_transaction=True,
                ),
            )
    with ctx.uow() as uow:
        accounts.create(uow, owner, AccountCreate(name="Bank", opening_date="2026-01-01"))
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="75.00", from_account="Cash", to_account="Bank", date="2026-11-20"
            ),
        )
    make_schedule(ctx, owner, "Veg box", "20.00", category="Groceries", start="2026-11-06", count=1)
    make_schedule(
        ctx,
        owner,
        "To bank",
        "25.00",
        kind="transfer",
        category=None,
        to_account="Bank",
        start="2026-11-07",
        count=1,
    )
    with ctx.uow() as uow:
        materialise.materialise_due(uow, today=date(2026, 11, 30))
    with ctx.uow() as uow:
        imports.import_csv(uow, owner, data=IMPORTED, source="shop.csv", profile="fopymes")
    make_budget(ctx, owner, "Groceries", "400.00", effective_from="2026-11-01")
    return owner


def test_goal_and_debt_movements_are_transfers_in_tx_list(
    ctx: AppContext, books: Principal
) -> None:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, books, filters=NOVEMBER, limit=100)
    movements = sorted(item.movement.value for item in page.items)
    # Expenses: groceries by hand, scheduled and imported, and the debt's interest;
    # transfers: into and out of the goal, both debts' principal, between accounts by hand
    # and by a schedule.
    assert movements == [*["expense"] * 4, "income", *[Movement.TRANSFER.value] * 6]
    [eur] = page.totals
    assert (eur.income, eur.expense, eur.count) == (INCOME, EXPENSE, 11)


def test_every_total_agrees_on_income_and_expense(ctx: AppContext, books: Principal) -> None:
    with ctx.uow(write=False) as uow:
        [listed] = transactions.list_transactions(uow, books, filters=NOVEMBER, limit=100).totals
        [summed] = summary.totals(uow, books, date(2026, 11, 1), date(2026, 11, 30))
        report = reports.show(uow, books, period=parse_period("2026-11", date(2026, 11, 30)))
        [groceries] = budgets.status(uow, books, on=date(2026, 11, 20))
        out = io.BytesIO()
        exported = exports.export_transactions(
            uow, books, fmt=ExportFormat.CSV, out=out, filters=NOVEMBER
        )
    [sums] = exported.sums
    assert (listed.income, listed.expense) == (INCOME, EXPENSE)
    assert (summed.income, summed.expense) == (INCOME, EXPENSE)
    assert (report.kpis.income, report.kpis.expense) == (INCOME, EXPENSE)
    assert (sums.income, sums.expense) == (INCOME, EXPENSE)
    assert groceries.spent == GROCERIES
    # Exports write every row, the transfers too, and sum none of those as income or expense.
    assert (exported.rows, exported.transfers) == (11, 6)
