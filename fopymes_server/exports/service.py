"""Use case: export a workspace's transactions, any number of them, in constant memory.

`export_transactions` resolves the filter the way `tx list` does (names, sub-categories,
amount bounds in the workspace currency), then streams rows from the repository straight
into the chosen writer. Any member may export (it is a read); the filter is always scoped
to the principal's workspace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import IO

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountBalance, BalanceSheet
from fopymes_server.categories import service as categories
from fopymes_server.core.dates import FIRST_DAY
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.exports import journal, tabular
from fopymes_server.exports.repository import ExportQuery
from fopymes_server.exports.schemas import (
    BalanceCheck,
    CarriedBalance,
    CurrencySums,
    ExportFormat,
    ExportRow,
    ExportSummary,
    JournalChecks,
)
from fopymes_server.identity import service as identity
from fopymes_server.reconciliations import service as reconciliations
from fopymes_server.transactions.schemas import TransactionFilter


def resolve_filter(
    uow: UnitOfWork, principal: Principal, filters: TransactionFilter | None
) -> ExportQuery:
    """The filter with names turned into ids and amounts into minor units.

    Raises ValidationError when `date_from` is after `date_to` or a bound is not an amount,
    NotFoundError for an unknown category or payment method (with close names).
    """
    filters = filters or TransactionFilter()
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError("from", "must not be after --to")
    family = (
        categories.family(uow, principal, filters.category)
        if filters.category is not None
        else None
    )
    method_id = (
        accounts.resolve(uow, principal, filters.payment_method).id
        if filters.payment_method is not None
        else None
    )
    currency = _workspace_currency(uow, principal)

    def bound(value: str | Decimal | None, field: str) -> int | None:
        if value is None:
            return None
        return to_minor(parse_amount(value, currency, field=field, allow_zero=True), currency)

    search = filters.search.strip() if filters.search and filters.search.strip() else None
    return ExportQuery(
        workspace_id=principal.workspace_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
        category_ids=family,
        payment_method_id=method_id,
        kind=filters.kind.value if filters.kind else None,
        search=search,
        min_minor=bound(filters.min_amount, "min"),
        max_minor=bound(filters.max_amount, "max"),
        uncategorised=filters.uncategorised,
        between_accounts=True,
    )


def _workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return identity.current_workspace(uow, principal).currency


def stream_rows(uow: UnitOfWork, principal: Principal, query: ExportQuery) -> Iterator[ExportRow]:
    """Rows of `query` oldest first; the query must belong to the principal's workspace."""
    _own_workspace(principal, query)
    return uow.exports.stream(query)


def _own_workspace(principal: Principal, query: ExportQuery) -> None:
    if query.workspace_id != principal.workspace_id:
        raise ValidationError("workspace", "an export reads the principal's workspace only")


class _Tally:
    """Counts rows and sums them per currency as they stream past (for the summary)."""

    def __init__(self) -> None:
        self.rows = 0
        self._last_id: int | None = None
        self.transfers = 0
        self.sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))

    def watch(self, rows: Iterable[ExportRow]) -> Iterator[ExportRow]:
        for row in rows:
            # A split transaction's parts stream together: it counts once.
            self.rows += row.id != self._last_id
            self._last_id = row.id
            # Counted by movement: a transfer is written, but is neither income nor expense.
            self.sums[row.currency][row.movement] += row.amount
            self.transfers += row.movement == "transfer"  # never split
            yield row

    def add_minor(self, totals: Iterable[tuple[str, str, int, int]]) -> None:
        """Counts and minor-unit sums per (currency, movement), as the database added them."""
        for currency, kind, rows, minor in totals:
            self.rows += rows
            self.sums[currency][kind] += from_minor(minor, currency)
            if kind == "transfer":
                self.transfers += rows

    def result(self) -> list[CurrencySums]:
        return [
            CurrencySums(
                currency=c, income=s["income"], expense=s["expense"], transfer=s["transfer"]
            )
            for c, s in sorted(self.sums.items())
        ]

    def summary(self, fmt: ExportFormat) -> ExportSummary:
        return ExportSummary(
            format=fmt, rows=self.rows, transfers=self.transfers, sums=self.result()
        )


def _write_csv(uow: UnitOfWork, query: ExportQuery, out: IO[bytes], tally: _Tally) -> None:
    """COPY on PostgreSQL (same bytes, several times the rate), the Python writer otherwise."""
    if uow.dialect == "postgresql":
        totals = uow.exports.copy_csv(query, tabular.csv_header(), out.write)
        if totals is not None:
            tally.add_minor(totals)
            return
    # The summary's sums come from one grouped statement in the same snapshot as the rows:
    # a flat row carries its kind, not whether a goal or debt makes it a transfer.
    tally.add_minor(uow.exports.totals(query))
    tabular.write_csv(uow.exports.flat_rows(query), out)


def export_transactions(
    uow: UnitOfWork,
    principal: Principal,
    *,
    fmt: ExportFormat,
    out: IO[bytes],
    filters: TransactionFilter | None = None,
) -> ExportSummary:
    """Write every transaction matching `filters` to `out` in `fmt`; return what was written.

    Memory does not grow with the number of rows. `out` is a binary stream the caller
    opens and closes (a temporary file renamed into place, or stdout). Failure modes are
    those of `resolve_filter`; a failure halfway leaves `out` partly written, which is why
    the CLI writes to a temporary file first.
    """
    query = resolve_filter(uow, principal, filters)
    tally = _Tally()
    if fmt is ExportFormat.CSV:
        _own_workspace(principal, query)
        _write_csv(uow, query, out, tally)
        return tally.summary(fmt)
    rows = tally.watch(stream_rows(uow, principal, query))
    if fmt is ExportFormat.XLSX:
        tabular.write_xlsx(rows, out)
    else:
        names = uow.exports.account_names(query)
        checks = journal_checks(uow, principal, query)
        if fmt is ExportFormat.LEDGER:
            journal.write_ledger(rows, names, out, checks)
        else:
            journal.write_beancount(rows, names, out, checks)
    return tally.summary(fmt)


def journal_checks(uow: UnitOfWork, principal: Principal, query: ExportQuery) -> JournalChecks:
    """Balances brought forward to the range's first day and the reconciliations inside
    the range, for each account whose every row the export holds (none when a filter on
    rows' own fields narrows it: its balances could not add up).

    A reconciliation agreed the cleared balance; the journal holds the lines still pending
    on that day too, and hledger, ledger and beancount count them in an assertion whatever
    their mark, so each assertion carries those lines' sum apart from the statement's.
    """
    _own_workspace(principal, query)
    if not query.whole_accounts:
        return JournalChecks()
    sheets: dict[date, BalanceSheet] = {}

    def sheet(day: date) -> BalanceSheet:
        if day not in sheets:
            sheets[day] = accounts.balance_sheet(uow, principal, on=day)
        return sheets[day]

    carried: list[CarriedBalance] = []
    if query.date_from is not None and query.date_from > FIRST_DAY:
        for line in sheet(query.date_from - timedelta(days=1)).accounts:
            if query.covers(line.account_id):
                carried.extend(_brought_forward(line, query.date_from))
    types = {
        account.id: account.type.value
        for account in accounts.list_methods(uow, principal, include_archived=True)
    }
    assertions = [
        BalanceCheck(
            name=done.account,
            type=types[done.account_id],
            currency=done.currency,
            on=done.on,
            statement=done.statement_balance,
            pending=_pending(sheet(done.on), done.account_id, done.currency),
        )
        for done in reconciliations.workspace_reconciliations(uow, principal)
        if _inside(query, done.on) and query.covers(done.account_id)
    ]
    return JournalChecks(carried=tuple(carried), assertions=tuple(assertions))


def _inside(query: ExportQuery, day: date) -> bool:
    return (query.date_from is None or day >= query.date_from) and (
        query.date_to is None or day <= query.date_to
    )


def _brought_forward(line: AccountBalance, day: date) -> list[CarriedBalance]:
    """The cleared part of a balance and the part still pending, each when not zero."""
    cleared = line.balance if line.cleared_balance is None else line.cleared_balance
    parts = ((cleared, False), (line.balance - cleared, True))
    return [
        CarriedBalance(
            name=line.name,
            type=line.type.value,
            currency=line.currency,
            amount=amount,
            date=day,
            pending=pending,
        )
        for amount, pending in parts
        if amount != 0
    ]


def _pending(sheet: BalanceSheet, account_id: int, currency: str) -> Decimal:
    """What the account's lines still pending on the sheet's day add up to."""
    for line in sheet.accounts:
        if line.account_id == account_id and line.currency == currency:
            cleared = line.balance if line.cleared_balance is None else line.cleared_balance
            return line.balance - cleared
    return Decimal(0)
