"""PostgreSQL writes the CSV export with COPY: the same bytes as the Python writer on SQLite."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountCreate, AccountType
from fopymes_server.accounts.transfers import TransferCreate, transfer
from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.principal import Principal
from fopymes_server.core.settings import Settings
from fopymes_server.exports import service, tabular
from fopymes_server.exports.schemas import ExportFormat, ExportSummary
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionFilter,
)
from tests.factories import new_owner, record

# Text a spreadsheet would run, text that only looks like it, and what CSV must quote.
PLAIN_TEXTS = [
    '=HYPERLINK("http://evil.example","x")',
    "+5",
    "-12.50",
    "-1e5",
    "-1E+05",
    "+.",
    "-",
    "-inf",
    "-NaN",
    ".5",
    "@SUM(A1)",
    "\uff1d1+1",
    "\ufe62 small plus",
    "a, b and c",
    'say "hi"',
    "two\nlines",
    "café ☕ 12,50 €",
    "'already quoted",
]
# Where only Python's Decimal knows whether it is a plain number (PostgreSQL falls back).
PYTHON_ONLY_TEXTS = ["-1_000", "-\u0661\u0662", "+1e1234567", "- 5"]


def _books(ctx: AppContext, texts: list[str]) -> Principal:
    owner = new_owner(ctx).principal
    for number, text in enumerate(texts):
        income = number % 5 == 0
        record(
            ctx,
            owner,
            f"{number + 1}.{number:02d}",
            kind=Kind.INCOME if income else Kind.EXPENSE,
            date=f"2026-11-{number % 28 + 1:02d}",
            description=text,
            payment_method="Cash" if number % 2 else None,
            note=None if number % 3 else f"note {text}",
            payee=text if number % 2 == 0 else None,
            tags=["trip", f"T{number % 3}.x/y_z-w"] if number % 4 == 0 else [],
        )
    return owner


def _with_transfers(ctx: AppContext, owner: Principal, texts: list[str]) -> Principal:
    """Transfers between accounts in one currency and across three, named by `texts`."""
    with ctx.uow() as uow:
        for name, currency in (("Bank", "EUR"), (texts[0], "USD"), ("Yen", "JPY")):
            accounts.create(
                uow,
                owner,
                AccountCreate(
                    name=name,
                    type=AccountType.CHECKING,
                    currency=currency,
                    opening_date="2026-01-01",
                ),
            )
    moves = [
        ("Bank", "Cash", "200", None),
        ("Bank", texts[0], "1000", "1083.50"),
        ("Cash", "Yen", "100", "16000"),
        ("Yen", "Bank", "5000", "31.25"),
    ]
    for number, (source, target, amount, arrived) in enumerate(moves):
        with ctx.uow() as uow:
            transfer(
                uow,
                owner,
                TransferCreate(
                    amount=amount,
                    from_account=source,
                    to_account=target,
                    to_amount=arrived,
                    date=f"2026-11-{number + 3:02d}",
                    description=texts[number % len(texts)],
                ),
            )
    return owner


def _with_splits(ctx: AppContext, owner: Principal, texts: list[str]) -> Principal:
    """Split expenses and incomes whose parts' notes are `texts`."""
    for number, text in enumerate(texts):
        income = number % 3 == 0
        parts = ("Salary", "Freelance") if income else ("Groceries", "Leisure")
        with ctx.uow() as uow:
            transactions.record(
                uow,
                owner,
                data=TransactionCreate(
                    kind=Kind.INCOME if income else Kind.EXPENSE,
                    amount=f"{number + 10}.{number:02d}",
                    date=f"2026-11-{number % 28 + 1:02d}",
                    description=f"split {number}",
                    payment_method="Cash",
                    splits=[
                        SplitCreate(category=parts[0], amount="3.50", note=text),
                        SplitCreate(category=parts[1], note=None if number % 2 else text),
                    ],
                ),
            )
    return owner


def _csv(
    ctx: AppContext, principal: Principal, filters: TransactionFilter | None = None
) -> tuple[bytes, ExportSummary]:
    out = io.BytesIO()
    with ctx.uow(write=False) as uow:
        summary = service.export_transactions(
            uow, principal, fmt=ExportFormat.CSV, out=out, filters=filters
        )
    return out.getvalue(), summary


@pytest.fixture
def both(databases, tmp_path) -> Iterator[dict[str, AppContext]]:  # type: ignore[no-untyped-def]
    """A fresh database of each kind, so the same writes give the same ids."""
    contexts = {
        backend: build_context(
            Settings(database_url=databases.fresh(backend), home=tmp_path / backend)
        )
        for backend in ("sqlite", "postgresql")
    }
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("texts", [PLAIN_TEXTS, PLAIN_TEXTS + PYTHON_ONLY_TEXTS])
def test_the_postgresql_csv_export_is_byte_for_byte_the_sqlite_one(
    both: dict[str, AppContext], texts: list[str]
) -> None:
    exported = {name: _csv(ctx, _books(ctx, texts)) for name, ctx in both.items()}
    assert exported["postgresql"] == exported["sqlite"]
    assert exported["sqlite"][1].rows == len(texts)
    header, first = exported["sqlite"][0].decode().splitlines()[:2]
    assert header.endswith(",payee,tags,split,split_note")
    assert first.endswith(',"\'=HYPERLINK(""http://evil.example"",""x"")",T0.x/y_z-w trip,,')


def test_transfers_export_the_same_bytes_from_copy_and_from_python(
    both: dict[str, AppContext],
) -> None:
    exported = {
        name: _csv(ctx, _with_transfers(ctx, _books(ctx, PLAIN_TEXTS), PLAIN_TEXTS))
        for name, ctx in both.items()
    }
    assert exported["postgresql"] == exported["sqlite"]
    data, summary = exported["sqlite"]
    assert (summary.rows, summary.transfers) == (len(PLAIN_TEXTS) + 4, 4)
    assert b",transfer,-5000,JPY,,Yen," in data
    assert b",transfer,Bank,31.25,EUR,,,,\n" in data


@pytest.mark.parametrize("texts", [PLAIN_TEXTS, PLAIN_TEXTS + PYTHON_ONLY_TEXTS])
def test_split_parts_export_the_same_bytes_from_copy_and_from_python(
    both: dict[str, AppContext], texts: list[str]
) -> None:
    owners = {name: _with_splits(ctx, _books(ctx, texts), texts) for name, ctx in both.items()}
    for filters in (None, TransactionFilter(category="Leisure")):
        exported = {name: _csv(ctx, owners[name], filters) for name, ctx in both.items()}
        assert exported["postgresql"] == exported["sqlite"]
    data, summary = _csv(both["sqlite"], owners["sqlite"])
    assert summary.rows == 2 * len(texts)  # a split transaction counts once
    assert b",split 1,,expense,,,,,,1," in data
    leisure, _ = _csv(both["sqlite"], owners["sqlite"], TransactionFilter(category="Leisure"))
    assert leisure.count(b"\n") == 1 + sum(1 for n in range(len(texts)) if n % 3)


def test_copy_writes_the_export_unless_a_text_needs_pythons_number_rule(
    both: dict[str, AppContext],
) -> None:
    ctx = both["postgresql"]
    owner = _with_transfers(ctx, _books(ctx, PLAIN_TEXTS), PLAIN_TEXTS)
    with ctx.uow(write=False) as uow:
        query = service.resolve_filter(uow, owner, None)
        copied = io.BytesIO()
        assert uow.exports.copy_csv(query, tabular.csv_header(), copied.write) is not None
        python = io.BytesIO()
        tabular.write_csv(uow.exports.flat_rows(query), python)
    assert copied.getvalue() == python.getvalue()
    record(ctx, owner, "1.00", description=PYTHON_ONLY_TEXTS[0])
    with ctx.uow(write=False) as uow:
        untouched = io.BytesIO()
        assert uow.exports.copy_csv(query, tabular.csv_header(), untouched.write) is None
    assert untouched.getvalue() == b""
