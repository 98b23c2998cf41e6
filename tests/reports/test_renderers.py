"""Every renderer read back: PDF text (pypdf), XLSX cells (openpyxl), CSV files."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import ReportData, ReportFormat
from fopymes_server.transactions.schemas import Kind
from tests.factories import new_owner, record

TODAY = date(2026, 11, 25)
MARKUP = "<b>Bold</b> & [red]co[/red]"
FORMULA = "=SUM(A1:A9)"


@pytest.fixture
def books(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        categories.add(uow, owner, name=MARKUP, kind=CategoryKind.EXPENSE)
    with ctx.uow() as uow:
        categories.add(uow, owner, name=FORMULA, kind=CategoryKind.EXPENSE)
    record(ctx, owner, "3210.50", kind=Kind.INCOME, date="2026-10-27", description="Pay")
    record(ctx, owner, "1234.56", category="Housing", date="2026-10-01", description="Rent")
    record(ctx, owner, "45.20", category=MARKUP, date="2026-10-02", description="<i>x</i>")
    record(ctx, owner, "7.00", category=FORMULA, date="2026-10-03", description="@cmd")
    record(ctx, owner, "99.00", category="Groceries", date="2026-09-03")
    return owner


def _report(ctx: AppContext, principal: Principal) -> ReportData:
    with ctx.uow(write=False) as uow:
        return service.show(uow, principal, period=parse_period("2026-10", TODAY))


def _files(
    ctx: AppContext, principal: Principal, fmt: ReportFormat, where: Path, table: str | None = None
) -> list[Path]:
    with ctx.uow(write=False) as uow:
        report = service.show(uow, principal, period=parse_period("2026-10", TODAY))
        return service.export_files(uow, principal, report, fmt, where, table=table)


def test_the_pdf_holds_the_period_totals_categories_and_page_numbers(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    [path] = _files(ctx, books, ReportFormat.PDF, tmp_path)
    assert path.name == "fopymes-books-2026-10.pdf"
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2026-10-01 to 2026-10-31" in text
    for figure in ("3,210.50", "1,286.76", "1,923.74", "1,234.56"):
        assert figure in text
    for name in ("Housing", MARKUP, FORMULA, "Salary"):
        assert name in text
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()
        assert "Generated " in page.extract_text()
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_the_workbook_has_its_sheets_numbers_and_the_service_totals(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    report = _report(ctx, books)
    [path] = _files(ctx, books, ReportFormat.XLSX, tmp_path / "october.xlsx")
    book = load_workbook(path)
    assert {"Summary", "By category", "Budgets", "Goals", "Transactions"} <= set(book.sheetnames)
    summary = book["Summary"]
    values = {row[0].value: row[2] for row in summary.iter_rows(min_row=2, max_row=6)}
    assert Decimal(str(values["Expenses"].value)) == report.kpis.expense
    assert Decimal(str(values["Income"].value)) == report.kpis.income
    assert values["Expenses"].data_type == "n"
    assert "0.00" in values["Expenses"].number_format
    assert summary.freeze_panes == "A2"
    assert summary.auto_filter.ref
    by_category = book["By category"]
    amounts = {
        row[0].value: row[2].value for row in by_category.iter_rows(min_row=2) if row[2].value
    }
    assert Decimal(str(amounts["Housing"])) == Decimal("1234.56")
    assert by_category._charts, "a native bar chart"
    transactions = list(book["Transactions"].iter_rows(min_row=2, values_only=True))
    assert len(transactions) == 4
    assert sum(Decimal(str(row[3])) for row in transactions) == report.kpis.net
    every = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c for c in every if c.data_type == "f"]
    assert "'" + FORMULA in {c.value for c in every}
    assert "'@cmd" in {c.value for c in every}


def test_csv_is_one_file_per_table_with_a_header(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    paths = _files(ctx, books, ReportFormat.CSV, tmp_path)
    names = {path.name for path in paths}
    assert "fopymes-books-2026-10-expenses_by_category.csv" in names
    assert "fopymes-books-2026-10-trend.csv" in names
    rows = list(
        csv.DictReader(
            (tmp_path / "fopymes-books-2026-10-expenses_by_category.csv").open(encoding="utf-8")
        )
    )
    by_name = {row["category"]: row for row in rows}
    assert by_name["Housing"]["amount"] == "1234.56"
    assert "'" + FORMULA in by_name
    [one] = _files(ctx, books, ReportFormat.CSV, tmp_path / "x", table="largest-expenses")
    assert one.name == "fopymes-books-2026-10-largest_expenses.csv"
    header = one.read_text(encoding="utf-8").splitlines()[0]
    assert header == "date,description,category,method,amount,id"


def test_bad_table_names_and_csv_to_one_file_are_refused(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="not a report table"):
        _files(ctx, books, ReportFormat.CSV, tmp_path, table="nope")
    with pytest.raises(ValidationError, match="one file per table"):
        _files(ctx, books, ReportFormat.CSV, tmp_path / "all.csv")
    assert list(tmp_path.iterdir()) == []


def test_an_emailed_csv_report_is_a_zip_of_every_table(ctx: AppContext, books: Principal) -> None:
    with ctx.uow(write=False) as uow:
        report = service.show(uow, books, period=parse_period("2026-10", TODAY))
        attachment = service.as_attachment(uow, books, report, ReportFormat.CSV)
        pdf = service.as_attachment(uow, books, report, ReportFormat.PDF)
    assert attachment.content_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(attachment.data)) as archive:
        assert "fopymes-books-2026-10-summary.csv" in archive.namelist()
    assert pdf.data.startswith(b"%PDF")
    assert pdf.content_type == "application/pdf"


def test_a_period_with_spending_only_the_period_before_still_draws(
    ctx: AppContext, tmp_path: Path
) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, "10.00", date="2026-09-10")
    for fmt in ReportFormat:
        assert _files(ctx, owner, fmt, tmp_path / fmt.value)
    text = "".join(
        page.extract_text() for page in PdfReader(next((tmp_path / "pdf").iterdir())).pages
    )
    assert "-100.0 %" in text
