"""What income, expense and transfer mean: the one definition every total uses.

A transaction row is stored with a `kind` ('income', 'expense' or 'transfer'), but its
*movement* is what totals count:

- a **transfer** moves money between the workspace's own pockets and is never income or
  expense: a row of kind 'transfer' (from one account to another), a row that moved money
  into or out of a savings goal (linked from `goal_contributions`), and a row recorded for a
  debt payment (linked from `debt_payments`: lending, being paid back, borrowing, repaying);
- an **income** is any other row of kind 'income';
- an **expense** is any other row of kind 'expense'.

`tx list` totals, reports, the dashboard, budgets, the monthly summary and export summaries
all filter and sum through `movement()`, `is_income()`, `is_expense()` and `counted()`, so
one December cannot show two different spending figures. The goal and debt links are
index probes (both link columns are unique), so the predicates cost one lookup per row.

An account's balance is a different question: a contribution from the bank to a goal is a
transfer, yet the money did leave the bank, so balances sign rows by their stored `kind`
(see `payment_methods.balances`), not by their movement.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, or_

from fopymes_server.debts.models import DebtPayment
from fopymes_server.goals.models import GoalContribution
from fopymes_server.transactions.models import Transaction
from fopymes_server.transactions.schemas import Movement

__all__ = [
    "Movement",
    "between_accounts",
    "counted",
    "is_expense",
    "is_income",
    "is_transfer",
    "movement",
    "sum_of",
]


def goal_linked(transaction_id: Any = Transaction.id) -> ColumnElement[bool]:
    """The row moved money into or out of a savings goal."""
    return (
        exists()
        .where(GoalContribution.transaction_id == transaction_id)
        .correlate_except(GoalContribution)
    )


def debt_linked(transaction_id: Any = Transaction.id) -> ColumnElement[bool]:
    """The row was recorded for a debt payment (`debt pay --record`)."""
    return (
        exists().where(DebtPayment.transaction_id == transaction_id).correlate_except(DebtPayment)
    )


def between_accounts() -> ColumnElement[bool]:
    """SQL condition: a transfer row from one account to another (kind 'transfer').

    Writers that post rows to income/expense accounts (the exports) leave these out: they
    are neither, and their two legs are not a category and a method.
    """
    return Transaction.kind == Movement.TRANSFER.value


def is_transfer() -> ColumnElement[bool]:
    """SQL condition: the row is a transfer between the workspace's own pockets."""
    return or_(between_accounts(), goal_linked(), debt_linked())


def counted() -> ColumnElement[bool]:
    """SQL condition: the row is an income or an expense (what totals add up)."""
    return and_(
        Transaction.kind != Movement.TRANSFER.value, not_(goal_linked()), not_(debt_linked())
    )


def is_income() -> ColumnElement[bool]:
    return and_(Transaction.kind == Movement.INCOME.value, not_(goal_linked()), not_(debt_linked()))


def is_expense() -> ColumnElement[bool]:
    return and_(
        Transaction.kind == Movement.EXPENSE.value, not_(goal_linked()), not_(debt_linked())
    )


def movement() -> ColumnElement[str]:
    """SQL expression: 'income', 'expense' or 'transfer' for each transaction row."""
    return case(
        (is_transfer(), literal(Movement.TRANSFER.value)),
        else_=Transaction.kind,
    )


def sum_of(condition: ColumnElement[bool]) -> Any:
    """SUM of amount_minor over the rows meeting `condition` (0, never NULL)."""
    return func.coalesce(func.sum(case((condition, Transaction.amount_minor), else_=0)), 0)
