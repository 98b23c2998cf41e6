"""Balances of accounts, summed by the database from the opening balance and the rows.

An account's balance on a day is its opening balance (from its opening date on) plus every
income, minus every expense and every transfer out, plus every transfer in, dated up to that
day. Rows are signed by their stored kind, not by their movement: money moved from the bank
to a savings goal is no expense, but it did leave the bank. Each (account, currency) pair
has its own balance, so a dollar row on a euro account is never added to euros.

Whole months come from `account_month_flows` (per account, currency and month, the sum of
its legs and of its cleared legs, kept by triggers in the transaction that writes the
rows), so a balance reads the months before its day's month there and only that month's
own rows, through the (workspace_id, date) and (workspace_id, payment_method_id |
counter_account_id, date) indexes; a net-worth curve reads the month table alone. The
register's running balance is a window SUM over the account's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Integer,
    and_,
    case,
    cast,
    delete,
    extract,
    func,
    insert,
    literal,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from fopymes_server.accounts.models import Account, AccountMonthFlow
from fopymes_server.categories.models import Category
from fopymes_server.transactions import movements
from fopymes_server.transactions.lines import split_label
from fopymes_server.transactions.models import Transaction


@dataclass(frozen=True, slots=True)
class BalanceRow:
    account_id: int
    currency: str
    balance_minor: int
    cleared_minor: int = 0
    """Pending lines left out; filled when asked for (`BalancesRepository.on(cleared=True)`)."""


@dataclass(frozen=True, slots=True)
class MonthFlow:
    """What one month changed one account's balance by, in one currency."""

    account_id: int
    currency: str
    year: int
    month: int
    flow_minor: int


@dataclass(frozen=True, slots=True)
class MonthSum:
    """One (account, currency, month)'s sum of legs and of cleared legs."""

    workspace_id: int
    account_id: int
    currency: str
    year: int
    month: int
    flow_minor: int
    cleared_minor: int

    @property
    def key(self) -> tuple[int, str, int, int]:
        return (self.account_id, self.currency, self.year, self.month)


@dataclass(frozen=True, slots=True)
class Opening:
    """What the register needs of its account: the opening balance and where it applies."""

    id: int
    currency: str
    opening_date: date
    opening_balance_minor: int


@dataclass(frozen=True, slots=True)
class LineRow:
    id: int
    date: date
    kind: str
    movement: str
    description: str
    counterpart: str | None
    amount_minor: int
    currency: str
    balance_minor: int


CLEARED = ("cleared", "reconciled")
"""Statuses the bank has seen: a cleared balance counts these lines, never pending ones."""


def account_legs(
    workspace_id: int | None,
    account_id: int | None = None,
    *extra: Any,
    since: date | None = None,
) -> Any:
    """(account_id, transaction id, date, currency, signed minor units, *extra) of every
    leg: a transaction's own account, and for a transfer the account it reached. `extra`
    are further labelled columns of `Transaction` (status, description) on both legs;
    `since` keeps the legs dated on or after it (in each branch, so it reaches the index);
    a `workspace_id` of None takes every workspace's (the month sums' check)."""
    signed = case(
        (Transaction.kind == "income", Transaction.amount_minor),
        else_=-Transaction.amount_minor,
    )
    counter = aliased(Account)
    own = select(
        Transaction.payment_method_id.label("account_id"),
        Transaction.id.label("id"),
        Transaction.date.label("date"),
        Transaction.currency.label("currency"),
        signed.label("signed"),
        *extra,
    ).where(Transaction.payment_method_id.is_not(None))
    arriving = (
        select(
            Transaction.counter_account_id.label("account_id"),
            Transaction.id.label("id"),
            Transaction.date.label("date"),
            counter.currency.label("currency"),
            Transaction.counter_amount_minor.label("signed"),
            *extra,
        )
        .join(counter, counter.id == Transaction.counter_account_id)
        .where(Transaction.counter_account_id.is_not(None))
    )
    if workspace_id is not None:
        own = own.where(Transaction.workspace_id == workspace_id)
        arriving = arriving.where(Transaction.workspace_id == workspace_id)
    if account_id is not None:
        own = own.where(Transaction.payment_method_id == account_id)
        arriving = arriving.where(Transaction.counter_account_id == account_id)
    if since is not None:
        own = own.where(Transaction.date >= since)
        arriving = arriving.where(Transaction.date >= since)
    return union_all(own, arriving).subquery("legs")


class BalancesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def on(
        self,
        workspace_id: int,
        day: date,
        *,
        account_id: int | None = None,
        cleared: bool = False,
    ) -> list[BalanceRow]:
        """Balance per (account, currency) at the end of `day`, archived accounts too (or
        of `account_id` alone); with `cleared`, in the same scan the cleared balance too
        (pending lines left out), else `cleared_minor` is 0."""
        month = day.replace(day=1)
        legs = account_legs(
            workspace_id, account_id, Transaction.status.label("status"), since=month
        )
        counted = case((legs.c.status.in_(CLEARED), legs.c.signed), else_=0)
        this_month = select(
            legs.c.account_id,
            legs.c.currency,
            legs.c.signed.label("flow"),
            (counted if cleared else literal(0)).label("cleared"),
        ).where(legs.c.date <= day)
        months = select(
            AccountMonthFlow.account_id,
            AccountMonthFlow.currency,
            AccountMonthFlow.flow_minor.label("flow"),
            (AccountMonthFlow.cleared_minor if cleared else literal(0)).label("cleared"),
        ).where(AccountMonthFlow.workspace_id == workspace_id, AccountMonthFlow.month < month)
        if account_id is not None:
            months = months.where(AccountMonthFlow.account_id == account_id)
        flows = union_all(this_month, months).subquery("flows")
        opened = case((Account.opening_date <= day, Account.opening_balance_minor), else_=0)
        opening = select(
            Account.id.label("account_id"),
            Account.currency.label("currency"),
            opened.label("flow"),
            (opened if cleared else literal(0)).label("cleared"),
        ).where(Account.workspace_id == workspace_id)
        if account_id is not None:
            opening = opening.where(Account.id == account_id)
        every = union_all(
            select(flows.c.account_id, flows.c.currency, flows.c.flow, flows.c.cleared), opening
        )
        both = every.subquery("both")
        statement = (
            select(
                both.c.account_id,
                both.c.currency,
                func.sum(both.c.flow),
                func.sum(both.c.cleared),
            )
            .group_by(both.c.account_id, both.c.currency)
            .order_by(both.c.account_id, both.c.currency)
        )
        return [
            BalanceRow(int(account), currency, int(total or 0), int(counted_total or 0))
            for account, currency, total, counted_total in self.session.execute(statement).all()
        ]

    def monthly_flows(self, workspace_id: int, start: date, end: date) -> list[MonthFlow]:
        """Per (account, currency, month) of `start`..`end` (whole months: `start` a first
        day, `end` a last one): the month table's sums plus the opening balances that take
        effect in it, grouped by the database."""
        moved = select(
            AccountMonthFlow.account_id.label("account_id"),
            AccountMonthFlow.currency.label("currency"),
            AccountMonthFlow.month.label("date"),
            AccountMonthFlow.flow_minor.label("flow"),
        ).where(
            AccountMonthFlow.workspace_id == workspace_id,
            AccountMonthFlow.month >= start,
            AccountMonthFlow.month <= end,
        )
        opened = select(
            Account.id.label("account_id"),
            Account.currency.label("currency"),
            Account.opening_date.label("date"),
            Account.opening_balance_minor.label("flow"),
        ).where(
            Account.workspace_id == workspace_id,
            Account.opening_date >= start,
            Account.opening_date <= end,
        )
        both = union_all(moved, opened).subquery("both")
        year = cast(extract("year", both.c.date), Integer)
        month = cast(extract("month", both.c.date), Integer)
        statement = select(
            both.c.account_id, both.c.currency, year, month, func.sum(both.c.flow)
        ).group_by(both.c.account_id, both.c.currency, year, month)
        return [
            MonthFlow(int(a), c, int(y), int(m), int(f or 0))
            for a, c, y, m, f in self.session.execute(statement).all()
        ]

    def month_sums(self) -> list[MonthSum]:
        """Every workspace's stored month sums (`account_month_flows`)."""
        year = cast(extract("year", AccountMonthFlow.month), Integer)
        month = cast(extract("month", AccountMonthFlow.month), Integer)
        statement = select(
            AccountMonthFlow.workspace_id,
            AccountMonthFlow.account_id,
            AccountMonthFlow.currency,
            year,
            month,
            AccountMonthFlow.flow_minor,
            AccountMonthFlow.cleared_minor,
        )
        return [MonthSum(*row) for row in self.session.execute(statement).all()]

    def month_sums_recomputed(self) -> list[MonthSum]:
        """The month sums as the rows themselves give them, every workspace at once."""
        legs = account_legs(
            None,
            None,
            Transaction.workspace_id.label("workspace_id"),
            Transaction.status.label("status"),
        )
        counted = case((legs.c.status.in_(CLEARED), legs.c.signed), else_=0)
        year = cast(extract("year", legs.c.date), Integer)
        month = cast(extract("month", legs.c.date), Integer)
        statement = select(
            legs.c.workspace_id,
            legs.c.account_id,
            legs.c.currency,
            year,
            month,
            func.sum(legs.c.signed),
            func.sum(counted),
        ).group_by(legs.c.workspace_id, legs.c.account_id, legs.c.currency, year, month)
        return [
            MonthSum(ws, account, currency, y, m, int(flow or 0), int(cleared or 0))
            for ws, account, currency, y, m, flow, cleared in self.session.execute(statement)
        ]

    def hold_writers(self) -> None:
        """Keep rows from changing until commit while sums are recomputed and rewritten
        (PostgreSQL: a SHARE lock on transactions; SQLite's write transaction already is)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("LOCK TABLE transactions IN SHARE MODE"))

    def rewrite_month_sums(self, sums: list[MonthSum]) -> None:
        """Replace every stored month sum with `sums` (the repair of `fopymes db check`)."""
        self.session.execute(delete(AccountMonthFlow))
        if sums:
            self.session.execute(
                insert(AccountMonthFlow),
                [
                    {
                        "workspace_id": s.workspace_id,
                        "account_id": s.account_id,
                        "currency": s.currency,
                        "month": date(s.year, s.month, 1),
                        "flow_minor": s.flow_minor,
                        "cleared_minor": s.cleared_minor,
                    }
                    for s in sums
                ],
            )

    def register(
        self,
        workspace_id: int,
        account: Opening,
        *,
        limit: int,
        after: tuple[date, int] | None,
    ) -> list[LineRow]:
        """The account's movements newest first, each with the running balance after it.

        The window runs over the whole history (oldest first) before the keyset page is cut.
        """
        legs = account_legs(workspace_id, account.id)
        opening = case(
            (
                and_(legs.c.currency == account.currency, legs.c.date >= account.opening_date),
                literal(account.opening_balance_minor),
            ),
            else_=0,
        )
        running = (
            func.sum(legs.c.signed).over(
                partition_by=legs.c.currency, order_by=(legs.c.date, legs.c.id)
            )
            + opening
        )
        numbered = select(
            legs.c.id, legs.c.date, legs.c.currency, legs.c.signed, running.label("balance")
        ).subquery("numbered")
        other = aliased(Account)
        mine = aliased(Account)
        counterpart = case(
            (
                Transaction.kind == "transfer",
                case((Transaction.payment_method_id == account.id, other.name), else_=mine.name),
            ),
            else_=split_label(Category.name),
        )
        statement = (
            select(
                numbered.c.id,
                numbered.c.date,
                Transaction.kind,
                movements.movement(),
                Transaction.description,
                counterpart,
                numbered.c.signed,
                numbered.c.currency,
                numbered.c.balance,
            )
            .join(Transaction, Transaction.id == numbered.c.id)
            .outerjoin(Category, Category.id == Transaction.category_id)
            .outerjoin(other, other.id == Transaction.counter_account_id)
            .outerjoin(mine, mine.id == Transaction.payment_method_id)
        )
        if after is not None:
            statement = statement.where(tuple_(numbered.c.date, numbered.c.id) < tuple_(*after))
        statement = statement.order_by(numbered.c.date.desc(), numbered.c.id.desc()).limit(limit)
        return [
            LineRow(int(r[0]), r[1], r[2], r[3], r[4], r[5], int(r[6]), r[7], int(r[8] or 0))
            for r in self.session.execute(statement).all()
        ]
