"""Use case: export a workspace's transactions, any number of them, in constant memory.

`export_transactions` resolves the filter the way `tx list` does (names, sub-categories,
amount bounds in the workspace currency), then streams rows from the repository straight
into the chosen writer. Any member may export (it is a read); the filter is always scoped
to the principal's workspace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.exports import journal, tabular
from fopymes_server.exports.repository import ExportQuery
from fopymes_server.exports.schemas import (
    CurrencySums,
    ExportFormat,
    ExportRow,
    ExportSummary,
)
from fopymes_server.payment_methods import service as payment_methods
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
        payment_methods.resolve(uow, principal, filters.payment_method).id
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
    )


def _workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return accounts.current_workspace(uow, principal).currency


def stream_rows(uow: UnitOfWork, principal: Principal, query: ExportQuery) -> Iterator[ExportRow]:
    """Rows of `query` oldest first; the query must belong to the principal's workspace."""
    if query.workspace_id != principal.workspace_id:
        raise ValidationError("workspace", "an export reads the principal's workspace only")
    return uow.exports.stream(query)


class _Tally:
    """Counts rows and sums them per currency as they stream past (for the summary)."""

    def __init__(self) -> None:
        self.rows = 0
        self.sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))

    def watch(self, rows: Iterable[ExportRow]) -> Iterator[ExportRow]:
        for row in rows:
            self.rows += 1
            # Counted by movement: a transfer is written, but is neither income nor expense.
            self.sums[row.currency][row.movement] += row.amount
            yield row

    def result(self) -> list[CurrencySums]:
        return [
            CurrencySums(currency=c, income=s["income"], expense=s["expense"])
            for c, s in sorted(self.sums.items())
        ]


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
    rows = tally.watch(stream_rows(uow, principal, query))
    if fmt is ExportFormat.CSV:
        tabular.write_csv(rows, out)
    elif fmt is ExportFormat.XLSX:
        tabular.write_xlsx(rows, out)
    else:
        names = uow.exports.account_names(query)
        if fmt is ExportFormat.LEDGER:
            journal.write_ledger(rows, names, out)
        else:
            journal.write_beancount(rows, names, out)
    return ExportSummary(format=fmt, rows=tally.rows, sums=tally.result())
