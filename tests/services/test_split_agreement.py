"""Split transactions count each part in its own category, and every front end agrees.

A workspace gets a split expense (groceries, fruit under groceries, household goods), a
split income (salary and freelance work) and a plain grocery expense. The report (service
and API), budget status, the summary behind the dashboard and the categories screen, and
the CSV and XLSX exports all give each category the sum of its parts, added up in SQL.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from fopymes_server.api.app import create_app
from fopymes_server.budgets import status as budgets
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.exports import service as exports
from fopymes_server.exports.schemas import ExportFormat
from fopymes_server.reports import service as reports
from fopymes_server.reports.periods import parse_period
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions import summary
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionFilter,
)
from tests.api.conftest import API, api_options, personal_token
from tests.factories import Person, make_budget, new_owner, record

EXPENSES = {"Groceries": Decimal("72.00"), "Household": Decimal("25.40")}
"""Groceries: 50.00 and 10.00 of fruit (a sub-category) of the receipt, and 12.00 alone."""
INCOME = {"Salary": Decimal("1200.00"), "Freelance": Decimal("300.00")}
NOVEMBER = TransactionFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


def _record(ctx: AppContext, owner: Principal, data: TransactionCreate) -> None:
    with ctx.uow() as uow:
        transactions.record(uow, owner, data=data)


@pytest.fixture
def books(ctx: AppContext) -> Person:
    person = new_owner(ctx)
    owner = person.principal
    with ctx.uow() as uow:
        categories.add(uow, owner, name="Household", kind=CategoryKind.EXPENSE)
        categories.add(uow, owner, name="Fruit", kind=CategoryKind.EXPENSE, parent="Groceries")
    _record(
        ctx,
        owner,
        TransactionCreate(
            amount="85.40",
            date="2026-11-03",
            description="Mercadona",
            payment_method="Cash",
            splits=[
                SplitCreate(category="Groceries", amount="50"),
                SplitCreate(category="Fruit", amount="10"),
                SplitCreate(category="Household"),
            ],
        ),
    )
    _record(
        ctx,
        owner,
        TransactionCreate(
            kind=Kind.INCOME,
            amount="1500",
            date="2026-11-01",
            description="Pay",
            payment_method="Cash",
            splits=[
                SplitCreate(category="Salary", amount="1200"),
                SplitCreate(category="Freelance"),
            ],
        ),
    )
    record(ctx, owner, "12.00", date="2026-11-10", payment_method="Cash")
    make_budget(ctx, owner, "Groceries", "400.00", effective_from="2026-11-01")
    make_budget(ctx, owner, "Household", "100.00", effective_from="2026-11-01")
    return person


def _names(lines: list) -> dict[str, Decimal]:  # type: ignore[type-arg]
    return {line.name: line.amount for line in lines}


def test_the_report_counts_each_part_in_its_category(ctx: AppContext, books: Person) -> None:
    with ctx.uow(write=False) as uow:
        report = reports.show(
            uow, books.principal, period=parse_period("2026-11", date(2026, 11, 30))
        )
    assert _names(report.expenses_by_category) == EXPENSES
    assert _names(report.income_by_category) == INCOME
    [groceries] = [line for line in report.expenses_by_category if line.name == "Groceries"]
    assert _names(groceries.children) == {"Fruit": Decimal("10.00")}
    assert (report.kpis.income, report.kpis.expense) == (Decimal("1500.00"), Decimal("97.40"))


def test_the_report_over_the_api_agrees(ctx: AppContext, books: Person) -> None:
    token = personal_token(ctx, books)
    workspace = f"{API}/workspaces/{books.principal.workspace_id}"
    with TestClient(create_app(ctx, api_options())) as client:
        body = client.get(
            f"{workspace}/reports",
            params={"period": "2026-11"},
            headers={"Authorization": f"Bearer {token}"},
        ).json()
    assert {c["name"]: Decimal(c["amount"]) for c in body["expenses_by_category"]} == EXPENSES
    assert {c["name"]: Decimal(c["amount"]) for c in body["income_by_category"]} == INCOME


def test_budgets_count_the_parts_in_their_categories(ctx: AppContext, books: Person) -> None:
    with ctx.uow(write=False) as uow:
        lines = budgets.status(uow, books.principal, on=date(2026, 11, 20))
    assert {line.category: line.spent for line in lines} == EXPENSES


def test_the_dashboard_summary_counts_each_part(ctx: AppContext, books: Person) -> None:
    with ctx.uow(write=False) as uow:
        rows = summary.by_category(
            uow, books.principal, date(2026, 11, 1), date(2026, 11, 30), kind=None
        )
        [totals] = summary.totals(uow, books.principal, date(2026, 11, 1), date(2026, 11, 30))
    assert {row.category: row.amount for row in rows if row.kind is Kind.EXPENSE} == EXPENSES
    assert {row.category: row.amount for row in rows if row.kind is Kind.INCOME} == INCOME
    assert (totals.income, totals.expense) == (Decimal("1500.00"), Decimal("97.40"))


def test_tx_list_by_category_agrees_with_the_report(ctx: AppContext, books: Person) -> None:
    with ctx.uow(write=False) as uow:
        for name, amount in EXPENSES.items():
            filters = NOVEMBER.model_copy(update={"category": name})
            [listed] = transactions.list_transactions(uow, books.principal, filters=filters).totals
            assert listed.expense == amount


def _by_category(rows: list[tuple[str, str, Decimal]]) -> dict[str, dict[str, Decimal]]:
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for kind, category, amount in rows:
        sums[kind][category] += abs(amount)
    return sums


TOP = {"Fruit": "Groceries"}


def test_the_csv_export_has_a_line_per_part_adding_up_by_category(
    ctx: AppContext, books: Person
) -> None:
    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        exported = exports.export_transactions(
            uow, books.principal, fmt=ExportFormat.CSV, out=out, filters=NOVEMBER
        )
    lines = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert (exported.rows, len(lines)) == (3, 6)
    sums = _by_category(
        [(r["kind"], TOP.get(r["category"], r["category"]), Decimal(r["amount"])) for r in lines]
    )
    assert sums["expense"] == EXPENSES
    assert sums["income"] == INCOME
    receipt = [r for r in lines if r["description"] == "Mercadona"]
    assert [(r["id"], r["split"], r["category"]) for r in receipt] == [
        (receipt[0]["id"], "1", "Groceries"),
        (receipt[0]["id"], "2", "Fruit"),
        (receipt[0]["id"], "3", "Household"),
    ]
    [sums_eur] = exported.sums
    assert (sums_eur.income, sums_eur.expense) == (Decimal("1500.00"), Decimal("97.40"))


def test_the_xlsx_export_has_a_line_per_part_adding_up_by_category(
    ctx: AppContext, books: Person
) -> None:
    from openpyxl import load_workbook

    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        exports.export_transactions(
            uow, books.principal, fmt=ExportFormat.XLSX, out=out, filters=NOVEMBER
        )
    sheet = load_workbook(io.BytesIO(out.getvalue()), read_only=True).worksheets[0]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[-2:] == ("Split", "Split note")
    at = {name: index for index, name in enumerate(header)}
    sums = _by_category(
        [
            (
                row[at["Kind"]],
                TOP.get(row[at["Category"]], row[at["Category"]]),
                Decimal(str(row[at["Amount"]])),
            )
            for row in rows
        ]
    )
    assert sums["expense"] == EXPENSES
    assert sums["income"] == INCOME
