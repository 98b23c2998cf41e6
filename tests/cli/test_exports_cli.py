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


CARD_BILL = 'Card bill; "Visa" #1 @ bank'


def _every_kind_of_books(me: Terminal) -> None:
    """Plain incomes and expenses, transfers in one currency and across two, a credit card
    paid from the bank, opening balances, yen without decimals and texts of journal syntax."""
    me.ok(
        "account",
        "add",
        "Bank",
        "--type",
        "checking",
        "--opening",
        "1200",
        "--opening-date",
        "2026-01-01",
    )
    me.ok("account", "add", "Wallet", "--type", "cash", "--opening-date", "2026-02-01")
    me.ok(
        "account",
        "add",
        "Visa; gold",
        "--type",
        "credit_card",
        "--opening",
        "-350",
        "--opening-date",
        "2026-01-15",
    )
    me.ok(
        "account",
        "add",
        "US broker",
        "--type",
        "other_asset",
        "--currency",
        "USD",
        "--opening-date",
        "2026-03-01",
    )
    me.ok(
        "account",
        "add",
        "Yen purse",
        "--type",
        "cash",
        "--currency",
        "JPY",
        "--opening",
        "50000",
        "--opening-date",
        "2026-01-01",
    )
    me.ok(
        "tx",
        "add",
        "2450",
        "--income",
        "-c",
        "Salary",
        "-m",
        "Bank",
        "-D",
        "Pay @ work",
        "--date",
        "2026-03-27",
    )
    me.ok(
        "tx",
        "add",
        "45.20",
        "-c",
        "Groceries",
        "-m",
        "Visa; gold",
        "-D",
        PAYEE,
        "--note",
        NOTE,
        "--date",
        "2026-03-02",
    )
    me.ok(
        "tx",
        "add",
        "1500",
        "-c",
        "Groceries",
        "-m",
        "Yen purse",
        "-D",
        "Konbini #7",
        "--currency",
        "JPY",
        "--date",
        "2026-03-03",
    )
    me.ok(
        "tx",
        "add",
        "12.50",
        "-c",
        "Transport",
        "-m",
        "Wallet",
        "-D",
        "#bus",
        "--date",
        "2026-03-04",
    )
    me.ok(
        "transfer",
        "200",
        "--from",
        "Bank",
        "--to",
        "Wallet",
        "--date",
        "2026-03-05",
        "-D",
        'ATM "main" #2',
    )
    me.ok(
        "transfer",
        "1000",
        "--from",
        "Bank",
        "--to",
        "US broker",
        "--to-amount",
        "1083.50",
        "--date",
        "2026-03-06",
    )
    me.ok(
        "transfer",
        "350",
        "--from",
        "Bank",
        "--to",
        "Visa; gold",
        "--date",
        "2026-03-07",
        "-D",
        CARD_BILL,
        "--note",
        NOTE,
    )
    me.ok(
        "transfer",
        "100",
        "--from",
        "Wallet",
        "--to",
        "Yen purse",
        "--to-amount",
        "16000",
        "--date",
        "2026-03-08",
    )


LEDGER_NAMES = {
    "Bank": "Assets:Bank",
    "Cash": "Assets:Cash",
    "Wallet": "Assets:Wallet",
    "Visa; gold": "Liabilities:Visa, gold",
    "US broker": "Assets:US broker",
    "Yen purse": "Assets:Yen purse",
}
BEAN_NAMES = {
    "Bank": "Assets:Bank",
    "Cash": "Assets:Cash",
    "Wallet": "Assets:Wallet",
    "Visa; gold": "Liabilities:Visa-gold",
    "US broker": "Assets:US-broker",
    "Yen purse": "Assets:Yen-purse",
}


def _fopymes_balances(me: Terminal) -> dict[str, str]:
    """{account name: "balance CUR"} as `fopymes account list -o json` reports them."""
    import json

    listed = json.loads(me.ok("account", "list", "-o", "json").stdout)
    assert len(listed) == len(LEDGER_NAMES)
    return {row["name"]: f"{row['balance']} {row['currency']}" for row in listed}


def test_every_tool_reads_the_journal_with_the_balances_fopymes_reports(
    me: Terminal, tmp_path: Path
) -> None:
    import subprocess

    hledger, ledger = _tool("hledger"), _tool("ledger")
    _every_kind_of_books(me)
    journal = tmp_path / "books.journal"
    result = me.ok("export", "transactions", "-f", "ledger", "--output", str(journal))
    assert "8 transactions to " in result.stderr
    assert "4 of them transfers" in result.stderr
    written = journal.read_text(encoding="utf-8")
    assert "    Assets:US broker  1083.50 USD @@ 1000.00 EUR\n    Assets:Bank  -1000.00 EUR" in (
        written
    )
    assert "    Liabilities:Visa, gold  350.00 EUR\n    Assets:Bank  -350.00 EUR" in written
    assert "2026-01-15 * Opening balance\n    Liabilities:Visa, gold  -350.00 EUR" in written
    for checks in ((), ("accounts", "commodities")):
        checked = subprocess.run(
            [hledger, "-f", str(journal), "check", *checks], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr
    expected = _fopymes_balances(me)
    assert expected["Visa; gold"] == "-45.20 EUR"  # owed: 350 opening + 45.20 spent - 350 paid
    for name, account in LEDGER_NAMES.items():
        shown = subprocess.run(
            [hledger, "-f", str(journal), "bal", f"acct:^{_regex(account)}$", "-N", "-O", "csv"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows = [row for row in csv.reader(io.StringIO(shown)) if row][1:]
        assert _amount(rows[0][1] if rows else "0", expected[name]) == expected[name], name
    pedantic = subprocess.run(
        [
            ledger,
            "-f",
            str(journal),
            "--pedantic",
            "bal",
            "--flat",
            "--no-total",
            "--balance-format",
            "%(account)\t%(scrub(display_total))\n",
        ],
        capture_output=True,
        text=True,
    )
    assert pedantic.returncode == 0, pedantic.stderr
    assert pedantic.stderr == ""
    by_account = dict(line.split("\t") for line in pedantic.stdout.splitlines() if "\t" in line)
    for name, account in LEDGER_NAMES.items():
        assert _amount(by_account.get(account, "0"), expected[name]) == expected[name], name


def test_bean_check_reads_the_beancount_file_with_the_balances_fopymes_reports(
    me: Terminal, tmp_path: Path
) -> None:
    import subprocess
    from collections import defaultdict
    from decimal import Decimal

    from beancount import loader

    bean_check = _tool("bean-check")
    _every_kind_of_books(me)
    path = tmp_path / "books.beancount"
    me.ok("export", "transactions", "-f", "beancount", "--output", str(path))
    written = path.read_text(encoding="utf-8")
    assert "  Assets:US-broker  1083.50 USD @@ 1000.00 EUR\n  Assets:Bank  -1000.00 EUR" in written
    assert "2026-01-15 open Liabilities:Visa-gold\n" in written
    assert "2026-02-01 open Assets:Wallet\n" in written
    checked = subprocess.run([bean_check, str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    entries, errors, _ = loader.load_file(str(path))
    assert not errors
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for entry in entries:
        for posting in getattr(entry, "postings", None) or ():
            sums[posting.account][posting.units.currency] += posting.units.number
    narrations = {getattr(e, "narration", None): e for e in entries}
    assert narrations[CARD_BILL].meta["note"] == NOTE
    expected = _fopymes_balances(me)
    for name, account in BEAN_NAMES.items():
        number, currency = expected[name].split()
        assert sums[account][currency] == Decimal(number), name
        assert set(sums[account]) <= {currency}, name


def _regex(account: str) -> str:
    import re

    return re.escape(account)


def _amount(shown: str, like: str) -> str:
    """A tool's amount in fopymes' words: zero, which tools print as `0`, gets the
    currency and decimals of `like`."""
    if shown.strip() != "0":
        return shown.strip()
    number, currency = like.split()
    places = len(number.partition(".")[2])
    return f"{0:.{places}f} {currency}"
