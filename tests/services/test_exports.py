"""Transaction exports: every format read back, checked by hledger and bean-check, scoped."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.exports import service
from fopymes_server.exports.schemas import ExportFormat, ExportSummary
from fopymes_server.imports import service as imports
from fopymes_server.reports import service as reports
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import CategoryLine
from fopymes_server.transactions.schemas import Kind, TransactionFilter
from tests.factories import contribute, make_goal, new_owner, record, withdraw

ATTACK = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def books(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        categories.add(
            uow, owner, name="Comida rápida", kind=CategoryKind.EXPENSE, parent="Restaurants"
        )
    record(ctx, owner, "2450", kind=Kind.INCOME, date="2026-11-27", description="Pay; November")
    record(
        ctx,
        owner,
        "45.20",
        category="Groceries",
        date="2026-11-02",
        description=ATTACK,
        payment_method="Cash",
        note='say "hi"\nsecond line',
    )
    record(
        ctx,
        owner,
        "12.35",
        category="Comida rápida",
        date="2026-11-03",
        description="(burger) * place",
    )
    record(ctx, owner, "850", category="Housing", date="2026-10-05", description="Rent")
    return owner


def _export(
    ctx: AppContext,
    principal: Principal,
    fmt: ExportFormat,
    filters: TransactionFilter | None = None,
) -> tuple[bytes, ExportSummary]:
    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        summary = service.export_transactions(uow, principal, fmt=fmt, out=out, filters=filters)
    return out.getvalue(), summary


def test_csv_is_utf8_with_a_header_signed_amounts_and_neutralised_text(
    ctx: AppContext, books: Principal
) -> None:
    data, summary = _export(ctx, books, ExportFormat.CSV)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert summary.rows == len(rows) == 4
    assert [r["amount"] for r in rows] == ["-850.00", "-45.20", "-12.35", "2450.00"]
    assert rows[1]["description"] == "'" + ATTACK
    assert rows[2]["category"] == "Comida rápida"


def test_xlsx_has_numbers_dates_and_never_a_formula(ctx: AppContext, books: Principal) -> None:
    data, _ = _export(ctx, books, ExportFormat.XLSX)
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [Decimal(str(row[3].value)) for row in rows] == [
        Decimal("-850"),
        Decimal("-45.2"),
        Decimal("-12.35"),
        Decimal("2450"),
    ]
    assert all(row[3].data_type == "n" for row in rows)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[1][7].value == "'" + ATTACK
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q5"  # movement, counter-account, payee, tags, split too


def test_filters_narrow_the_export_like_tx_list(ctx: AppContext, books: Principal) -> None:
    data, summary = _export(
        ctx, books, ExportFormat.CSV, TransactionFilter(category="Restaurants", kind=Kind.EXPENSE)
    )
    assert summary.rows == 1
    assert b"Comida" in data
    _, october = _export(
        ctx,
        books,
        ExportFormat.CSV,
        TransactionFilter(
            date_from=parse_period("2026-10", TODAY).start,
            date_to=parse_period("2026-10", TODAY).end,
        ),
    )
    assert [(s.currency, s.expense) for s in october.sums] == [("EUR", Decimal("850.00"))]


def test_an_export_sees_only_its_own_workspace(ctx: AppContext, books: Principal) -> None:
    stranger = new_owner(ctx).principal
    data, summary = _export(ctx, stranger, ExportFormat.LEDGER)
    assert summary.rows == 0
    assert b"Rent" not in data
    assert b"account Assets:Cash" in data  # the stranger's own journal, just empty
    assert b"Rent" in _export(ctx, books, ExportFormat.LEDGER)[0]


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI=true (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return found


TODAY = date(2026, 11, 25)


def test_hledger_reads_the_ledger_export_and_agrees_with_the_report(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    hledger = _tool("hledger")
    # Savings: a transfer from Cash into a goal's savings account and part of it back; not
    # spending or income.
    make_goal(ctx, books, "Bike; new", "1000.00")
    contribute(ctx, books, "Bike; new", "300.00", payment_method="Cash", date="2026-11-10")
    withdraw(ctx, books, "Bike; new", "40.00", payment_method="Cash", date="2026-11-12")
    data, _ = _export(ctx, books, ExportFormat.LEDGER)
    journal = tmp_path / "books.journal"
    journal.write_bytes(data)
    result = subprocess.run(
        [
            hledger,
            "-f",
            str(journal),
            "bal",
            "^Expenses",
            "^Income",
            "-p",
            "2026-11",
            "--depth",
            "1",
            "-N",
            "-O",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    balances = {row[0]: row[1] for row in csv.reader(io.StringIO(result.stdout)) if row}
    with ctx.uow(write=False) as uow:
        report = reports.show(uow, books, period=parse_period("2026-11", TODAY))
    assert balances["Expenses"] == f"{report.kpis.expense} EUR"
    assert balances["Income"] == f"-{report.kpis.income} EUR"
    savings = subprocess.run(
        [hledger, "-f", str(journal), "bal", "^Assets:Bike", "-N", "-O", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    saved = {row[0]: row[1] for row in csv.reader(io.StringIO(savings.stdout)) if row}
    assert saved["Assets:Bike, new savings"] == "260.00 EUR"
    check = subprocess.run([hledger, "-f", str(journal), "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_ledger_reads_the_journal_too(ctx: AppContext, books: Principal, tmp_path: Path) -> None:
    ledger = _tool("ledger")
    journal = tmp_path / "books.journal"
    journal.write_bytes(_export(ctx, books, ExportFormat.LEDGER)[0])
    result = subprocess.run(
        [ledger, "-f", str(journal), "bal", "^Expenses", "--flat"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "907.55 EUR" in result.stdout


def test_bean_check_accepts_the_beancount_export(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    bean_check = _tool("bean-check")
    make_goal(ctx, books, "Bike; new", "1000.00")
    contribute(ctx, books, "Bike; new", "300.00", payment_method="Cash", date="2026-11-10")
    path = tmp_path / "books.beancount"
    path.write_bytes(_export(ctx, books, ExportFormat.BEANCOUNT)[0])
    result = subprocess.run([bean_check, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    written = path.read_text(encoding="utf-8")
    assert "Expenses:Restaurants:Comida-rápida  12.35 EUR" in written
    assert "  Assets:Bike-new-savings  300.00 EUR\n  Assets:Cash  -300.00 EUR" in written


def test_bean_check_accepts_transactions_from_the_first_day_of_the_range(
    ctx: AppContext, tmp_path: Path
) -> None:
    bean_check = _tool("bean-check")
    owner = new_owner(ctx).principal
    record(ctx, owner, "3.10", category="Groceries", date="1900-01-01", description="Bread")
    record(ctx, owner, "12", category="Housing", date="1969-07-20", description="Rent")
    path = tmp_path / "old.beancount"
    path.write_bytes(_export(ctx, owner, ExportFormat.BEANCOUNT)[0])
    result = subprocess.run([bean_check, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _by_name(lines: list[CategoryLine]) -> list[tuple[object, ...]]:
    return [
        (line.name, line.amount, line.previous, [(c.name, c.amount) for c in line.children])
        for line in lines
    ]


def test_csv_export_imported_into_a_fresh_workspace_gives_the_same_totals(
    ctx: AppContext, books: Principal
) -> None:
    data, summary = _export(ctx, books, ExportFormat.CSV)
    fresh = new_owner(ctx).principal
    with ctx.uow() as uow:
        categories.add(
            uow, fresh, name="Comida rápida", kind=CategoryKind.EXPENSE, parent="Restaurants"
        )
    with ctx.uow() as uow:
        result = imports.import_csv(uow, fresh, data=data, source="books.csv", profile="fopymes")
    assert (result.errors, result.added) == ([], 4)
    _, again = _export(ctx, fresh, ExportFormat.CSV)
    assert again.sums == summary.sums
    for text in ("2026-11", "2026-10"):
        with ctx.uow(write=False) as uow:
            before = reports.show(uow, books, period=parse_period(text, TODAY))
            after = reports.show(uow, fresh, period=parse_period(text, TODAY))
        assert after.kpis == before.kpis
        assert _by_name(after.expenses_by_category) == _by_name(before.expenses_by_category)
    reimported, _ = _export(ctx, fresh, ExportFormat.CSV)
    descriptions = [r["description"] for r in csv.DictReader(io.StringIO(reimported.decode()))]
    assert "'" + ATTACK in descriptions  # the apostrophe was undone on import, then redone


def test_csv_and_xlsx_carry_the_payee_and_tags_columns_before_the_split_ones(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, "5.00", payee="Café Central", tags=["work", "trip"])
    csv_data, _ = _export(ctx, owner, ExportFormat.CSV)
    header, row = csv_data.decode().splitlines()
    assert header.endswith(",counter_currency,payee,tags,split,split_note")
    assert row.endswith(",Café Central,trip work,,")
    xlsx_data, _ = _export(ctx, owner, ExportFormat.XLSX)
    sheet = load_workbook(io.BytesIO(xlsx_data)).active
    titles = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert titles[-4:-2] == ["Payee", "Tags"]
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2))]
    assert values[-4:-2] == ["Café Central", "trip work"]
