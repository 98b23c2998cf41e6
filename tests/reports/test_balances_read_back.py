"""A report's balances read back from the files themselves: the PDF's text (pdftotext) and
the workbook's cells (openpyxl) hold each account's opening and closing balance as
`accounts.service.balance_sheet` gives it on the period's edges (the day before the start,
the end), and net worth at the period's end; the workbook keeps them as numbers whose
format names their currency."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate, AccountType, BalanceSheet
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.reports.schemas import ReportFormat
from fopymes_server.transactions.schemas import Kind
from tests.factories import move, new_owner, record

TODAY = date(2026, 12, 5)
START, END = date(2026, 11, 1), date(2026, 11, 30)


@pytest.fixture
def books(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        for name, type_, currency, opening in (
            ("Bank", AccountType.CHECKING, "EUR", "1000.00"),
            ("Visa", AccountType.CREDIT_CARD, "EUR", "-200.00"),
            ("Brokerage", AccountType.OTHER_ASSET, "USD", "5000.00"),
            ("Yen wallet", AccountType.CASH, "JPY", "20000"),
        ):
            accounts.create(
                uow,
                owner,
                AccountCreate(
                    name=name,
                    type=type_,
                    currency=currency,
                    opening_balance=opening,
                    opening_date="2026-09-01",
                ),
            )
    record(ctx, owner, "2450.00", kind=Kind.INCOME, date="2026-10-27", payment_method="Bank")
    record(ctx, owner, "120.00", date="2026-10-12", payment_method="Visa")
    record(ctx, owner, "80.00", date="2026-11-03", payment_method="Visa")
    record(ctx, owner, "1234.56", category="Housing", date="2026-11-05", payment_method="Bank")
    record(ctx, owner, "40.00", date="2026-11-28", payment_method="Bank", status="pending")
    record(ctx, owner, "3500", date="2026-11-14", payment_method="Yen wallet", currency="JPY")
    move(ctx, owner, "300.00", "Bank", "Visa", date="2026-11-20")
    move(ctx, owner, "500.00", "Bank", "Brokerage", date="2026-11-22", to_amount="540.25")
    record(ctx, owner, "99.00", date="2026-12-01", payment_method="Bank")  # after the period
    return owner


def _sheets(ctx: AppContext, owner: Principal) -> tuple[BalanceSheet, BalanceSheet]:
    with ctx.uow(write=False) as uow:
        return (
            accounts.balance_sheet(uow, owner, on=START - timedelta(days=1)),
            accounts.balance_sheet(uow, owner, on=END),
        )


def _expected(ctx: AppContext, owner: Principal) -> dict[str, tuple[str, Decimal, Decimal]]:
    """(currency, opening, closing) per account name, from the account list's figures."""
    opening, closing = _sheets(ctx, owner)
    before = {line.name: line.balance for line in opening.accounts}
    found = {
        line.name: (line.currency, before.get(line.name, Decimal(0)), line.balance)
        for line in closing.accounts
    }
    assert found["Visa"][2] < 0  # what the card owes, in the ledger's sign
    assert len(found) >= 4
    return found


def _export(ctx: AppContext, owner: Principal, fmt: ReportFormat, where: Path) -> Path:
    with ctx.uow(write=False) as uow:
        report = service.show(uow, owner, period=parse_period("2026-11", TODAY))
        [path] = service.export_files(uow, owner, report, fmt, where)
    return path


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is required under CI=true")
        pytest.skip("pdftotext is not installed")
    return found


def _amount(text: str) -> Decimal:
    """An amount as the PDF prints it: `1,234.56`, `-200.00` or `(200.00)`."""
    negative = text.startswith(("-", "(", "\u2212"))
    digits = re.sub(r"[^0-9.]", "", text)
    return -Decimal(digits) if negative else Decimal(digits)


NUMBER = r"[-\u2212(]?[\d,]+(?:\.\d+)?\)?"


def test_the_pdf_shows_each_accounts_balances_on_the_periods_edges(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    path = _export(ctx, books, ReportFormat.PDF, tmp_path / "report.pdf")
    text = subprocess.run(
        [_pdftotext(), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    section = text[text.index("Account balances") :]
    for name, (currency, opening, closing) in _expected(ctx, books).items():
        row = re.search(
            rf"^\s*{re.escape(name)}\s+.*?\b{currency}\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})",
            section,
            re.MULTILINE,
        )
        assert row is not None, (name, section[:2000])
        shown = tuple(_amount(group) for group in row.groups())
        assert shown == (opening, closing, closing - opening), name
    _, closing_sheet = _sheets(ctx, books)
    networth = text[text.index("Net worth at each month end") :]
    for total in closing_sheet.totals:
        row = re.search(
            rf"^\s*2026-11\s+{total.currency}\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})",
            networth,
            re.MULTILINE,
        )
        assert row is not None, (total.currency, networth[:1500])
        shown = tuple(_amount(group) for group in row.groups())
        assert shown == (total.assets, total.liabilities, total.net_worth), total.currency


def test_the_workbook_keeps_balances_as_numbers_in_their_currencys_format(
    ctx: AppContext, books: Principal, tmp_path: Path
) -> None:
    path = _export(ctx, books, ReportFormat.XLSX, tmp_path / "report.xlsx")
    book = load_workbook(path)
    sheet = book["Balances"]
    rows = list(sheet.iter_rows())
    header_at = next(i for i, r in enumerate(rows) if r[0].value == "Account")
    header = [c.value for c in rows[header_at]]
    at = {name: header.index(name) for name in ("Currency", "Opening", "Closing", "Change")}
    shown = {}
    for row in rows[header_at + 1 :]:
        if row[0].value is None or row[at["Currency"]].value is None:
            break
        currency = row[at["Currency"]].value
        for column in ("Opening", "Closing", "Change"):
            cell = row[at[column]]
            assert cell.data_type == "n", (row[0].value, column)
            assert currency in cell.number_format, (row[0].value, column, cell.number_format)
        shown[row[0].value] = (
            currency,
            Decimal(str(row[at["Opening"]].value)),
            Decimal(str(row[at["Closing"]].value)),
        )
    assert shown == _expected(ctx, books)
    formats = {
        row[at["Currency"]].value: row[at["Closing"]].number_format
        for row in rows[header_at + 1 : header_at + 1 + len(shown)]
    }
    assert ".00" not in formats["JPY"]  # yen have no decimals
    assert ".00" in formats["EUR"]

    networth = book["Net worth"]
    lines = list(networth.iter_rows())
    top = [c.value for c in lines[0]]
    _, closing_sheet = _sheets(ctx, books)
    last = {row[top.index("Currency")].value: row for row in lines[1:] if row[0].value == "2026-11"}
    for total in closing_sheet.totals:
        row = last[total.currency]
        for column, expected in (
            ("Assets", total.assets),
            ("Liabilities", total.liabilities),
            ("Net worth", total.net_worth),
        ):
            cell = row[top.index(column)]
            assert cell.data_type == "n", (total.currency, column)
            assert total.currency in cell.number_format, (total.currency, column)
            assert Decimal(str(cell.value)) == expected, (total.currency, column)
