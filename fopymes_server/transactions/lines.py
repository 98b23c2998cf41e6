"""Category lines: what each category is charged with, the one definition every total uses.

A transaction that is not split is one line: its own category and amount. A split
transaction (`transactions.split` true, no category of its own) is as many lines as it has
parts, each with the part's category, amount and note, and the transaction's date, kind,
currency and account. Its parts add up exactly to its amount, so a total of lines over
any set of transactions equals the total of the transactions, while every category gets
only its own share.

Reports, budgets, the monthly summary, the dashboard and the exports group and filter by
category through `category_lines()` (or, where a correlated sum per category is cheaper,
`part_sum()` beside the plain rows' own sum), so a receipt of groceries and household goods
counts 60.00 for one and 25.40 for the other everywhere.

The lines are a UNION ALL of two SELECTs that each carry the caller's conditions: the
first reads `transactions` alone through the indexes it always used (a split row only costs
the `NOT split` filter), the second walks the split rows alone (the partial index
`ix_transactions_ws_split_date_id`) and joins their parts. The sums are the database's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Subquery,
    case,
    exists,
    func,
    literal,
    literal_column,
    null,
    select,
    true,
    union_all,
)

from fopymes_server.transactions.models import Transaction, TransactionSplit

CategoryCondition = Callable[[Any], ColumnElement[bool]]
"""Builds a condition on a line's category column (the row's own, or the part's)."""

LINE_COLUMNS = (
    "id",
    "date",
    "kind",
    "currency",
    "payment_method_id",
    "category_id",
    "amount_minor",
    "part_note",
    "part",
)
"""The columns of every line: `id` is the transaction's; `part` is 0 for an unsplit row,
else the part's 1-based position; `part_note` the part's note (NULL for unsplit rows)."""


def is_split() -> ColumnElement[bool]:
    """SQL condition: the row is a split transaction, spelled as the partial index
    `ix_transactions_ws_split_date_id` is (`split = 1` on SQLite), so both planners use it."""
    return Transaction.split == true()


def _shared() -> tuple[Any, ...]:
    """The columns a line takes from its transaction, whether split or not."""
    return (
        Transaction.id.label("id"),
        Transaction.date.label("date"),
        Transaction.kind.label("kind"),
        Transaction.currency.label("currency"),
        Transaction.payment_method_id.label("payment_method_id"),
    )


def _plain(
    conditions: Sequence[Any], category: CategoryCondition | None, columns: Sequence[Any]
) -> Any:
    statement = select(
        *_shared(),
        Transaction.category_id.label("category_id"),
        Transaction.amount_minor.label("amount_minor"),
        null().label("part_note"),
        literal_column("0", Integer).label("part"),
        *columns,
    ).where(*conditions, ~is_split())
    if category is not None:
        statement = statement.where(category(Transaction.category_id))
    return statement


def _parts(
    conditions: Sequence[Any], category: CategoryCondition | None, columns: Sequence[Any]
) -> Any:
    statement = (
        select(
            *_shared(),
            TransactionSplit.category_id.label("category_id"),
            TransactionSplit.amount_minor.label("amount_minor"),
            TransactionSplit.note.label("part_note"),
            TransactionSplit.position.label("part"),
            *columns,
        )
        .select_from(Transaction)
        .join(TransactionSplit, TransactionSplit.transaction_id == Transaction.id)
        .where(*conditions, is_split())
    )
    if category is not None:
        statement = statement.where(category(TransactionSplit.category_id))
    return statement


def category_lines(
    *conditions: Any,
    category: CategoryCondition | None = None,
    columns: Sequence[Any] = (),
    name: str = "lines",
) -> Subquery:
    """The lines of the transactions meeting `conditions` (conditions on `Transaction`).

    `category` narrows the lines by their own category (a split transaction keeps only its
    parts in it). `columns` adds labelled columns of `Transaction` to every line (the
    description, the note, the counter-account): both branches read the same row.
    """
    return union_all(
        _plain(conditions, category, columns), _parts(conditions, category, columns)
    ).subquery(name)


def part_sum(*conditions: Any, category: CategoryCondition) -> Any:
    """Scalar SUM of the parts in `category` of the split transactions meeting `conditions`
    (NULL when none): added to the plain rows' own sum by a correlated per-category total,
    which then seeks both the rows' and the parts' category indexes."""
    return (
        select(func.sum(TransactionSplit.amount_minor))
        .select_from(TransactionSplit)
        .join(Transaction, Transaction.id == TransactionSplit.transaction_id)
        .where(category(TransactionSplit.category_id), *conditions, is_split())
        .scalar_subquery()
    )


def share(category: CategoryCondition) -> Any:
    """Scalar SUM of the current `Transaction` row's parts in `category` (correlated)."""
    return (
        select(func.sum(TransactionSplit.amount_minor))
        .where(
            TransactionSplit.transaction_id == Transaction.id,
            category(TransactionSplit.category_id),
        )
        .scalar_subquery()
    )


SPLIT_LABEL = "(split)"
"""What a list shows in the category column of a split transaction (its parts follow)."""


def split_label(category_name: Any) -> Any:
    """The row's category name, or SPLIT_LABEL for a split transaction."""
    return case((is_split(), literal(SPLIT_LABEL)), else_=category_name)


def split_in(category: CategoryCondition) -> ColumnElement[bool]:
    """Condition on `Transaction`: a split row with a part in `category`.

    A correlated EXISTS rather than IN: a newest-first page then walks the split rows'
    partial index by date and stops at its limit, on both databases, instead of fetching
    every part of a busy category to sort their rows."""
    return is_split() & exists().where(
        TransactionSplit.transaction_id == Transaction.id, category(TransactionSplit.category_id)
    )
