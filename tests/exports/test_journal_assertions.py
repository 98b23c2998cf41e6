"""Reconciliations as balance assertions in ledger and beancount exports, checked by the
real tools: hledger (assertions on), `ledger --pedantic` and bean-check accept the export,
and refuse it once an asserted amount is changed, so the assertions are really checked.

The workspace has a bank account and a credit card, transfers between them, a reconciliation
of each at two month ends, and a pending line on each dated before the first
reconciliation (left out of the statement, but in the journal).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.accounts.schemas import AccountCreate, AccountType
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.exports import service
from fopymes_server.exports.schemas import ExportFormat
from fopymes_server.reconciliations import service as reconciliations
from fopymes_server.transactions.schemas import Kind, TransactionFilter
from tests.factories import new_owner, record

OCTOBER_END = date(2026, 10, 31)
NOVEMBER_END = date(2026, 11, 30)


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI=true (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return found


def _move(ctx: AppContext, owner: Principal, amount: str, day: str) -> None:
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount=amount, from_account="Bank", to_account="Visa", date=day
            ),
        )


def _reconcile(ctx: AppContext, owner: Principal, account: str, balance: str, on: date) -> None:
    with ctx.uow() as uow:
        reconciliations.reconcile(uow, owner, account, balance=balance, on=on)


@pytest.fixture
def reconciled(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.create(
            uow,
            owner,
            AccountCreate(name="Bank", opening_balance="1000.00", opening_date="2026-10-01"),
        )
        accounts.create(
            uow,
            owner,
            AccountCreate(
                name="Visa",
                type=AccountType.CREDIT_CARD,
                opening_balance="-200.00",
                opening_date="2026-10-01",
            ),
        )
    record(ctx, owner, "2000.00", kind=Kind.INCOME, date="2026-10-25", payment_method="Bank")
    record(ctx, owner, "150.00", date="2026-10-10", payment_method="Visa", description="Shoes")
    _move(ctx, owner, "200.00", "2026-10-28")
    record(
        ctx,
        owner,
        "40.00",
        date="2026-10-30",
        payment_method="Bank",
        status="pending",
        description="Cheque not cashed yet",
    )
    record(
        ctx,
        owner,
        "25.00",
        date="2026-10-29",
        payment_method="Visa",
        status="pending",
        description="Hotel hold",
    )
    _reconcile(ctx, owner, "Bank", "2800.00", OCTOBER_END)
    _reconcile(ctx, owner, "Visa", "-150.00", OCTOBER_END)
    record(ctx, owner, "60.00", date="2026-11-05", payment_method="Bank")
    record(ctx, owner, "30.00", date="2026-11-12", payment_method="Visa")
    _move(ctx, owner, "150.00", "2026-11-20")
    _reconcile(ctx, owner, "Bank", "2590.00", NOVEMBER_END)
    _reconcile(ctx, owner, "Visa", "-30.00", NOVEMBER_END)
    record(ctx, owner, "12.00", date="2026-12-02", payment_method="Bank")
    return owner


def _write(
    ctx: AppContext,
    owner: Principal,
    fmt: ExportFormat,
    path: Path,
    filters: TransactionFilter | None = None,
) -> str:
    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        service.export_transactions(uow, owner, fmt=fmt, out=out, filters=filters)
    path.write_bytes(out.getvalue())
    return out.getvalue().decode("utf-8")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True)


def _tampered(path: Path, text: str, old: str, new: str) -> Path:
    assert text.count(old) == 1, old
    wrong = path.with_name("wrong-" + path.name)
    wrong.write_text(text.replace(old, new), encoding="utf-8")
    return wrong


BANK_OCTOBER = "Assets:Bank  0.00 EUR = 2760.00 EUR"
"""2800.00 on the statement, and the cheque of 40.00 still pending on 31 October."""
VISA_OCTOBER = "Liabilities:Visa  0.00 EUR = -175.00 EUR"
"""150.00 owed on the statement, and a hold of 25.00 still pending."""


def test_hledger_checks_an_assertion_at_each_reconciliation(
    ctx: AppContext, reconciled: Principal, tmp_path: Path
) -> None:
    hledger = _tool("hledger")
    path = tmp_path / "books.journal"
    text = _write(ctx, reconciled, ExportFormat.LEDGER, path)
    assert "2026-10-31 * Statement balance of Bank\n" in text
    assert "    ; statement (cleared) balance 2800.00 EUR, plus -40.00 EUR still pending" in text
    assert BANK_OCTOBER in text
    assert VISA_OCTOBER in text
    assert "Assets:Bank  0.00 EUR = 2550.00 EUR" in text  # November: the cheque still pending
    assert "Liabilities:Visa  0.00 EUR = -55.00 EUR" in text
    assert "2026-10-30 ! (" in text  # the pending line is marked pending
    assert "2026-10-25 * (" in text
    check = _run(hledger, "-f", str(path), "check")
    assert check.returncode == 0, check.stderr
    # The cleared balances hledger reports are the statements' own figures.
    for account, on, balance in (
        ("Assets:Bank", "2026-11-01", "2800.00 EUR"),
        ("Liabilities:Visa", "2026-11-01", "-150.00 EUR"),
        ("Assets:Bank", "2026-12-01", "2590.00 EUR"),
        ("Liabilities:Visa", "2026-12-01", "-30.00 EUR"),
    ):
        cleared = _run(hledger, "-f", str(path), "bal", "-C", "-N", "-e", on, f"^{account}$")
        assert cleared.returncode == 0, cleared.stderr
        assert balance in cleared.stdout, (account, on, cleared.stdout)
    for old, new in (
        (BANK_OCTOBER, "Assets:Bank  0.00 EUR = 2800.00 EUR"),
        (VISA_OCTOBER, "Liabilities:Visa  0.00 EUR = 175.00 EUR"),
    ):
        refused = _run(hledger, "-f", str(_tampered(path, text, old, new)), "check")
        assert refused.returncode != 0
        assert "balance assertion" in refused.stderr


def test_ledger_pedantic_checks_the_same_assertions(
    ctx: AppContext, reconciled: Principal, tmp_path: Path
) -> None:
    ledger = _tool("ledger")
    path = tmp_path / "books.journal"
    text = _write(ctx, reconciled, ExportFormat.LEDGER, path)
    ok = _run(ledger, "--pedantic", "-f", str(path), "bal")
    assert ok.returncode == 0, ok.stderr
    cleared = _run(ledger, "-f", str(path), "bal", "-C", "-e", "2026-11-01", "^Assets:Bank$")
    assert "2800.00 EUR" in cleared.stdout
    refused = _run(
        ledger,
        "--pedantic",
        "-f",
        str(_tampered(path, text, VISA_OCTOBER, "Liabilities:Visa  0.00 EUR = -174.99 EUR")),
        "bal",
    )
    assert refused.returncode != 0
    assert "Balance assertion off by" in refused.stderr


def test_bean_check_checks_a_balance_on_the_day_after_each_reconciliation(
    ctx: AppContext, reconciled: Principal, tmp_path: Path
) -> None:
    bean_check = _tool("bean-check")
    path = tmp_path / "books.beancount"
    text = _write(ctx, reconciled, ExportFormat.BEANCOUNT, path)
    assert "2026-11-01 balance Assets:Bank  2760.00 EUR\n" in text
    assert "2026-11-01 balance Liabilities:Visa  -175.00 EUR\n" in text
    assert "2026-12-01 balance Assets:Bank  2550.00 EUR\n" in text
    assert '2026-10-30 ! "Cheque not cashed yet"' in text
    ok = _run(bean_check, str(path))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = _tampered(
        path,
        text,
        "2026-11-01 balance Liabilities:Visa  -175.00 EUR",
        "2026-11-01 balance Liabilities:Visa  -150.00 EUR",
    )
    refused = _run(bean_check, str(wrong))
    assert refused.returncode != 0
    assert "Balance failed" in refused.stdout + refused.stderr


def test_an_export_of_a_range_brings_balances_forward_and_asserts_its_own_reconciliations(
    ctx: AppContext, reconciled: Principal, tmp_path: Path
) -> None:
    hledger, ledger, bean_check = _tool("hledger"), _tool("ledger"), _tool("bean-check")
    november = TransactionFilter(date_from=date(2026, 11, 1), date_to=NOVEMBER_END)
    path = tmp_path / "november.journal"
    text = _write(ctx, reconciled, ExportFormat.LEDGER, path, november)
    # Brought forward as the statements left them, and the lines still pending apart.
    assert "2026-11-01 * Balance brought forward\n    Assets:Bank  2800.00 EUR\n" in text
    assert (
        "2026-11-01 ! Balance brought forward (still pending)\n    Assets:Bank  -40.00 EUR\n"
        in text
    )
    assert "2026-11-01 * Balance brought forward\n    Liabilities:Visa  -150.00 EUR\n" in text
    assert "Liabilities:Visa  -25.00 EUR\n" in text
    assert "2026-10-31" not in text  # the October statements are outside the range
    assert "Assets:Bank  0.00 EUR = 2550.00 EUR" in text
    assert "Opening balance" not in text
    for args in (
        (hledger, "-f", str(path), "check"),
        (ledger, "--pedantic", "-f", str(path), "bal"),
    ):
        result = _run(*args)
        assert result.returncode == 0, result.stderr
    cleared = _run(hledger, "-f", str(path), "bal", "-C", "-N", "^Assets:Bank$")
    assert "2590.00 EUR" in cleared.stdout  # November's statement
    bean = tmp_path / "november.beancount"
    bean_text = _write(ctx, reconciled, ExportFormat.BEANCOUNT, bean, november)
    assert "2026-12-01 balance Liabilities:Visa  -55.00 EUR\n" in bean_text
    result = _run(bean_check, str(bean))
    assert result.returncode == 0, result.stdout + result.stderr
    # One account: its balances and statements only; the card is the other side of transfers.
    bank_only = tmp_path / "bank.journal"
    bank_text = _write(
        ctx,
        reconciled,
        ExportFormat.LEDGER,
        bank_only,
        TransactionFilter(date_from=date(2026, 11, 1), payment_method="Bank"),
    )
    assert "Statement balance of Bank" in bank_text
    assert "Statement balance of Visa" not in bank_text
    assert "Liabilities:Visa  -150.00 EUR" not in bank_text
    result = _run(hledger, "-f", str(bank_only), "check")
    assert result.returncode == 0, result.stderr


def test_a_filter_on_rows_writes_no_assertion_or_balance_brought_forward(
    ctx: AppContext, reconciled: Principal, tmp_path: Path
) -> None:
    text = _write(
        ctx,
        reconciled,
        ExportFormat.LEDGER,
        tmp_path / "groceries.journal",
        TransactionFilter(date_from=date(2026, 11, 1), category="Groceries"),
    )
    assert " = " not in text
    assert "brought forward" not in text
    bean = _write(
        ctx,
        reconciled,
        ExportFormat.BEANCOUNT,
        tmp_path / "groceries.beancount",
        TransactionFilter(kind=Kind.EXPENSE),
    )
    assert " balance " not in bean
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, reconciled, on=OCTOBER_END)
    cleared = {line.name: line.cleared_balance for line in sheet.accounts}
    assert cleared["Bank"] == Decimal("2800.00")
    assert cleared["Visa"] == Decimal("-150.00")
