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


PAYEE = 'Pay; November #3 @ "Shop"'
NOTE = 'ref; 12 # paid @ desk "front"'


def _tool(name: str) -> str:
    import os
    import shutil

    import pytest

    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} must be installed in CI")
        pytest.skip(f"{name} is not installed")
    return found


def _awkward_books(me: Terminal) -> None:
    """Yen without decimals beside euros, and texts full of journal syntax."""
    me.ok(
        "tx",
        "add",
        "1500",
        "-c",
        "Groceries",
        "-D",
        PAYEE,
        "--note",
        NOTE,
        "--currency",
        "JPY",
        "--date",
        "2026-11-01",
    )
    me.ok(
        "tx",
        "add",
        "1234567",
        "-c",
        "Housing",
        "-D",
        "Rent @ home",
        "--currency",
        "JPY",
        "--date",
        "2026-11-02",
    )
    me.ok("tx", "add", "12.50", "-c", "Transport", "-D", "#bus", "--date", "2026-11-03")


def test_hledger_and_ledger_read_zero_decimal_currencies_and_journal_syntax_in_texts(
    me: Terminal, tmp_path: Path
) -> None:
    import subprocess

    hledger, ledger = _tool("hledger"), _tool("ledger")
    _awkward_books(me)
    journal = tmp_path / "t.journal"
    me.ok("export", "transactions", "-f", "ledger", "--output", str(journal))
    written = journal.read_text(encoding="utf-8")
    assert "format 1000 JPY" not in written
    assert "format 1000.00 EUR" in written
    checked = subprocess.run([hledger, "-f", str(journal), "check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    shown = subprocess.run(
        [hledger, "-f", str(journal), "print", "-O", "csv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = list(csv.DictReader(io.StringIO(shown)))
    yen = [r for r in rows if r["commodity"] == "JPY"]
    assert {r["amount"] for r in yen} >= {"1500", "1234567"}
    first = next(r for r in rows if r["txnidx"] == "1")
    assert "fopymes-description: " + PAYEE in first["comment"]  # the exact text, ; # @ "
    assert NOTE in first["comment"]
    assert first["description"] == PAYEE.replace(";", "\uff1b")
    balances = subprocess.run(
        [ledger, "-f", str(journal), "bal", "^Expenses", "--flat"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "1234567 JPY  Expenses:Housing" in balances
    assert "1236067 JPY" in balances
    assert "12.50 EUR" in balances
    payees = subprocess.run(
        [ledger, "-f", str(journal), "payees"], capture_output=True, text=True, check=True
    ).stdout
    assert PAYEE.replace(";", "\uff1b") in payees
    assert "Rent @ home" in payees
    assert "#bus" in payees


def test_bean_check_accepts_zero_decimal_currencies_and_journal_syntax_in_texts(
    me: Terminal, tmp_path: Path
) -> None:
    import subprocess

    bean_check = _tool("bean-check")
    _awkward_books(me)
    path = tmp_path / "t.beancount"
    me.ok("export", "transactions", "-f", "beancount", "--output", str(path))
    result = subprocess.run([bean_check, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    from beancount import loader

    entries, errors, _ = loader.load_file(str(path))
    assert not errors
    narrations = {getattr(e, "narration", None): e for e in entries}
    assert PAYEE in narrations
    assert narrations[PAYEE].meta["note"] == NOTE
    assert str(narrations[PAYEE].postings[0].units) == "1500 JPY"
