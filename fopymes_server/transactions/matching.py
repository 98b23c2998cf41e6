"""Which rows a text search or "uncategorised" means, as SQL conditions (the data layer).

`tx list`, the exports and the dashboard's filter all narrow through these functions, so a
search finds the same rows everywhere:

- `folded(column)` is the column without case or accents by `core.folding`'s table, one
  SQLAlchemy construct compiled per dialect: `translate(column, FROM, TO)` on PostgreSQL
  (no extension, no locale), the registered `fopymes_fold(column)` on SQLite;
- `contains_text(needle, *columns)`: the folded needle inside any folded column, the LIKE
  wildcards in the needle escaped (`autoescape`);
- `uncategorised()`: an income or expense that has no category (a transfer never has one
  and is never "uncategorised").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, false, func, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from fopymes_server.core.folding import FOLD_FROM, FOLD_FUNCTION, FOLD_TO, fold
from fopymes_server.transactions import movements
from fopymes_server.transactions.models import Transaction


class folded(FunctionElement[str]):  # lower case: an SQL function, like func.lower
    """SQL: the text argument folded by `core.folding` (NULL stays NULL)."""

    type = String()
    name = "folded"
    inherit_cache = True


@compiles(folded)
def _translate(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    return (
        f"translate({compiler.process(argument, **kw)}, "
        f"{compiler.process(literal(FOLD_FROM), **kw)}, {compiler.process(literal(FOLD_TO), **kw)})"
    )


@compiles(folded, "sqlite")
def _sqlite_fold(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    return f"{FOLD_FUNCTION}({compiler.process(argument, **kw)})"


def contains_text(needle: str, *columns: Any) -> ColumnElement[bool]:
    """SQL condition: `needle` appears in one of `columns`, ignoring case and accents.

    A NULL column matches nothing; an empty needle (after folding) matches every row."""
    wanted = fold(needle)
    if not columns:
        return false()
    return or_(
        *(folded(func.coalesce(column, "")).contains(wanted, autoescape=True) for column in columns)
    )


def search(needle: str) -> ColumnElement[bool]:
    """SQL condition of `--search`: the text in a transaction's description or note."""
    return contains_text(needle, Transaction.description, Transaction.note)


def uncategorised() -> ColumnElement[bool]:
    """SQL condition: an income or expense with no category (transfers never count).

    A split transaction's categories are its parts', so it is never uncategorised. The one
    definition `tx list --uncategorised`, the API and the dashboard use."""
    return movements.counted() & Transaction.category_id.is_(None) & ~Transaction.split


def row_filter(
    workspace_id: int,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    account_id: int | None = None,
    kind: str | None = None,
    text: str | None = None,
    without_category: bool = False,
    min_minor: int | None = None,
    max_minor: int | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions on a transaction row that `tx list` and the exports filter by (all
    but the category's, which split transactions answer through `lines`).

    An account's rows include the transfers that reached it: a transfer belongs to both of
    its accounts. Amount bounds are in minor units of the row's own amount."""
    conditions: list[ColumnElement[bool]] = [Transaction.workspace_id == workspace_id]
    if date_from is not None:
        conditions.append(Transaction.date >= date_from)
    if date_to is not None:
        conditions.append(Transaction.date <= date_to)
    if account_id is not None:
        conditions.append(
            (Transaction.payment_method_id == account_id)
            | (Transaction.counter_account_id == account_id)
        )
    if kind is not None:
        conditions.append(Transaction.kind == kind)
    if text:
        conditions.append(search(text))
    if without_category:
        conditions.append(uncategorised())
    if min_minor is not None:
        conditions.append(Transaction.amount_minor >= min_minor)
    if max_minor is not None:
        conditions.append(Transaction.amount_minor <= max_minor)
    return conditions
