"""A DataTable whose columns fit the width it is given, by the terminal tables' rules.

Every screen's table says what each column is (`Col`): money and dates are `KEEP`, never
cut, and as wide as their widest cell; a description or message is `SHRINK`, giving way
first at 80 columns and taking the spare room on a wide terminal; `optional` columns drop
when even that is not enough, the last first (`table_fit.distribute`). Money is
right-aligned so its decimals line up. The table keeps its rows, so a resize lays the
columns out again without asking the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from fopymes_cli.table_fit import Fit, cell_width, distribute

Cell = str | Text
_PADDING = 2  # a DataTable cell's padding, one cell each side
_SCROLLBAR = 2


@dataclass(frozen=True, slots=True)
class Col:
    """One column: its header, the width it wants, and how it gives way."""

    title: str
    width: int
    fit: Fit = Fit.KEEP
    optional: bool = False
    right: bool = False
    """Money and counts: right-aligned, so that decimal points line up."""
    key: str | None = None


def _text(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


class FittedTable(DataTable[Any]):
    """Rows are given whole with `fill`; which columns show, and how wide, follows the size.

    With `grow`, room beyond what the columns need goes to the last shrinking column (a
    description or message, which then shows whole on a wide terminal).
    """

    def __init__(self, columns: Sequence[Col], *, grow: bool = True, **options: Any) -> None:
        options.setdefault("cursor_type", "row")
        options.setdefault("zebra_stripes", True)
        super().__init__(**options)
        self.specs = tuple(columns)
        self.grow = grow
        self._rows: list[tuple[str, tuple[Cell, ...]]] = []
        self._layout: list[tuple[int, int]] = []
        self._natural = self._base()

    def _base(self) -> list[int]:
        return [max(spec.width, cell_width(spec.title)) for spec in self.specs]

    def _measure(self, rows: Sequence[tuple[str, tuple[Cell, ...]]]) -> None:
        """Widen the columns' natural widths to `rows` (kept, so a page costs its own rows)."""
        for _, cells in rows:
            for index, cell in enumerate(cells):
                self._natural[index] = max(self._natural[index], cell_width(_text(cell)))

    def layout_for(self, width: int) -> list[tuple[int, int]]:
        """(column index, width) shown at `width` cells for the rows held now."""
        return distribute(
            self._natural,
            [spec.fit for spec in self.specs],
            [spec.optional for spec in self.specs],
            width - _SCROLLBAR,
            per_column=_PADDING,
            grow=self.grow,
            floor=min(12, max(6, width // 8)),
        )

    def fill(self, rows: Sequence[tuple[str, tuple[Cell, ...]]]) -> None:
        """Show `rows` (key, cells in `specs` order), keeping the cursor on its row."""
        self._rows = list(rows)
        self._natural = self._base()
        self._measure(self._rows)
        self._draw(force=True)

    def extend(self, rows: Sequence[tuple[str, tuple[Cell, ...]]]) -> None:
        """Add `rows` below the others; the columns are laid out again only if they must."""
        self._rows.extend(rows)
        self._measure(rows)
        layout = self.layout_for(self._width())
        if layout != self._layout:
            self._draw(force=True)
            return
        for key, cells in rows:
            self.add_row(*self._cells(cells), key=key)

    def _width(self) -> int:
        return self.size.width or max(self.app.size.width - 2, 0)

    def on_resize(self, event: events.Resize) -> None:
        self._draw(force=False)

    def _draw(self, *, force: bool) -> None:
        layout = self.layout_for(self._width())
        if not force and layout == self._layout:
            return
        kept: str | None = None
        if self.row_count:
            kept = str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)
        self._layout = layout
        self.clear(columns=True)
        for index, size in layout:
            spec = self.specs[index]
            title = Text(spec.title, justify="right") if spec.right else spec.title
            self.add_column(title, width=size, key=spec.key or str(index))
        for key, cells in self._rows:
            self.add_row(*self._cells(cells), key=key)
        if kept is not None and kept in {key for key, _ in self._rows}:
            self.move_cursor(row=self.get_row_index(kept), animate=False)

    def _cells(self, cells: tuple[Cell, ...]) -> list[Cell]:
        """The shown cells of a row: money right-aligned, cut text ending in an ellipsis."""
        out: list[Cell] = []
        for index, width in self._layout:
            spec, cell = self.specs[index], cells[index]
            if spec.right:
                cell = cell.copy() if isinstance(cell, Text) else Text(cell)
                cell.justify = "right"
            elif cell_width(_text(cell)) > width:
                cell = cell.copy() if isinstance(cell, Text) else Text(cell)
                cell.truncate(width, overflow="ellipsis")
            out.append(cell)
        return out
