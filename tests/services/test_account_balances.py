"""Balances and net worth against a running sum kept by the test, on both databases.

Random sequences of incomes, expenses and transfers (in one currency and across two) move
money between a few accounts; on a random date each account's balance must equal its
opening balance plus what the test itself added up, and per currency the net worth must be
the assets minus the liabilities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.accounts.schemas import AccountCreate, AccountType
from fopymes_server.core.context import AppContext
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.transactions.schemas import Kind
from tests.factories import new_owner, record

START = date(2026, 1, 1)
DAYS = 90


@dataclass(frozen=True)
class Plan:
    name: str
    type: AccountType
    currency: str
    opening_minor: int
    opening_day: int


PLANS = (
    Plan("Bank", AccountType.CHECKING, "EUR", 100_000, 0),
    Plan("Visa", AccountType.CREDIT_CARD, "EUR", -20_000, 10),
    Plan("Savings", AccountType.SAVINGS, "EUR", 0, 0),
    Plan("Broker", AccountType.OTHER_ASSET, "USD", 5_000, 30),
)

operation = st.tuples(
    st.sampled_from(["income", "expense", "transfer"]),
    st.integers(0, len(PLANS) - 1),
    st.integers(0, len(PLANS) - 1),
    st.integers(1, 500_000),
    st.integers(1, 500_000),
    st.integers(0, DAYS),
)


def _open_accounts(ctx: AppContext, owner: Principal) -> None:
    for plan in PLANS:
        with ctx.uow() as uow:
            accounts.create(
                uow,
                owner,
                AccountCreate(
                    name=plan.name,
                    type=plan.type,
                    currency=plan.currency,
                    opening_balance=from_minor(plan.opening_minor, plan.currency),
                    opening_date=START + timedelta(days=plan.opening_day),
                ),
            )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=12), probe=st.integers(-1, DAYS + 1))
def test_each_balance_is_the_opening_plus_the_running_sum(
    ctx: AppContext, operations: list[tuple[str, int, int, int, int, int]], probe: int
) -> None:
    owner = new_owner(ctx).principal
    _open_accounts(ctx, owner)
    moves: list[tuple[date, str, int]] = []
    for kind, first, second, amount, other_amount, offset in operations:
        day = START + timedelta(days=offset)
        source = PLANS[first]
        text = str(from_minor(amount, source.currency))
        if kind in ("income", "expense"):
            record(
                ctx,
                owner,
                text,
                kind=Kind(kind),
                currency=source.currency,
                date=day.isoformat(),
                payment_method=source.name,
            )
            moves.append((day, source.name, amount if kind == "income" else -amount))
            continue
        target = PLANS[second]
        if target is source:
            continue
        arriving = amount if target.currency == source.currency else other_amount
        with ctx.uow() as uow:
            transfers.transfer(
                uow,
                owner,
                transfers.TransferCreate(
                    amount=text,
                    from_account=source.name,
                    to_account=target.name,
                    to_amount=str(from_minor(arriving, target.currency)),
                    date=day,
                ),
            )
        moves += [(day, source.name, -amount), (day, target.name, arriving)]

    on = START + timedelta(days=probe)
    expected: dict[str, int] = {}
    for plan in PLANS:
        opened = START + timedelta(days=plan.opening_day) <= on
        flows = sum(delta for day, name, delta in moves if name == plan.name and day <= on)
        expected[plan.name] = (plan.opening_minor if opened else 0) + flows
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, owner, on=on)
    got = {line.name: line.balance for line in sheet.accounts if line.name != "Cash"}
    assert got == {plan.name: from_minor(expected[plan.name], plan.currency) for plan in PLANS}
    assets: dict[str, Decimal] = defaultdict(Decimal)
    owed: dict[str, Decimal] = defaultdict(Decimal)
    for line in sheet.accounts:
        if line.liability:
            owed[line.currency] -= line.balance
        else:
            assets[line.currency] += line.balance
    for total in sheet.totals:
        assert total.assets == assets[total.currency]
        assert total.liabilities == owed[total.currency]
        assert total.net_worth == total.assets - total.liabilities
        assert total.net_worth == sum(
            (line.balance for line in sheet.accounts if line.currency == total.currency),
            Decimal(0),
        )


def test_the_register_s_newest_running_balance_is_the_balance(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _open_accounts(ctx, owner)
    record(ctx, owner, "12.34", date="2026-01-05", payment_method="Bank")
    record(ctx, owner, "100.00", kind=Kind.INCOME, date="2026-01-03", payment_method="Bank")
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="50", from_account="Bank", to_account="Visa", date="2026-01-20"
            ),
        )
    with ctx.uow(write=False) as uow:
        page = accounts.register(uow, owner, "Bank")
        sheet = accounts.balance_sheet(uow, owner, on=date(2026, 12, 31))
    bank = next(line for line in sheet.accounts if line.name == "Bank")
    assert [line.balance for line in page.items] == [
        Decimal("1037.66"),
        Decimal("1087.66"),
        Decimal("1100.00"),
    ]
    assert page.items[0].balance == bank.balance
    assert [line.movement for line in page.items] == ["transfer", "expense", "income"]


def test_the_schedule_forecast_starts_from_the_accounts_real_balances(ctx: AppContext) -> None:
    from fopymes_server.scheduled import forecast

    owner = new_owner(ctx).principal
    _open_accounts(ctx, owner)
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="40", from_account="Bank", to_account="Cash", date="2026-02-01"
            ),
        )
    with ctx.uow(write=False) as uow:
        opening = {
            m.payment_method: m.opening
            for m in forecast.upcoming(uow, owner, days=7).methods
            if m.currency == "EUR"
        }
    assert opening["Bank"] == Decimal("960.00")
    assert opening["Cash"] == Decimal("40.00")
    assert opening["Visa"] == Decimal("-200.00")


def test_monthly_net_worth_is_the_balance_sheet_of_every_month_end(ctx: AppContext) -> None:
    from fopymes_server.accounts import networth
    from fopymes_server.core.dates import month_end

    owner = new_owner(ctx).principal
    _open_accounts(ctx, owner)
    record(ctx, owner, "12.34", date="2026-01-05", payment_method="Visa")
    record(ctx, owner, "100.00", kind=Kind.INCOME, date="2026-03-03", payment_method="Bank")
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="50",
                from_account="Bank",
                to_account="Broker",
                to_amount="54.10",
                date="2026-02-20",
            ),
        )
    with ctx.uow(write=False) as uow:
        rows = networth.monthly(uow, owner, start=date(2025, 12, 1), end=date(2026, 4, 30))
        for month in (12, 1, 2, 3, 4):
            year = 2025 if month == 12 else 2026
            sheet = accounts.balance_sheet(uow, owner, on=month_end(year, month))
            expected = {(t.currency, t.net_worth) for t in sheet.totals}
            got = {(r.currency, r.net_worth) for r in rows if r.month == f"{year}-{month:02d}"}
            assert got == expected, month
    assert {(r.month, r.net_worth) for r in rows if r.currency == "USD"} >= {
        ("2026-01", Decimal("50.00")),
        ("2026-02", Decimal("104.10")),
    }


def test_month_sums_follow_every_edit_move_status_change_and_delete(ctx: AppContext) -> None:
    """Whole months come from the per-month sums the database keeps; after a row moves to
    another month, changes account, amount or status, or goes, every balance and cleared
    balance is still the opening plus exactly the rows that remain, month by month."""
    from fopymes_server.transactions import service as transactions
    from fopymes_server.transactions.schemas import TransactionUpdate

    owner = new_owner(ctx).principal
    _open_accounts(ctx, owner)
    spent = record(ctx, owner, "100.00", date="2026-01-10", payment_method="Bank")
    paid = record(ctx, owner, "50.00", kind=Kind.INCOME, date="2026-02-03", payment_method="Bank")
    with ctx.uow() as uow:
        moved = transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="30", from_account="Bank", to_account="Savings", date="2026-03-05"
            ),
        )
    with ctx.uow() as uow:
        transactions.edit(
            uow,
            owner,
            spent.id,
            changes=TransactionUpdate(amount="120.00", date="2026-02-20", payment_method="Visa"),
        )
    with ctx.uow() as uow:
        transactions.edit(uow, owner, paid.id, changes=TransactionUpdate(status="pending"))
    with ctx.uow() as uow:
        transactions.delete(uow, owner, moved.id)

    def sheet(on: str) -> dict[str, tuple[Decimal, Decimal]]:
        with ctx.uow(write=False) as uow:
            lines = accounts.balance_sheet(uow, owner, on=date.fromisoformat(on)).accounts
        return {line.name: (line.balance, line.cleared_balance) for line in lines}

    assert sheet("2026-01-31")["Bank"] == (Decimal("1000.00"), Decimal("1000.00"))
    assert sheet("2026-01-31")["Visa"] == (Decimal("-200.00"), Decimal("-200.00"))
    feb = sheet("2026-02-28")
    assert feb["Bank"] == (Decimal("1050.00"), Decimal("1000.00"))
    assert feb["Visa"] == (Decimal("-320.00"), Decimal("-320.00"))
    for on in ("2026-03-31", "2026-12-31"):
        later = sheet(on)
        assert (later["Bank"], later["Savings"]) == (
            (Decimal("1050.00"), Decimal("1000.00")),
            (Decimal("0.00"), Decimal("0.00")),
        )


change = st.tuples(
    st.sampled_from(["add", "transfer", "amount", "date", "account", "status", "delete"]),
    st.integers(0, 30),
    st.integers(1, 90_000),
    st.integers(0, DAYS * 3),
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(change, min_size=1, max_size=14))
def test_the_month_sums_always_agree_with_the_rows_whatever_is_written(
    ctx: AppContext, changes: list[tuple[str, int, int, int]]
) -> None:
    """Interleaved writes of every kind (new rows, transfers, and edits moving a row to
    another amount, month, account or status, and deletes), each followed by `db check`'s
    recomputation: the sums the triggers keep never differ from the rows."""
    from fopymes_server.accounts import month_sums
    from fopymes_server.transactions import service as transactions
    from fopymes_server.transactions.schemas import TransactionUpdate

    owner = new_owner(ctx).principal
    _open_accounts(ctx, owner)
    euro = [plan.name for plan in PLANS if plan.currency == "EUR"]
    ids: list[int] = []
    for action, pick, amount, offset in changes:
        day = (START + timedelta(days=offset)).isoformat()
        text = str(from_minor(amount, "EUR"))
        target = ids[pick % len(ids)] if ids else None
        with ctx.uow() as uow:
            if action == "add" or target is None:
                kind = Kind.INCOME if pick % 2 else Kind.EXPENSE
                ids.append(record(ctx, owner, text, kind=kind, date=day, payment_method="Bank").id)
            elif action == "transfer":
                moved = transfers.transfer(
                    uow,
                    owner,
                    transfers.TransferCreate(
                        amount=text, from_account=euro[pick % 3], to_account=euro[(pick + 1) % 3]
                    ),
                )
                ids.append(moved.id)
            elif action == "delete":
                transactions.delete(uow, owner, target, force=True)
                ids.remove(target)
            else:
                found = transactions.get(uow, owner, target)
                if found.kind is Kind.TRANSFER:
                    changes_made = TransactionUpdate(date=day)
                else:
                    changes_made = {
                        "amount": TransactionUpdate(amount=text),
                        "date": TransactionUpdate(date=day),
                        "account": TransactionUpdate(payment_method=euro[pick % 3]),
                        "status": TransactionUpdate(
                            status="pending" if found.status == "cleared" else "cleared"
                        ),
                    }[action]
                transactions.edit(uow, owner, target, changes=changes_made, force=True)
        with ctx.uow(write=False) as uow:
            assert month_sums.check(uow).drifted == [], (action, pick, amount, offset)
