"""fopymes' own CSV export read back into a new workspace, transfers included, on SQLite and
PostgreSQL: the same balances, totals and transfers; a re-import adds nothing; the month
sums stay right; a transfer row that cannot be written refuses the file naming its line."""

from __future__ import annotations

import io
from decimal import Decimal

from fopymes_server.accounts import month_sums
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate, AccountType
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.exports import service as exports
from fopymes_server.exports.schemas import ExportFormat
from fopymes_server.imports import service
from fopymes_server.imports.schemas import ImportReport
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind
from tests.factories import move, new_owner, record

HEADER = (
    b"id,date,kind,amount,currency,category,payment_method,description,note,movement,"
    b"counter_account,counter_amount,counter_currency\n"
)


def _books(ctx: AppContext) -> Principal:
    """Incomes and expenses in two currencies, a transfer in one currency, one between
    currencies and a card paid off from the bank."""
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        for name, kind, currency in (
            ("Bank", AccountType.CHECKING, None),
            ("Wallet", AccountType.CASH, "USD"),
            ("Visa", AccountType.CREDIT_CARD, None),
        ):
            accounts.add(
                uow, owner, name=name, type=kind, data=AccountCreate(name=name, currency=currency)
            )
    with ctx.uow() as uow:
        categories.add(uow, owner, name="Consulting", kind=CategoryKind.INCOME)
    for kind, amount, currency, category, method, text in (
        (Kind.INCOME, "1200.00", None, "Consulting", "Bank", "Invoice 7"),
        (Kind.EXPENSE, "45.20", None, "Groceries", "Visa", "=SUM(A1)"),
        (Kind.EXPENSE, "3.10", None, None, "Cash", "Bus"),
        (Kind.EXPENSE, "9.99", "USD", None, "Wallet", "Coffee in NYC"),
    ):
        record(ctx, owner, amount, kind=kind, category=category, date="2026-03-02",
               description=text, currency=currency, payment_method=method)  # fmt: skip
    move(ctx, owner, "200.00", "Bank", "Cash", date="2026-03-03")
    move(ctx, owner, "200.00", "Bank", "Cash", date="2026-03-03")  # twice the same: two transfers
    move(ctx, owner, "100.00", "Bank", "Wallet", date="2026-03-04", to_amount="108.35")
    move(ctx, owner, "45.20", "Bank", "Visa", date="2026-04-01")
    return owner


def _export(ctx: AppContext, principal: Principal) -> bytes:
    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        exports.export_transactions(uow, principal, fmt=ExportFormat.CSV, out=out)
    return out.getvalue()


def _import(ctx: AppContext, principal: Principal, data: bytes, **kw: bool) -> ImportReport:
    with ctx.uow() as uow:
        return service.import_csv(
            uow, principal, data=data, source="books.csv", profile="fopymes", **kw
        )


def _balances(ctx: AppContext, principal: Principal) -> list[tuple[str, str, Decimal]]:
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, principal)
    return sorted((a.name, a.currency, a.balance) for a in sheet.accounts)


Row = tuple[object, ...]


def _rows(
    ctx: AppContext, principal: Principal
) -> tuple[list[Row], dict[tuple[str, str], Decimal]]:
    """Every row as (date, kind, amount, currency, description, category, from, to, arrived)
    and the income and expense totals per (movement, currency)."""
    with ctx.uow(write=False) as uow:
        items = transactions.list_transactions(uow, principal, limit=1000).items
    rows = sorted(
        (
            t.date,
            t.kind,
            t.amount,
            t.currency,
            t.description,
            t.category,
            t.payment_method,
            t.counter_account,
            t.counter_amount,
        )
        for t in items
    )
    totals: dict[tuple[str, str], Decimal] = {}
    for t in items:
        if t.kind != "transfer":
            key = (t.kind, t.currency)
            totals[key] = totals.get(key, Decimal(0)) + t.amount
    return rows, totals


def _names(ctx: AppContext, principal: Principal) -> set[str]:
    with ctx.uow(write=False) as uow:
        return {a.name for a in accounts.list_methods(uow, principal, include_archived=True)}


def _drift(ctx: AppContext, principal: Principal) -> list[object]:
    with ctx.uow(write=False) as uow:
        found = month_sums.check(uow)
    return [d for d in found.drifted if d.workspace_id == principal.workspace_id]


def test_an_export_with_transfers_moves_to_a_new_workspace_with_the_same_money(
    ctx: AppContext,
) -> None:
    alice = _books(ctx)
    export = _export(ctx, alice)
    bob = new_owner(ctx).principal
    preview = _import(ctx, bob, export, dry_run=True, create_missing=True)
    assert preview.errors == []
    assert preview.created == (
        "category Consulting (income); payment methods Bank, Visa, Wallet (USD)"
    )
    moved = [(p.method, p.counter_account, p.counter_amount) for p in preview.lines]
    assert ("Bank", "Wallet", Decimal("108.35")) in moved
    assert _names(ctx, bob) == {"Cash"}
    done = _import(ctx, bob, export, create_missing=True)
    assert (done.errors, done.added, done.duplicates) == ([], 8, 0)
    assert _balances(ctx, bob) == _balances(ctx, alice)
    assert _rows(ctx, bob) == _rows(ctx, alice)
    assert _drift(ctx, bob) == []
    with ctx.uow(write=False) as uow:
        wallet = accounts.resolve(uow, bob, "Wallet")
    assert wallet.currency == "USD"
    again = _import(ctx, bob, export)
    assert (again.added, again.duplicates, again.missing) == (0, 8, None)
    assert _rows(ctx, bob) == _rows(ctx, alice)


def test_a_transfer_row_that_cannot_be_written_refuses_the_file_naming_its_line(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.add(
            uow,
            owner,
            name="Dollars",
            type=AccountType.CASH,
            data=AccountCreate(name="Dollars", currency="USD"),
        )
    long_name = "x" * 101
    export = HEADER + (
        b"1,2026-03-01,income,50.00,EUR,,Cash,Gift,,income,,,\n"
        b"2,2026-03-02,transfer,-10.00,EUR,,Cash,"
        + long_name.encode()
        + b",,transfer,"
        + long_name.encode()
        + b",10.00,EUR\n"
        b"3,2026-03-03,transfer,-10.00,EUR,,Cash,To dollars,,transfer,Dollars,,USD\n"
        b"4,2026-03-04,transfer,-10.00,EUR,,Cash,To dollars,,transfer,Dollars,10.00,EUR\n"
        b"5,2026-03-05,transfer,-10.00,EUR,,Cash,To cash,,transfer,Cash,10.00,EUR\n"
        b"6,2026-03-06,transfer,-10.00,EUR,,Cash,To savings,,transfer,Savings,9.00,EUR\n"
        b"7,2026-03-07,transfer,10.00,EUR,,Cash,Backwards,,transfer,Savings,10.00,EUR\n"
        b"8,2026-03-08,transfer,-10.00,EUR,Groceries,Cash,Shop,,transfer,Savings,10.00,EUR\n"
        b"9,2026-03-09,transfer,-10.00,EUR,,Cash,Cents,,transfer,Dollars,10.001,USD\n"
    )
    report = _import(ctx, owner, export, create_missing=True)
    assert [str(e) for e in report.errors] == [
        f"line 3: to account: '{long_name[:40]}' cannot be an account's name: "
        "must be at most 100 characters",
        "line 4: counter_amount: is empty; EUR to USD needs what arrived",
        "line 5: counter_currency: 'Dollars' is in USD, what arrived in EUR",
        "line 6: to account: a transfer needs two different accounts",
        "line 7: counter_amount: both accounts are in EUR: it must equal the amount",
        "line 8: amount: is positive, but a transfer's amount is what left its account",
        "line 9: category: a transfer between accounts has none",
        "line 10: counter_amount: 10.001 has more decimals than USD allows (2)",
    ]
    assert report.added == 0
    assert _names(ctx, owner) == {"Cash", "Dollars"}
    assert _rows(ctx, owner) == ([], {})


def test_a_transfer_to_an_archived_account_or_in_another_currency_is_a_row_error(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.add(uow, owner, name="Old", type=AccountType.SAVINGS)
    with ctx.uow() as uow:
        accounts.archive(uow, owner, "Old", restore=False)
    export = HEADER + (
        b"1,2026-03-02,transfer,-10.00,EUR,,Cash,Close,,transfer,Old,10.00,EUR\n"
        b"2,2026-03-02,transfer,-10.00,USD,,Cash,Dollars,,transfer,Card,10.00,USD\n"
    )
    report = _import(ctx, owner, export, create_missing=True)
    assert [str(e) for e in report.errors] == [
        "line 2: to account: 'Old' is archived",
        "line 3: currency: 'Cash' is in EUR, the row in USD",
    ]
    assert _rows(ctx, owner) == ([], {})


def _labels(ctx: AppContext, principal: Principal) -> list[tuple[str, str | None, list[str]]]:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, principal, limit=1000)
    return sorted((tx.description, tx.payee, sorted(tx.tags)) for tx in page.items)


def test_payees_and_tags_come_back_with_the_rows(ctx: AppContext) -> None:
    alice = new_owner(ctx).principal
    record(ctx, alice, "4.20", description="Coffee", payee="Café Central", tags=["work", "out"])
    record(ctx, alice, "9.99", description="Film", tags=["trip-2026"])
    record(ctx, alice, "50.00", description="Fuel", payee="Repsol")
    export = _export(ctx, alice)
    bob = new_owner(ctx).principal
    done = _import(ctx, bob, export, create_missing=True)
    assert (done.errors, done.added) == ([], 3)
    assert _labels(ctx, bob) == _labels(ctx, alice)
    assert ("Coffee", "Café Central", ["out", "work"]) in _labels(ctx, bob)


def test_a_tag_the_export_could_not_have_written_is_a_row_error(ctx: AppContext) -> None:
    alice = new_owner(ctx).principal
    record(ctx, alice, "4.20", description="Coffee", tags=["work"])
    export = _export(ctx, alice).replace(b",work,", b",ni\xc3\xb1o,")
    bob = new_owner(ctx).principal
    refused = _import(ctx, bob, export, create_missing=True)
    assert [(e.line, e.field) for e in refused.errors] == [(2, "tags")]
    assert refused.added == 0
    assert _labels(ctx, bob) == []
