"""Split transactions in ledger and beancount exports: one entry, a posting per part.

hledger (`check`), `ledger --pedantic` and bean-check accept the journals, and each
category account's balance is its parts' sum.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.exports.schemas import ExportFormat
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionFilter,
)
from tests.exports.test_journal_assertions import _tool, _write
from tests.factories import new_owner, record


@pytest.fixture
def split_books(ctx: AppContext) -> Principal:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        categories.add(uow, owner, name="Household", kind=CategoryKind.EXPENSE)
    with ctx.uow() as uow:
        transactions.record(
            uow,
            owner,
            data=TransactionCreate(
                amount="85.40",
                date="2026-11-03",
                description="Mercadona",
                payment_method="Cash",
                note="weekly shop",
                splits=[
                    SplitCreate(category="Groceries", amount="60", note="fruit; veg"),
                    SplitCreate(category="Household", amount="25.40"),
                ],
            ),
        )
    with ctx.uow() as uow:
        transactions.record(
            uow,
            owner,
            data=TransactionCreate(
                kind=Kind.INCOME,
                amount="1500",
                date="2026-11-01",
                description="Pay and a side job",
                payment_method="Cash",
                splits=[
                    SplitCreate(category="Salary", amount="1200"),
                    SplitCreate(category="Freelance", note="logo"),
                ],
            ),
        )
    record(ctx, owner, "12.00", date="2026-11-05", payment_method="Cash")
    return owner


def _run(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_split_is_one_ledger_entry_hledger_and_ledger_accept(
    ctx: AppContext, split_books: Principal, tmp_path: Path
) -> None:
    path = tmp_path / "books.journal"
    text = _write(ctx, split_books, ExportFormat.LEDGER, path)
    [entry] = [block for block in text.split("\n\n") if "Mercadona" in block]
    assert entry.splitlines()[1:] == [
        "    ; weekly shop",
        "    Expenses:Groceries  60.00 EUR  ; fruit; veg",
        "    Expenses:Household  25.40 EUR",
        "    Assets:Cash",
    ]
    [income] = [block for block in text.split("\n\n") if "side job" in block]
    assert income.splitlines()[1:] == [
        "    Assets:Cash  1500.00 EUR",
        "    Income:Salary  -1200.00 EUR",
        "    Income:Freelance  ; logo",
    ]
    hledger = _tool("hledger")
    _run(hledger, "-f", str(path), "check")
    balances = _run(hledger, "-f", str(path), "bal", "-N", "--flat", "Expenses", "Income")
    assert "72.00 EUR  Expenses:Groceries" in balances
    assert "25.40 EUR  Expenses:Household" in balances
    assert "-300.00 EUR  Income:Freelance" in balances
    ledger = _tool("ledger")
    assert "72.00 EUR" in _run(ledger, "--pedantic", "-f", str(path), "bal", "^Expenses:Groceries$")


def test_a_split_is_one_beancount_entry_bean_check_accepts(
    ctx: AppContext, split_books: Principal, tmp_path: Path
) -> None:
    path = tmp_path / "books.beancount"
    text = _write(ctx, split_books, ExportFormat.BEANCOUNT, path)
    [entry] = [block for block in text.split("\n\n") if "Mercadona" in block]
    assert entry.splitlines()[2:] == [
        '  note: "weekly shop"',
        "  Expenses:Groceries  60.00 EUR",
        '    note: "fruit; veg"',
        "  Expenses:Household  25.40 EUR",
        "  Assets:Cash  -85.40 EUR",
    ]
    _run(_tool("bean-check"), str(path))


def test_a_category_filter_exports_the_parts_in_it_as_a_balanced_entry(
    ctx: AppContext, split_books: Principal, tmp_path: Path
) -> None:
    path = tmp_path / "household.journal"
    text = _write(
        ctx, split_books, ExportFormat.LEDGER, path, TransactionFilter(category="Household")
    )
    [entry] = [block for block in text.split("\n\n") if "Mercadona" in block]
    assert entry.splitlines()[2:] == ["    Expenses:Household  25.40 EUR", "    Assets:Cash"]
    _run(_tool("hledger"), "-f", str(path), "check")
    bean = tmp_path / "household.beancount"
    _write(ctx, split_books, ExportFormat.BEANCOUNT, bean, TransactionFilter(category="Household"))
    _run(_tool("bean-check"), str(bean))
