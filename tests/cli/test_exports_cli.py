"""`fopymes export transactions`: formats, filters, files written whole, stdout for pipes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import Terminal


def test_csv_to_stdout_with_the_summary_on_stderr(me: Terminal) -> None:
    me.ok("tx", "add", "5", "-c", "Groceries", "-D", "=1+1", "--date", "2026-11-01")
    me.ok("tx", "add", "7", "-c", "Transport", "-D", "Bus", "--date", "2026-10-01")
    result = me.ok("export", "transactions", "--month", "2026-11")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["description"], r["amount"]) for r in rows] == [("'=1+1", "-5.00")]
    assert "Exported 1 transactions" in result.stderr


def test_xlsx_ledger_and_beancount_files(me: Terminal, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    me.ok("tx", "add", "5", "-c", "Groceries", "-D", "Shop", "--date", "2026-11-01")
    me.ok("export", "transactions", "-f", "xlsx", "--output", str(tmp_path / "t.xlsx"))
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet["D2"].value == -5
    me.ok("export", "transactions", "-f", "ledger", "--output", str(tmp_path / "t.journal"))
    assert "Expenses:Groceries  5.00 EUR" in (tmp_path / "t.journal").read_text()
    me.ok("export", "transactions", "-f", "beancount", "--output", str(tmp_path / "t.beancount"))
    assert 'option "operating_currency" "EUR"' in (tmp_path / "t.beancount").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.beancount", "t.journal", "t.xlsx"]


def test_bad_options_exit_2_and_leave_stdout_empty(me: Terminal) -> None:
    for args in (("-f", "qif"), ("--kind", "gift"), ("--month", "2026-11", "--from", "2026-01-01")):
        result = me("export", "transactions", *args)
        assert (result.exit_code, result.stdout) == (2, ""), args
