"""Excel renderer: Summary, Balances, By category, Budgets, Goals, Debts, Trend, Net worth
and Transactions sheets.

Numbers are real numbers with formats (money with the currency's decimals and negatives in
red, percentages, dates), every table has a frozen header row, an autofilter and fitted
column widths. Every section with a chart in the PDF has a native one beside its table
(expenses and income by category, budgets spent against limit, the monthly trend, net
worth at each month end). The Transactions sheet lists every movement of the period with
its kind (income, expense, transfer), account and counter-account.
Amounts carry their currency's format: the workspace's, named in the header, or each
row's own beside a Currency column; balances, transfers and net worth, where currencies
sit side by side, name the currency in the cell's format too (`1,234.56 EUR`). The
workbook is written in openpyxl's write-only mode so the Transactions sheet can stream a
whole year of rows; openpyxl is imported inside `render` only. User text never becomes a
formula (neutralised and typed as string, see exports.tabular.text_cell)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from fopymes_server.core.money import from_minor
from fopymes_server.exports.tabular import money_format, start_sheet, text_cell
from fopymes_server.reports.schemas import ReportData
from fopymes_server.reports.tables import Cell, Table, build_tables, category_name

if TYPE_CHECKING:
    from fopymes_server.reports.repository import MovementRow

SHEETS = (
    ("Summary", ("summary", "payment_methods", "other_currencies")),
    ("Balances", ("balances", "transfers")),
    ("By category", ("expenses_by_category", "income_by_category")),
    ("Budgets", ("budgets",)),
    ("Goals", ("goals",)),
    ("Debts", ("debts",)),
    ("Trend", ("trend", "daily", "largest_expenses")),
    ("Net worth", ("networth",)),
)
TRANSACTION_HEADER = (
    "ID",
    "Date",
    "Kind",
    "Amount",
    "Currency",
    "Description",
    "Category",
    "Account",
    "Counter-account",
)
"""The Transactions sheet: kind is income, expense or transfer; amounts are signed as
they changed the account (income in, expenses and transfers out)."""
TRANSACTION_WIDTHS = (8, 12, 10, 14, 9, 40, 24, 20, 20)
_FORMATS = {Cell.FRACTION: "0.0%", Cell.DATE: "yyyy-mm-dd", Cell.COUNT: "0"}
NAMED_CURRENCY = frozenset({"balances", "transfers", "networth"})
"""Tables of several currencies side by side: each amount's format names its currency, so
an opening or closing balance reads `1,234.56 EUR` and stays a number."""
_MAX_WIDTH = 50


def _widths(tables: list[Table]) -> list[int]:
    widths: list[int] = []
    for table in tables:
        for index, column in enumerate(table.columns):
            longest = max(
                [len(column.header), *(len(str(row[index] or "")) for row in table.rows[:200])]
            )
            if index >= len(widths):
                widths.append(0)
            widths[index] = min(_MAX_WIDTH, max(widths[index], longest + 2, 10))
    return widths


def _cell(sheet: Any, column_cell: Cell, value: Any, money: str, kind: str | None = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    cell_type = Cell(kind) if kind else column_cell
    if cell_type is Cell.TEXT:
        return text_cell(sheet, str(value))
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = money if cell_type is Cell.MONEY else _FORMATS[cell_type]
    return cell


def _write_tables(sheet: Any, tables: list[Table], currency: str) -> list[tuple[Table, int]]:
    """Tables one under another; returns each table's header row number (1-based)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(_widths(tables), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold, row_number, placed = Font(bold=True), 1, []
    money = money_format(currency)
    for table in tables:
        if row_number > 1:
            title = WriteOnlyCell(sheet, value=table.title)
            title.font = bold
            sheet.append([None])
            sheet.append([title])
            row_number += 2
        keys = [column.key for column in table.columns]
        # A table with a currency column holds each row's amounts in that row's currency.
        own = keys.index("currency") if "currency" in keys else None
        header = []
        for column in table.columns:
            title = column.header
            if column.cell is Cell.MONEY and own is None:
                title = f"{title} ({currency})"
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        placed.append((table, row_number))
        for row in table.rows:
            kind = row[1] if table.name == "summary" else None
            row_money = (
                money
                if own is None
                else money_format(str(row[own]), named=table.name in NAMED_CURRENCY)
            )
            sheet.append(
                [
                    _cell(
                        sheet,
                        column.cell,
                        value,
                        row_money,
                        kind if column.key in ("value", "previous") else None,
                    )
                    for column, value in zip(table.columns, row, strict=True)
                ]
            )
        row_number += len(table.rows) + 1
        if table.note:
            sheet.append([text_cell(sheet, table.note)])
            row_number += 1
    first, header_row = placed[0]
    sheet.auto_filter.ref = (
        f"A{header_row}:{get_column_letter(len(first.columns))}{header_row + len(first.rows)}"
    )
    return placed


def _bar_chart(
    sheet: Any, table: Table, header_row: int, series: tuple[int, ...], anchor: str
) -> None:
    """Horizontal bars of `series` (1-based columns) against the first column's names;
    a category table charts its top categories only (rows without a parent)."""
    from openpyxl.chart import BarChart, Reference

    rows = [i for i, row in enumerate(table.rows) if table.name == "budgets" or not row[1]]
    if not rows:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = table.title
    chart.height, chart.width = 6 + len(rows) * 0.5 * len(series), 16
    chart.x_axis.title = table.columns[0].header
    chart.y_axis.title = "Amount"
    last = header_row + max(rows) + 1
    for column in series:
        chart.add_data(
            Reference(sheet, min_col=column, min_row=header_row, max_row=last),
            titles_from_data=True,
        )
    if len(series) == 1:
        chart.legend = None
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
    sheet.add_chart(chart, anchor)


def _line_chart(
    sheet: Any,
    table: Table,
    header_row: int,
    anchor: str,
    *,
    columns: tuple[int, int],
    x: str,
    y: str,
) -> None:
    """Columns `columns` (first, last) of `table` as lines over its first column."""
    from openpyxl.chart import LineChart, Reference

    if not table.rows:
        return
    chart = LineChart()
    chart.title = table.title
    chart.height, chart.width = 8, 18
    chart.x_axis.title = x
    chart.y_axis.title = y
    last = header_row + len(table.rows)
    first_col, last_col = columns
    chart.add_data(
        Reference(sheet, min_col=first_col, max_col=last_col, min_row=header_row, max_row=last),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
    sheet.add_chart(chart, anchor)


def _transactions(sheet: Any, rows: Iterable[MovementRow]) -> int:
    """Every movement of the period, streamed; returns the number of rows written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    start_sheet(sheet, TRANSACTION_HEADER, TRANSACTION_WIDTHS)
    formats: dict[str, str] = {}
    count = 0
    for row in rows:
        day = WriteOnlyCell(sheet, value=row.date)
        day.number_format = "yyyy-mm-dd"
        amount = WriteOnlyCell(sheet, value=from_minor(row.signed_minor, row.currency))
        amount.number_format = formats.setdefault(row.currency, money_format(row.currency))
        sheet.append(
            (
                row.id,
                day,
                row.movement,
                amount,
                row.currency,
                text_cell(sheet, row.description),
                text_cell(sheet, category_name(row)),
                text_cell(sheet, row.account),
                text_cell(sheet, row.counter_account),
            )
        )
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(TRANSACTION_HEADER))}{count + 1}"
    return count


def _charts(sheet: Any, placed: list[tuple[Table, int]]) -> None:
    """The chart of every section that has one in the PDF (pdf_charts.CHARTED)."""
    from openpyxl.utils import get_column_letter

    for table, header_row in placed:
        right = f"{get_column_letter(len(table.columns) + 2)}{header_row}"
        if table.name in ("expenses_by_category", "income_by_category"):
            _bar_chart(sheet, table, header_row, (3,), right)
        elif table.name == "budgets":
            _bar_chart(sheet, table, header_row, (5, 6), right)
        elif table.name == "trend":
            _line_chart(sheet, table, header_row, right, columns=(2, 3), x="Month", y="Amount")
        elif table.name == "networth":
            _line_chart(
                sheet, table, header_row, right, columns=(5, 5), x="Month end", y="Net worth"
            )


def render(report: ReportData, out: IO[bytes], transactions: Iterable[MovementRow]) -> None:
    """Write the workbook to `out`; `transactions` are the period's rows, streamed."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    tables = build_tables(report)
    for title, names in SHEETS:
        sheet = workbook.create_sheet(title)
        _charts(sheet, _write_tables(sheet, [tables[name] for name in names], report.currency))
    _transactions(workbook.create_sheet("Transactions"), transactions)
    workbook.save(out)
