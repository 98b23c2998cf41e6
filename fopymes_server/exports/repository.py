"""SQL of exports: every matching transaction, streamed in (date, id) order.

Rows are category lines (`transactions.lines`): a split transaction is one row per part,
in part order, each with the part's category and amount (and the transaction's id); a
category filter keeps the parts in its categories. The journals put a transaction's rows
back into one entry.

The rows come through a server-side cursor on PostgreSQL (`stream_results`) and SQLite's
own lazy cursor, `yield_per` rows at a time, so an export of ten million rows holds one
batch in memory, never the whole result. The caller must consume the iterator inside the
unit of work that owns the session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Numeric,
    String,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session, aliased

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.core.money import exponent, from_minor
from fopymes_server.exports.cells import FORMULA_START
from fopymes_server.exports.schemas import AccountNames, ExportRow, LedgerAccount
from fopymes_server.payees.models import Payee
from fopymes_server.tags.models import Tag, TransactionTag
from fopymes_server.transactions import lines, matching, movements
from fopymes_server.transactions.models import Transaction

STREAM_BATCH = 2_000
FlatRow = tuple[
    int,
    str,
    str,
    int,
    str,
    str | None,
    str | None,
    str,
    str | None,
    str,
    str | None,
    int | None,
    str | None,
    str | None,
    str | None,
    int,
    str | None,
]
TAG_SEPARATOR = " "
"""Between the tags of one CSV cell: a tag holds no space, and the cell needs no quotes."""


def _tag_names(dialect: str) -> Any:
    """SQL: the row's tags in name order joined by TAG_SEPARATOR, or NULL without tags
    (one probe of transaction_tags' primary key per row)."""
    links = (TransactionTag.tag_id == Tag.id, TransactionTag.transaction_id == Transaction.id)
    if dialect == "postgresql":
        joined = func.string_agg(Tag.name, aggregate_order_by(literal(TAG_SEPARATOR), Tag.name_key))
        return select(joined).where(*links).correlate(Transaction).scalar_subquery()
    # SQLite's group_concat takes its rows in the order of the subquery it reads.
    names = select(Tag.name).where(*links).order_by(Tag.name_key).correlate(Transaction).subquery()
    return (
        select(func.group_concat(names.c.name, TAG_SEPARATOR))
        .correlate(Transaction)
        .scalar_subquery()
    )


@dataclass(frozen=True, slots=True)
class ExportQuery:
    """A resolved filter: ids and minor units, like the list query of transactions."""

    workspace_id: int
    date_from: date | None = None
    date_to: date | None = None
    category_ids: tuple[int, ...] | None = None
    payment_method_id: int | None = None
    kind: str | None = None
    search: str | None = None
    min_minor: int | None = None
    max_minor: int | None = None
    uncategorised: bool = False
    between_accounts: bool = False
    """Include transfers from one account to another (kind 'transfer'). Exports do; the
    report's appendix, which lists rows by category, does not yet."""

    @property
    def whole_accounts(self) -> bool:
        """No filter on rows' own fields (category, kind, text, amount): every row of an
        account inside the dates is exported, so its balances add up."""
        narrowed = (self.category_ids, self.kind, self.search, self.min_minor, self.max_minor)
        return (
            self.between_accounts
            and not self.uncategorised
            and all(value is None for value in narrowed)
        )

    def covers(self, account_id: int) -> bool:
        """Whether the account's balances add up in the export (every account, or the one
        filtered on)."""
        return self.whole_accounts and self.payment_method_id in (None, account_id)


def _conditions(query: ExportQuery) -> list[Any]:
    conditions: list[Any] = matching.row_filter(
        query.workspace_id,
        date_from=query.date_from,
        date_to=query.date_to,
        account_id=query.payment_method_id,
        kind=query.kind,
        text=query.search,
        without_category=query.uncategorised,
        min_minor=query.min_minor,
        max_minor=query.max_minor,
    )
    if not query.between_accounts:
        conditions.append(~movements.is_transfer())
    return conditions


def _category(query: ExportQuery) -> lines.CategoryCondition | None:
    """The category filter, on a line's own category (a row's, or a part's)."""
    ids = query.category_ids
    if ids is None:
        return None
    return lambda column: column.in_(ids)


def _row_conditions(query: ExportQuery) -> list[Any]:
    """`_conditions` with the category filter on whole rows: a split row counts when one
    of its parts is in the categories (accounts, dates and currencies a filter reaches)."""
    conditions = _conditions(query)
    category = _category(query)
    if category is not None:
        conditions.append(category(Transaction.category_id) | lines.split_in(category))
    return conditions


def _lines(query: ExportQuery, *columns: Any) -> Any:
    """The category lines `query` exports, with `columns` of their transaction."""
    return lines.category_lines(*_conditions(query), category=_category(query), columns=columns)


class ExportsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def stream(self, query: ExportQuery, *, batch: int = STREAM_BATCH) -> Iterator[ExportRow]:
        """Matching lines oldest first (a split's parts in order), fetched `batch` rows at
        a time."""
        parent = aliased(Category)
        counter = aliased(Account)
        line = _lines(
            query,
            Transaction.description.label("description"),
            Transaction.note.label("note"),
            movements.movement().label("movement"),
            Transaction.counter_account_id.label("counter_account_id"),
            Transaction.counter_amount_minor.label("counter_amount_minor"),
            Transaction.status.label("status"),
            Transaction.payee_id.label("payee_id"),
            _tag_names(self.session.get_bind().dialect.name).label("tags"),
        )
        statement = (
            select(
                line.c.id,
                line.c.date,
                line.c.kind,
                line.c.amount_minor,
                line.c.currency,
                Category.name,
                parent.name,
                Account.name,
                Account.type,
                line.c.description,
                line.c.note,
                line.c.movement,
                counter.name,
                counter.type,
                line.c.counter_amount_minor,
                counter.currency,
                line.c.status,
                Payee.name,
                line.c.tags,
                line.c.part,
                line.c.part_note,
            )
            .select_from(line)
            .outerjoin(Category, Category.id == line.c.category_id)
            .outerjoin(parent, parent.id == Category.parent_id)
            .outerjoin(Account, Account.id == line.c.payment_method_id)
            .outerjoin(counter, counter.id == line.c.counter_account_id)
            .outerjoin(Payee, Payee.id == line.c.payee_id)
            .order_by(line.c.date, line.c.id, line.c.part)
        )
        result = self.session.execute(
            statement, execution_options={"yield_per": batch, "stream_results": True}
        )
        for row in result:
            yield ExportRow(
                id=row[0],
                date=row[1],
                kind=row[2],
                amount=from_minor(row[3], row[4]),
                currency=row[4],
                category=row[5],
                parent_category=row[6],
                payment_method=row[7],
                payment_method_type=row[8],
                description=row[9],
                note=row[10],
                movement=row[11],
                counter_account=row[12],
                counter_account_type=row[13],
                counter_amount=(
                    from_minor(row[14], row[15]) if row[14] is not None and row[15] else None
                ),
                counter_currency=row[15],
                status=row[16],
                payee=row[17],
                tags=tuple(row[18].split(TAG_SEPARATOR)) if row[18] else (),
                part=row[19],
                part_note=row[20],
            )

    def flat_rows(self, query: ExportQuery, *, batch: int = STREAM_BATCH) -> Iterator[FlatRow]:
        """The CSV export's columns as the database gives them, oldest first, streamed.

        (id, ISO date text, kind, amount_minor, currency, category, account, description,
        note, movement, counter account, counter amount_minor, counter currency, payee,
        tags joined by TAG_SEPARATOR, part, part note): no
        Decimal, no date object and no dataclass per row, which is most of what a
        million-row CSV costs in Python. The date is text in SQL:
        `to_char` on PostgreSQL (whatever its DateStyle), the stored ISO text on SQLite.
        """
        dialect = self.session.get_bind().dialect.name
        line = _lines(query, *_flat_columns(dialect))
        if dialect == "postgresql":
            day: Any = func.to_char(line.c.date, "YYYY-MM-DD")
        else:
            day = type_coerce(line.c.date, String)
        counter = aliased(Account)
        statement = (
            select(
                line.c.id,
                day,
                line.c.kind,
                line.c.amount_minor,
                line.c.currency,
                Category.name,
                Account.name,
                line.c.description,
                line.c.note,
                line.c.movement,
                counter.name,
                line.c.counter_amount_minor,
                counter.currency,
                Payee.name,
                line.c.tags,
                line.c.part,
                line.c.part_note,
            )
            .select_from(line)
            .outerjoin(Category, Category.id == line.c.category_id)
            .outerjoin(Account, Account.id == line.c.payment_method_id)
            .outerjoin(counter, counter.id == line.c.counter_account_id)
            .outerjoin(Payee, Payee.id == line.c.payee_id)
            .order_by(line.c.date, line.c.id, line.c.part)
        )
        connection = self.session.connection()
        result = connection.execution_options(yield_per=batch, stream_results=True).execute(
            statement
        )
        for partition in result.partitions():
            yield from partition

    def totals(self, query: ExportQuery) -> list[tuple[str, str, int, int]]:
        """(currency, movement, transactions, minor units) per group of what `query`
        exports (a split transaction once, its parts' lines summed): the export summary
        counts by the one definition of income, expense and transfer."""
        line = _lines(query, movements.movement().label("movement"))
        rows = self.session.execute(
            select(
                line.c.currency,
                line.c.movement,
                func.count(line.c.id.distinct()),
                func.sum(line.c.amount_minor),
            ).group_by(line.c.currency, line.c.movement)
        ).all()
        return [(row[0], row[1], int(row[2]), int(row[3] or 0)) for row in rows]

    def copy_csv(
        self, query: ExportQuery, header: bytes, write: Callable[[bytes], object]
    ) -> list[tuple[str, str, int, int]] | None:
        """PostgreSQL: the CSV export written by `COPY (SELECT ...) TO STDOUT`, at COPY's rate.

        The SELECT formats every cell as the Python writer would (amounts from minor units,
        ISO dates, formula-looking text neutralised with an apostrophe, empty text as NULL
        so COPY leaves it unquoted); COPY quotes exactly where `csv.writer` does for these
        seventeen columns (tags hold no character either quotes). Returns (currency,
        movement, rows, minor units) per group, from the same
        REPEATABLE READ snapshot as the rows, on a connection of its own; or None, having
        written nothing, when a text cell is one whose neutralisation only Python decides
        exactly (a sign followed by spaces, underscores or non-ASCII, or a leading tab or
        carriage return): the caller then writes the export in Python.
        """
        engine = self.session.get_bind()
        with engine.connect().execution_options(  # type: ignore[union-attr]
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        ) as connection:
            line = _lines(query, *_flat_columns("postgresql"))
            texts = (Category.name, Account.name, line.c.description, line.c.note)
            names = union_all(
                select(Category.name).where(Category.workspace_id == query.workspace_id),
                select(Account.name).where(Account.workspace_id == query.workspace_id),
                select(Payee.name).where(Payee.workspace_id == query.workspace_id),
            ).subquery()
            if connection.scalar(select(exists().where(_needs_python(names.c.name)))):
                return None
            groups = connection.execute(
                select(
                    line.c.currency,
                    line.c.movement,
                    func.count(line.c.id.distinct()),
                    func.sum(line.c.amount_minor),
                    func.bool_or(
                        _needs_python(line.c.description)
                        | _needs_python(line.c.note)
                        | _needs_python(line.c.part_note)
                    ),
                ).group_by(line.c.currency, line.c.movement)
            ).all()
            if any(row[4] for row in groups):
                return None
            totals = [(row[0], row[1], int(row[2]), int(row[3])) for row in groups]
            counter = aliased(Account)
            held = connection.scalars(
                select(Account.currency)
                .distinct()
                .where(Account.workspace_id == query.workspace_id)
            ).all()
            statement = (
                select(
                    line.c.id,
                    cast(line.c.date, String),  # ISO: DateStyle is set below
                    line.c.kind,
                    _amount_text(line, {currency for currency, *_ in totals}),
                    line.c.currency,
                    *(func.nullif(_neutralised(column), "") for column in texts),
                    line.c.movement,
                    _neutralised(counter.name),
                    cast(
                        _scaled(line.c.counter_amount_minor, counter.currency, set(held)),
                        String,
                    ),
                    counter.currency,
                    func.nullif(_neutralised(Payee.name), ""),
                    line.c.tags,
                    func.nullif(line.c.part, 0),
                    func.nullif(_neutralised(line.c.part_note), ""),
                )
                .select_from(line)
                .outerjoin(Category, Category.id == line.c.category_id)
                .outerjoin(Account, Account.id == line.c.payment_method_id)
                .outerjoin(counter, counter.id == line.c.counter_account_id)
                .outerjoin(Payee, Payee.id == line.c.payee_id)
                .order_by(line.c.date, line.c.id, line.c.part)
            )
            compiled = statement.compile(
                dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
            )
            connection.exec_driver_sql("SET LOCAL DateStyle = 'ISO'")
            write(header)
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with cursor.copy(
                f"COPY ({compiled}) TO STDOUT (FORMAT csv, ENCODING 'UTF8')", compiled.params
            ) as copy:
                for chunk in copy:
                    write(chunk)
            return totals

    def account_names(self, query: ExportQuery) -> AccountNames:
        """The workspace's categories and accounts, and the currencies the filter reaches.

        Each account comes with the date a journal opens it on: its opening date, or its
        first row the filter reaches when that is earlier.
        """
        parent = aliased(Category)
        categories = self.session.execute(
            select(Category.kind, parent.name, Category.name)
            .outerjoin(parent, parent.id == Category.parent_id)
            .where(Category.workspace_id == query.workspace_id)
            .order_by(Category.id)
        ).all()
        conditions = _row_conditions(query)
        legs = union_all(
            select(Transaction.payment_method_id.label("account_id"), Transaction.date).where(
                *conditions, Transaction.payment_method_id.is_not(None)
            ),
            select(Transaction.counter_account_id.label("account_id"), Transaction.date).where(
                *conditions, Transaction.counter_account_id.is_not(None)
            ),
        ).subquery("legs")
        firsts = (
            select(legs.c.account_id, func.min(legs.c.date).label("first"))
            .group_by(legs.c.account_id)
            .subquery("firsts")
        )
        rows = self.session.execute(
            select(
                Account.id,
                Account.name,
                Account.type,
                Account.currency,
                Account.opening_balance_minor,
                Account.opening_date,
                firsts.c.first,
            )
            .outerjoin(firsts, firsts.c.account_id == Account.id)
            .where(Account.workspace_id == query.workspace_id)
            .order_by(Account.id)
        ).all()
        currencies = set(
            self.session.scalars(select(Transaction.currency).distinct().where(*conditions))
        )
        counter = aliased(Account)
        currencies.update(
            self.session.scalars(
                select(counter.currency)
                .distinct()
                .join(Transaction, Transaction.counter_account_id == counter.id)
                .where(*conditions)
            )
        )
        accounts = []
        for account_id, name, type_, currency, opening_minor, opening_date, first in rows:
            opening = opening_minor != 0 and _opening_in(query, account_id, opening_date)
            if opening:
                currencies.add(currency)
            accounts.append(
                LedgerAccount(
                    name=name,
                    type=type_,
                    currency=currency,
                    opening_balance=from_minor(opening_minor if opening else 0, currency),
                    opening_date=opening_date,
                    first_date=min(opening_date, first) if first else opening_date,
                )
            )
        firsts_seen = [a.first_date for a in accounts]
        first_row = self.session.scalar(select(func.min(Transaction.date)).where(*conditions))
        if first_row is not None:
            firsts_seen.append(first_row)
        tags = self.session.scalars(
            select(Tag.name).where(Tag.workspace_id == query.workspace_id).order_by(Tag.name_key)
        ).all()
        return AccountNames(
            tags=tuple(tags),
            expense_categories=tuple((p, n) for k, p, n in categories if k == "expense"),
            income_categories=tuple((p, n) for k, p, n in categories if k == "income"),
            methods=tuple((a.name, a.type) for a in accounts),
            currencies=tuple(sorted(currencies)),
            accounts=tuple(accounts),
            first_date=min(firsts_seen) if firsts_seen else None,
        )


def _opening_in(query: ExportQuery, account_id: int, day: date) -> bool:
    """An opening balance is written when its date is inside the exported dates, for the
    account filtered on (or every account), and no filter on rows' own fields is set."""
    if query.date_from is not None and day < query.date_from:
        return False
    if query.date_to is not None and day > query.date_to:
        return False
    return query.covers(account_id)


_SIGNS = ("+", "-")
_ASCII_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,6})?$"


def _needs_python(column: Any) -> Any:
    """Text whose "is it a plain number?" answer Decimal gives and a regex might not."""
    first = func.left(column, 1)
    odd = column.regexp_match("[^!-~]|_") | column.regexp_match("[eE][+-]?[0-9]{7}")
    return first.in_(("\t", "\r")) | (first.in_(_SIGNS) & odd)


def _neutralised(column: Any) -> Any:
    """cells.neutralise in SQL, for text `_needs_python` let through: an apostrophe first
    when it starts like a formula and is not a plain ASCII number."""
    risky = func.left(column, 1).in_(FORMULA_START) & ~func.coalesce(
        column.regexp_match(_ASCII_NUMBER), False
    )
    return case((risky, literal("'") + column), else_=column)


def _scaled(minor: Any, currency: Any, currencies: set[str]) -> Any:
    """Minor units as the Decimal amount `str(Decimal)` prints: times 10^-places, exact
    (PostgreSQL's numeric keeps the scale of the factor, so 1234 * 0.01 prints 12.34)."""
    shapes = [
        (currency == code, minor * Decimal(1).scaleb(-places))
        for code in sorted(currencies)
        if (places := exponent(code))
    ]
    return case(*shapes, else_=cast(minor, Numeric)) if shapes else cast(minor, Numeric)


def _flat_columns(dialect: str) -> tuple[Any, ...]:
    """The transaction's columns a CSV line carries beside its category line's."""
    return (
        Transaction.description.label("description"),
        Transaction.note.label("note"),
        movements.movement().label("movement"),
        Transaction.counter_account_id.label("counter_account_id"),
        Transaction.counter_amount_minor.label("counter_amount_minor"),
        Transaction.payee_id.label("payee_id"),
        _tag_names(dialect).label("tags"),
    )


def _amount_text(line: Any, currencies: set[str]) -> Any:
    """The signed amount of a line: negative for expenses and for what a transfer takes
    out."""
    amount = _scaled(line.c.amount_minor, line.c.currency, currencies)
    leaves = line.c.kind.in_(("expense", "transfer"))
    return cast(case((leaves, -amount), else_=amount), String)
