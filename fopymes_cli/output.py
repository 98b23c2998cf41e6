"""The only code that writes to the terminal.

stdout carries data alone (tables, JSON, CSV) so pipes and scripts can trust it; messages,
warnings, hints and prompts go to stderr. Rich is imported only when a table is drawn.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from fopymes_cli.table_fit import Fit

if TYPE_CHECKING:
    from pydantic import BaseModel


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@dataclass(frozen=True)
class Column:
    """One column of a table: the record key, its header, how to align and fit it.

    `fit` says what happens when the terminal is narrow (`table_fit`): None works it out
    (right-aligned columns and columns of numbers or dates are never cut, text wraps);
    `Fit.SHRINK` marks the description that gives way first, `Fit.KEEP` a text column
    that must not be cut (a period). `optional` columns are dropped when even then the
    table does not fit, the last one first.
    """

    key: str
    header: str
    justify: str = "left"
    style: str | None = None
    fit: Fit | None = None
    optional: bool = False


def _plain(value: Any) -> Any:
    """JSON-ready form: Decimal as an exact string, dates ISO, enums by value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def emit_records(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    empty: str = "Nothing found.",
    footer: Callable[[], None] | None = None,
) -> None:
    """Write records as a table, a JSON array or CSV to stdout.

    JSON and CSV carry every key of the records (not only the table's columns) so that
    machines get the full stable shape; an empty result is `[]` or a header-only CSV.
    """
    if fmt is OutputFormat.JSON:
        json.dump([_plain(dict(r)) for r in records], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if fmt is OutputFormat.CSV:
        keys = list(records[0].keys()) if records else [c.key for c in columns]
        writer = csv.DictWriter(sys.stdout, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: _csv_cell(_plain(record.get(k))) for k in keys})
        return
    if not records:
        message(empty)
        return
    console = _stdout()
    console.print(_fitted_table(records, columns, title, console.width))
    if footer is not None:
        footer()


def contract_fields(schema: type[BaseModel]) -> list[str]:
    """The ordered keys of `schema`'s JSON: the header of `-o csv`, even with no rows."""
    return [*schema.model_fields, *schema.model_computed_fields]


def emit_models(
    items: Sequence[BaseModel],
    schema: type[BaseModel],
    columns: Sequence[Column],
    fmt: OutputFormat,
    *,
    table_record: Callable[[Any], Mapping[str, Any]] | None = None,
    title: str | None = None,
    empty: str = "Nothing found.",
    footer: Callable[[], None] | None = None,
) -> None:
    """Write service schemas: `-o json`/`-o csv` are exactly their `model_dump(mode="json")`
    (the API's JSON of the same objects), the table is `table_record(item)` for people.

    The CSV header is the schema's field list, so an empty result has the same columns.
    """
    if fmt is OutputFormat.JSON:
        _write_json([item.model_dump(mode="json") for item in items])
        return
    if fmt is OutputFormat.CSV:
        keys = contract_fields(schema)
        writer = csv.DictWriter(sys.stdout, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for item in items:
            row = item.model_dump(mode="json")
            writer.writerow({k: _csv_cell(_csv_value(row.get(k))) for k in keys})
        return
    to_record = table_record or (lambda item: item.model_dump())
    emit_records(
        [to_record(item) for item in items], columns, fmt, title=title, empty=empty, footer=footer
    )


def emit_model(
    item: BaseModel,
    fmt: OutputFormat,
    *,
    title: str | None = None,
    table_record: Callable[[Any], Mapping[str, Any]] | None = None,
) -> None:
    """One schema: its `model_dump(mode="json")` for JSON (the API's body), one CSV row,
    or a two-column table of `table_record(item)` (default: every field) for people."""
    if fmt is OutputFormat.JSON:
        _write_json(item.model_dump(mode="json"))
        return
    if fmt is OutputFormat.CSV:
        emit_models([item], type(item), [], fmt)
        return
    emit_object(table_record(item) if table_record else item.model_dump(), fmt, title=title)


def _write_json(document: Any) -> None:
    # One write of the whole text: json.dump writes each token on its own, which for a
    # preview of 100,000 changes is millions of writes and most of the command's time.
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _csv_value(value: Any) -> Any:
    """A nested list or object in one CSV cell is its compact JSON."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _fit_of(column: Column, values: list[Any], cells: list[str]) -> Fit:
    """The column's own rule, else KEEP for numbers, dates and statuses, else WRAP."""
    from fopymes_cli.table_fit import is_number

    if column.fit is not None:
        return column.fit
    present = [v for v in values if v is not None and v != ""]
    typed = (Decimal, int, StrEnum, date)
    if column.justify == "right" or all(isinstance(v, typed) for v in present):
        return Fit.KEEP
    return Fit.KEEP if all(is_number(c) for c in cells if c) else Fit.WRAP


def _fitted_table(
    records: Sequence[Mapping[str, Any]], columns: Sequence[Column], title: str | None, width: int
) -> Any:
    """A rich table laid out for `width` cells by `table_fit.lay_out`."""
    from rich.table import Table
    from rich.text import Text

    from fopymes_cli.table_fit import align_decimals, is_number, lay_out

    values = [[record.get(c.key) for record in records] for c in columns]
    cells = [[_text(v) for v in column_values] for column_values in values]
    fits = [_fit_of(c, v, t) for c, v, t in zip(columns, values, cells, strict=True)]
    numeric = [bool(t) and all(is_number(x) for x in t if x) and any(t) for t in cells]
    cells = [
        align_decimals(t, len(c.header)) if n else t
        for t, n, c in zip(cells, numeric, columns, strict=True)
    ]
    layout = lay_out([c.header for c in columns], cells, fits, [c.optional for c in columns], width)
    laid = layout.columns
    frame: dict[str, Any] = {} if layout.boxed else {"box": None, "pad_edge": False}
    table = Table(title=title, header_style="bold", title_justify="left", **frame)
    for spot in laid:
        column = columns[spot.index]
        justify = "right" if numeric[spot.index] else column.justify
        if spot.fit is Fit.KEEP:
            extra: dict[str, Any] = {"no_wrap": True, "min_width": spot.width}
        elif spot.fit is Fit.SHRINK:
            extra = {"no_wrap": True, "overflow": "ellipsis", "max_width": spot.max_width}
        else:
            extra = {"overflow": "fold", "max_width": spot.max_width}
        table.add_column(column.header, justify=justify, style=column.style, **extra)  # type: ignore[arg-type]
    for row in range(len(records)):
        table.add_row(
            *(
                # Amounts come padded to one width: drawn as they are, points aligned.
                Text(cells[spot.index][row], justify="left" if numeric[spot.index] else None)
                for spot in laid
            )
        )
    return table


def date_span(start: date, end: date) -> str:
    """`2026-11-01…11-30`: a date range as short as it reads (the year once when shared)."""
    last = end.isoformat()
    return f"{start.isoformat()}…{last[5:] if start.year == end.year else last}"


def amount_text(value: Decimal) -> str:
    """`-12,345.67`: an amount as every terminal table writes it, thousands separated, in
    the digits it has (the currency's; a currency column or code says which)."""
    return f"{value:,}"


def _text(value: Any) -> str:
    """A cell's text: amounts by `amount_text`, statuses in words (`at_risk` is
    "at risk"), nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, StrEnum):
        return value.value.replace("_", " ")
    return str(_plain(value))


def emit_object(record: Mapping[str, Any], fmt: OutputFormat, *, title: str | None = None) -> None:
    """One record: a two-column table for people, an object for JSON, one row for CSV."""
    if fmt is OutputFormat.JSON:
        json.dump(_plain(dict(record)), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if fmt is OutputFormat.CSV:
        emit_records([record], [], fmt)
        return
    from rich.table import Table

    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value")
    for key, value in record.items():
        table.add_row(key.replace("_", " "), _cell(value))
    _stdout().print(table)


def _cell(value: Any) -> Any:
    """Table cell text; user text is never interpreted as rich markup."""
    from rich.text import Text

    return Text(_text(value))


def _csv_cell(value: Any) -> Any:
    """Neutralise text that a spreadsheet would run as a formula (one shared rule)."""
    from fopymes_server.exports.cells import neutralise

    return neutralise(value)


def _stdout() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def message(text: str) -> None:
    """A plain message for people, on stderr."""
    sys.stderr.write(text + "\n")


def success(text: str, *, dates: Sequence[date | None] = (), today: date | None = None) -> None:
    """The line that says a command did its work; each of `dates` more than a year from
    `today` (a likely typo, such as 2062 for 2026) gets a note on that line."""
    if today is not None:
        from fopymes_server.core.dates import far_from_today

        notes = [note for day in dates if day and (note := far_from_today(day, today))]
        if notes:
            text = f"{text} ({'; '.join(notes)})"
    message(text)


def warning(text: str) -> None:
    message(f"Warning: {text}")


def data_line(text: str) -> None:
    """A single line of data (an id, a token) on stdout, for scripts to capture."""
    sys.stdout.write(text + "\n")


def emit_renderables(renderables: Sequence[Any]) -> None:
    """Rich renderables (panels, tables, bars) on stdout, for people (`report show`)."""
    console = _stdout()
    for renderable in renderables:
        console.print(renderable)


@contextmanager
def progress_bar(description: str, *, shown: bool) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on stderr; yields `update(done, total)`.

    Drawn only when `shown` and stderr is a terminal, so cron logs and pipes stay clean.
    """
    if not (shown and sys.stderr.isatty()):
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(console=_stderr(), transient=True) as progress:
        task = progress.add_task(description, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)
