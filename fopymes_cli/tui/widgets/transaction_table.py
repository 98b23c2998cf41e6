"""The ledger table: rows arrive a page at a time, and it asks for more near the bottom.

It never holds more than the pages a person has scrolled through, so a million-row
workspace opens as fast as a hundred-row one: the screen fetches one keyset page
(`transactions.service.list_transactions`) and appends the next when the cursor or the
scroll position comes within a few rows of the end. Sorting by a column reorders what is
loaded; totals are of what is loaded, as the status line says.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from enum import StrEnum
from typing import Any

from textual.message import Message
from textual.widgets import DataTable

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import plain, signed, where
from fopymes_cli.tui.widgets.fitted_table import Cell, Col
from fopymes_cli.tui.widgets.paged_table import PagedTable
from fopymes_server.transactions.schemas import CurrencyTotals, Kind, TransactionOut


class SortKey(StrEnum):
    DATE = "date"
    DESCRIPTION = "description"
    CATEGORY = "category"
    METHOD = "method"
    AMOUNT = "amount"


def _sort_value(item: TransactionOut, key: SortKey) -> Any:
    if key is SortKey.DATE:
        return (item.date, item.id)
    if key is SortKey.AMOUNT:
        return (item.amount if item.kind is Kind.INCOME else -item.amount, item.id)
    text = {
        SortKey.DESCRIPTION: item.description,
        SortKey.CATEGORY: where(item).plain,
        SortKey.METHOD: item.payment_method,
    }[key]
    return ((text or "").casefold(), item.id)


COLUMNS = (
    Col("Date", 10, key=SortKey.DATE),
    Col("Description", 20, Fit.SHRINK, key=SortKey.DESCRIPTION),
    Col("Category", 8, key=SortKey.CATEGORY),
    Col("Method", 8, optional=True, key=SortKey.METHOD),
    Col("Amount", 12, right=True, key=SortKey.AMOUNT),
)
"""The description gives way first at 80 columns, then the method; the amount never."""


def _cells(item: TransactionOut) -> tuple[str, tuple[Cell, ...]]:
    return (
        str(item.id),
        (
            item.date.isoformat(),
            plain(item.description),
            where(item),
            plain(item.payment_method),
            signed(item.amount, item.currency, item.kind),
        ),
    )


class TransactionTable(PagedTable):
    """Loaded transactions, newest first unless a column header asked for another order."""

    class Sorted(Message):
        """The loaded rows were put in another order."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id)
        self.items: dict[int, TransactionOut] = {}
        self.sort_key = SortKey.DATE
        self.descending = True
        self._totals: dict[str, dict[str, Decimal]] = {}
        self._counts: dict[str, int] = defaultdict(int)

    def reset(self) -> None:
        """Forget every loaded row (new filters, another workspace, a change elsewhere)."""
        self.items.clear()
        self._totals = {}
        self._counts = defaultdict(int)
        self.fill([])

    def append(self, items: list[TransactionOut], totals: list[CurrencyTotals]) -> None:
        """Add a page below what is loaded, and its totals to the running totals."""
        for item in items:
            self.items[item.id] = item
        for total in totals:
            sums = self._totals.setdefault(
                total.currency, {"income": Decimal(0), "expense": Decimal(0)}
            )
            sums["income"] += total.income
            sums["expense"] += total.expense
            self._counts[total.currency] += total.count
        if self.sort_key is SortKey.DATE and self.descending:
            self.extend([_cells(item) for item in items])
        else:
            self._redraw()

    def _redraw(self) -> None:
        ordered = sorted(
            self.items.values(),
            key=lambda item: _sort_value(item, self.sort_key),
            reverse=self.descending,
        )
        self.fill([_cells(item) for item in ordered])

    def sort_by(self, key: SortKey) -> None:
        """Order the loaded rows by `key`; choosing the same column again flips the order."""
        if key is self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key = key
            self.descending = key in (SortKey.DATE, SortKey.AMOUNT)
        self._redraw()
        self.post_message(self.Sorted())

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(SortKey(str(event.column_key.value)))

    @property
    def selected(self) -> TransactionOut | None:
        """The transaction under the cursor, if any."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return self.items.get(int(str(key.value)))

    def totals(self) -> list[CurrencyTotals]:
        """Income, expense and net per currency of every loaded row."""
        return [
            CurrencyTotals(
                currency=currency,
                income=sums["income"],
                expense=sums["expense"],
                net=sums["income"] - sums["expense"],
                count=self._counts[currency],
            )
            for currency, sums in sorted(self._totals.items())
        ]
