"""A payday budget in a month's report: the same figures, for the month's own dates, in the
report data, `budget status --period`'s service, the PDF, the workbook and the CSV."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets import status as budget_status
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import PRORATA_NOTE, ReportData, ReportFormat
from tests.factories import new_owner, record

TODAY = date(2026, 12, 10)
LIMIT = Decimal("2922.58")  # 24/31 of 25 Oct-24 Nov and 6/30 of 25 Nov-24 Dec, of 3000
SPENT = Decimal("1050.00")  # not the rent of 1 Dec, though it is in 25 Nov-24 Dec


@pytest.fixture
def payday(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner,
            data=BudgetSet(
                category=None, amount="3000", anchor_day=25, effective_from="2026-10-25"
            ),
        )
    record(ctx, owner, "900", category="Housing", date="2026-11-01", description="rent nov")
    record(ctx, owner, "100", category="Groceries", date="2026-11-20")
    record(ctx, owner, "50", category="Groceries", date="2026-11-27")
    record(ctx, owner, "900", category="Housing", date="2026-12-01", description="rent dec")
    return owner


def _report(ctx: AppContext, owner: Principal) -> ReportData:
    with ctx.uow(write=False) as uow:
        return service.show(uow, owner, period=parse_period("2026-11", TODAY))


def _export(ctx: AppContext, owner: Principal, fmt: ReportFormat, where: Path) -> Path:
    report = _report(ctx, owner)
    with ctx.uow(write=False) as uow:
        table = "budgets" if fmt is ReportFormat.CSV else None
        [path] = service.export_files(uow, owner, report, fmt, where, table=table)
    return path


def test_the_data_and_budget_status_agree_on_the_months_own_money(
    ctx: AppContext, payday: Principal
) -> None:
    (line,) = _report(ctx, payday).budgets
    with ctx.uow(write=False) as uow:
        (status,) = budget_status.in_range(uow, payday, date(2026, 11, 1), date(2026, 11, 30))
    assert (line.period_start, line.period_end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert (line.limit, line.spent, line.prorated) == (LIMIT, SPENT, True)
    assert (status.limit, status.spent, status.prorated) == (LIMIT, SPENT, True)


def test_the_pdf_workbook_and_csv_show_the_same_budget_and_say_it_is_pro_rata(
    ctx: AppContext, payday: Principal, tmp_path: Path
) -> None:
    pdf = _export(ctx, payday, ReportFormat.PDF, tmp_path / "r.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    budgets_part = text[text.index("\nBudgets\n") :]
    assert "2,922.58" in budgets_part
    assert "1,050.00" in budgets_part
    assert "2026-11-25" not in budgets_part  # not the payday period 25 Nov-24 Dec
    assert "pro rata" in budgets_part

    book = load_workbook(_export(ctx, payday, ReportFormat.XLSX, tmp_path / "r.xlsx"))
    sheet = book["Budgets"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "All expenses"]
    values = {h: c.value for h, c in zip(header, row, strict=False)}
    assert Decimal(str(values["Limit"])) == LIMIT
    assert Decimal(str(values["Spent"])) == SPENT
    assert PRORATA_NOTE in {c.value for r in sheet.iter_rows() for c in r}

    out = tmp_path / "csv"
    out.mkdir()
    with _export(ctx, payday, ReportFormat.CSV, out).open(newline="") as handle:
        (line,) = list(csv.DictReader(handle))
    assert (line["start"], line["end"], line["prorated"]) == ("2026-11-01", "2026-11-30", "yes")
    assert (Decimal(line["limit"]), Decimal(line["spent"])) == (LIMIT, SPENT)
