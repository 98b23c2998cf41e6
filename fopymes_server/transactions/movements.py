"""What income, expense and transfer mean: the one definition every total uses.

A transaction row is stored with a `kind` ('income', 'expense' or 'transfer'), but its
*movement* is what totals count:

- a **transfer** moves money between the workspace's own pockets and is never income or
  expense: a row of kind 'transfer', from one account to another. Money moved into or out
  of a savings goal goes to or from the goal's savings account, and a debt's principal
  between an account and the debt's loan account, so both are transfers too; only a debt's
  interest is an expense (borrowed) or an income (lent);
- an **income** is a row of kind 'income';
- an **expense** is a row of kind 'expense'.

`tx list` totals, reports, the dashboard, budgets, the monthly summary and export summaries
all filter and sum through `movement()`, `is_income()`, `is_expense()` and `counted()`, so
one December cannot show two different spending figures.

An account's balance is a different question: it adds what reached the account and takes
what left it, whatever the movement (see `accounts.balances`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func

from fopymes_server.transactions.models import Transaction
from fopymes_server.transactions.schemas import Movement

__all__ = [
    "Movement",
    "counted",
    "is_expense",
    "is_income",
    "is_transfer",
    "movement",
    "sum_of",
]


def is_transfer() -> ColumnElement[bool]:
    """SQL condition: the row is a transfer between the workspace's own pockets.

    Writers that post rows to income/expense accounts (the exports) leave these out: they
    are neither, and their two legs are two accounts, not a category and an account.
    """
    return Transaction.kind == Movement.TRANSFER.value


def counted() -> ColumnElement[bool]:
    """SQL condition: the row is an income or an expense (what totals add up)."""
    return Transaction.kind != Movement.TRANSFER.value


def is_income() -> ColumnElement[bool]:
    return Transaction.kind == Movement.INCOME.value


def is_expense() -> ColumnElement[bool]:
    return Transaction.kind == Movement.EXPENSE.value


def movement() -> ColumnElement[str]:
    """SQL expression: 'income', 'expense' or 'transfer' for each transaction row (its kind,
    since money to goals and the principal of debts are stored as transfers)."""
    return Transaction.__table__.c.kind


def sum_of(condition: ColumnElement[bool]) -> Any:
    """SUM of amount_minor over the rows meeting `condition` (0, never NULL)."""
    return func.coalesce(func.sum(case((condition, Transaction.amount_minor), else_=0)), 0)
