"""CSV and XLSX writers for streamed transaction rows (constant memory).

CSV goes through one `csv.writer` over a text wrapper of the output stream, fed with the
repository's flat rows (integer minor units, ISO date text); XLSX uses
openpyxl's write-only mode, which spools rows to a temporary file instead of building the
sheet in memory. openpyxl is imported inside `write_xlsx` only, so `fopymes tx list` never
loads it. Both neutralise user text (cells.py) and keep amounts numeric: signed, negative
for expenses and for what a transfer takes out of its account, in the row's currency.

Each row names its account (`payment_method`, the column the `fopymes` import profile
reads), its movement (income, expense or transfer, by the one rule of
`transactions.movements`) and, for a transfer between accounts, the account it reached with
the amount that arrived there, in that account's currency.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from fopymes_server.core.money import exponent
from fopymes_server.exports.cells import neutralise
from fopymes_server.exports.schemas import ExportRow

if TYPE_CHECKING:
    from fopymes_server.exports.repository import FlatRow

CSV_HEADER = (
    "id",
    "date",
    "kind",
    "amount",
    "currency",
    "category",
    "payment_method",
    "description",
    "note",
    "movement",
    "counter_account",
    "counter_amount",
    "counter_currency",
    "payee",
    "tags",
    "split",
    "split_note",
)
"""A split transaction is a line per part, each with the transaction's id and columns and
the part's category and amount; `split` numbers its parts (1, 2, ...; empty for one that
is not split) and `split_note` is the part's own note."""
XLSX_HEADER = (
    "ID",
    "Date",
    "Kind",
    "Amount",
    "Currency",
    "Category",
    "Account",
    "Description",
    "Note",
    "Movement",
    "Counter-account",
    "Counter amount",
    "Counter currency",
    "Payee",
    "Tags",
    "Split",
    "Split note",
)
"""The `export transactions` sheet: the stored row, then movement and counter-account, the
payee and tags, then which part of a split transaction the line is (as the CSV's `split`,
`split_note`)."""
XLSX_WIDTHS = (9, 12, 9, 14, 9, 22, 18, 40, 30, 10, 18, 14, 9, 22, 22, 7, 30)
LEAVING = frozenset({"expense", "transfer"})
"""Stored kinds whose amount leaves the row's account (written negative)."""


def signed(row: ExportRow) -> Decimal:
    """The amount with its direction: expenses and transfers out negative, incomes positive."""
    return -row.amount if row.kind in LEAVING else row.amount


def money_format(currency: str, *, named: bool = False) -> str:
    """An Excel number format with the currency's decimals and negatives in red; `named`
    shows the ISO code after the number too (`-1,234.56 EUR`)."""
    places = exponent(currency)
    digits = "#,##0" + ("." + "0" * places if places else "")
    if named:
        digits += f' "{currency}"'
    return f"{digits};[Red]-{digits}"


def amount_text(minor: int, places: int, *, expense: bool) -> str:
    """`str()` of the signed Decimal amount, from integer minor units without a Decimal.

    Exactly what `str(signed(row))` prints (`-12.50`, `1200`, `-0.000`): digits, then
    `places` decimals if the currency has any; expenses negative.
    """
    negative = (minor < 0) != expense
    minor = abs(minor)
    if places:
        whole, fraction = divmod(minor, _SCALES[places])
        digits = f"{whole}.{fraction:0{places}d}"
    else:
        digits = str(minor)
    return "-" + digits if negative else digits


_SCALES = {places: 10**places for places in range(1, 10)}


def _csv_records(rows: Iterable[FlatRow]) -> Iterator[tuple[object, ...]]:
    places: dict[str, int] = {}
    for (
        tx_id,
        day,
        kind,
        minor,
        currency,
        category,
        method,
        description,
        note,
        movement,
        counter,
        counter_minor,
        counter_currency,
        payee,
        tags,
        part,
        part_note,
    ) in rows:
        exp = places.get(currency)
        if exp is None:
            exp = places[currency] = exponent(currency)
        arrived = ""
        if counter_minor is not None and counter_currency:
            counter_exp = places.get(counter_currency)
            if counter_exp is None:
                counter_exp = places[counter_currency] = exponent(counter_currency)
            arrived = amount_text(counter_minor, counter_exp, expense=False)
        yield (
            tx_id,
            day,
            kind,
            amount_text(minor, exp, expense=kind in LEAVING),
            currency,
            neutralise(category) if category else "",
            neutralise(method) if method else "",
            neutralise(description),
            neutralise(note) if note else "",
            movement,
            neutralise(counter) if counter else "",
            arrived,
            counter_currency or "",
            neutralise(payee) if payee else "",
            tags or "",
            part or "",
            neutralise(part_note) if part_note else "",
        )


def csv_header() -> bytes:
    """The header line exactly as `write_csv` writes it (for PostgreSQL's COPY path)."""
    return (",".join(CSV_HEADER) + "\n").encode()


def write_csv(rows: Iterable[FlatRow], out: IO[bytes]) -> None:
    """UTF-8 CSV with a header row; `out` is left open (the caller owns it).

    One generator from the database cursor to `csv.writer.writerows`: amounts formatted
    from minor units, dates as the database's ISO text, only the four text cells
    neutralised.
    """
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
    try:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerows(_csv_records(rows))
        text.flush()
    finally:
        text.detach()


def write_xlsx(rows: Iterable[ExportRow], out: IO[bytes], *, title: str = "Transactions") -> None:
    """One sheet of transactions: frozen header, autofilter, widths, real number formats."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    append_transactions(sheet, rows)
    workbook.save(out)


def start_sheet(sheet: Any, titles: Sequence[str], widths: Sequence[int]) -> None:
    """Column widths, a frozen bold header row: how every transactions sheet begins (the
    export's and the report workbook's)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in titles:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)


def append_transactions(sheet: Any, rows: Iterable[ExportRow]) -> int:
    """Fill a write-only sheet with a header and `rows`; returns the number of rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    start_sheet(sheet, XLSX_HEADER, XLSX_WIDTHS)
    formats: dict[str, str] = {}
    count = 0
    for row in rows:
        day = WriteOnlyCell(sheet, value=row.date)
        day.number_format = "yyyy-mm-dd"
        amount = WriteOnlyCell(sheet, value=signed(row))
        amount.number_format = formats.setdefault(row.currency, money_format(row.currency))
        arrived = None
        if row.counter_amount is not None and row.counter_currency:
            arrived = WriteOnlyCell(sheet, value=row.counter_amount)
            arrived.number_format = formats.setdefault(
                row.counter_currency, money_format(row.counter_currency)
            )
        cells = (
            row.id,
            day,
            row.kind,
            amount,
            row.currency,
            text_cell(sheet, row.category),
            text_cell(sheet, row.payment_method),
            text_cell(sheet, row.description),
            text_cell(sheet, row.note),
            row.movement,
            text_cell(sheet, row.counter_account),
            arrived,
            row.counter_currency,
            text_cell(sheet, row.payee),
            " ".join(row.tags) or None,
            row.part or None,
            text_cell(sheet, row.part_note),
        )
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_HEADER))}{count + 1}"
    return count


def text_cell(sheet: Any, value: str | None) -> Any:
    """A cell value that is text whatever it says, never a formula.

    openpyxl turns a str starting with `=` into a formula cell; after `neutralise` no text
    starts with `=`, and one that somehow still did is written as an explicit string cell.
    Plain strings are returned as they are, because a WriteOnlyCell per text field would
    triple the time of a million-row sheet.
    """
    if value is None:
        return None
    safe = neutralise(value)
    if isinstance(safe, str) and safe.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=safe)
        cell.data_type = "s"
        return cell
    return safe
