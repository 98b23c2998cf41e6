"""CSV renderer: one report table as UTF-8 CSV with a header row.

`fopymes report export --format csv` writes every table of `tables.build_tables` to its
own file (or one with `--table NAME`); each goes through this function. User text is
neutralised against spreadsheet formulas; amounts are plain decimal numbers.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from fopymes_server.exports.cells import neutralise
from fopymes_server.reports.tables import Cell, Table, plain


def render_table(table: Table, out: IO[bytes]) -> None:
    """Write `table` to the binary stream `out` (left open)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow([column.key for column in table.columns])
        for row in table.rows:
            writer.writerow(
                [
                    neutralise(plain(value)) if column.cell is Cell.TEXT else plain(value)
                    for column, value in zip(table.columns, row, strict=True)
                ]
            )
        text.flush()
    finally:
        text.detach()
