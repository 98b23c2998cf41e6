"""The workbook read back: every amount a number in its own currency's format, and a
native chart beside every section that has one in the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.core.context import AppContext
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import ReportFormat
from fopymes_server.transactions.schemas import Kind
from tests.factories import new_owner, record

EUR_FORMAT = "#,##0.00;[Red]-#,##0.00"
JPY_FORMAT = "#,##0;[Red]-#,##0"


def test_amounts_are_numbers_in_their_currencys_format_and_sections_have_charts(
    ctx: AppContext, tmp_path: Path
) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(category="Groceries", amount="400", effective_from="2026-10-01"),
        )
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(
                category="Transport", amount="30000", currency="JPY", effective_from="2026-10-01"
            ),
        )
    record(ctx, owner, "2000", kind=Kind.INCOME, date="2026-10-27", description="Pay")
    record(ctx, owner, "45.20", category="Groceries", date="2026-10-02")
    record(ctx, owner, "1500", category="Transport", date="2026-10-03", currency="JPY")
    record(ctx, owner, "12.34", category="Groceries", date="2026-10-04", currency="USD")
    with ctx.uow(write=False) as uow:
        report = service.show(uow, owner, period=parse_period("2026-10", date(2026, 11, 5)))
        [path] = service.export_files(uow, owner, report, ReportFormat.XLSX, tmp_path / "r.xlsx")
    book = load_workbook(path)

    budgets_sheet = book["Budgets"]
    rows = {r[0].value: r for r in budgets_sheet.iter_rows(min_row=2) if r[0].value}
    for name, fmt in (("Groceries", EUR_FORMAT), ("Transport", JPY_FORMAT)):
        limit = rows[name][4]
        assert limit.data_type == "n", name
        assert limit.number_format == fmt, name
    assert rows["Transport"][4].value == 30000

    summary = book["Summary"]
    other = {r[0].value: r for r in summary.iter_rows() if r[0].value in ("JPY", "USD")}
    assert other["JPY"][2].data_type == "n"
    assert other["JPY"][2].number_format == JPY_FORMAT
    assert other["JPY"][2].value == 1500
    assert other["USD"][2].number_format == EUR_FORMAT  # USD has two decimals too

    transactions = book["Transactions"]
    header = [c.value for c in next(transactions.iter_rows(max_row=1))]
    assert "currency" in [str(h).lower() for h in header]  # one amount column beside it
    amounts = [r[3] for r in transactions.iter_rows(min_row=2)]
    assert all(a.data_type == "n" for a in amounts)
    assert {a.number_format for a in amounts} == {EUR_FORMAT, JPY_FORMAT}

    assert len(book["By category"]._charts) == 2  # expenses and income
    assert len(book["Budgets"]._charts) == 1
    assert len(book["Trend"]._charts) == 1
    assert len(book["Net worth"]._charts) == 1
    (trend,) = book["Trend"]._charts
    assert trend.x_axis.title is not None  # labelled axes
    assert trend.y_axis.title is not None
