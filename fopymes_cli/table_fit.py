"""Fit a table of records to the terminal's width without cutting a number (pure).

`output.emit_records` hands the cells here before rich draws them. The rules, in order:

1. Numbers, money, dates and any column marked `keep` are never cut: they get at least
   their widest cell, are never wrapped, and amounts are padded so that their decimal
   points line up (EUR's two places and JPY's none in one column).
2. When the table is too wide, `shrink` columns (descriptions) give way first, down to
   `SHRUNK` cells, with an ellipsis.
3. Then `optional` columns are dropped, the last one first.
4. When the rows do not keep to one line in a box, the box goes: the columns are drawn
   two spaces apart without lines (as `docker ps` prints), three cells a column fewer.
   `budget status` at 80 columns, with amounts in the hundred-thousands, keeps
   `All expenses`, its period and every amount whole this way.
5. Whatever is still too wide is plain text, which wraps onto more lines at its spaces
   (never `Groceri…`), in a box where the words fit in one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

SHRUNK = 12
"""The narrowest a shrinking column gets before optional columns are dropped."""
_NUMBER = re.compile(r"^[+\-−]?[\d,  ]*\d(\.(\d+))?( ?%)?$")


class Fit(StrEnum):
    WRAP = "wrap"  # text: may wrap onto more lines
    KEEP = "keep"  # never cut or wrapped (numbers, dates, periods)
    SHRINK = "shrink"  # gives way first, cut with an ellipsis (descriptions)


@dataclass(frozen=True, slots=True)
class Laid:
    """One column as drawn: its index in the input, width limits and fitting rule."""

    index: int
    fit: Fit
    width: int
    """The cells' natural width (widest cell or header)."""
    max_width: int | None = None


def cell_width(text: str) -> int:
    """Cells a string takes in a terminal (wide characters count twice)."""
    from rich.cells import cell_len

    return cell_len(text)


def is_number(text: str) -> bool:
    """An amount, a count or a percentage as printed (`-1,234.50`, `12`, `85.5%`)."""
    return bool(_NUMBER.match(text.strip()))


def align_decimals(cells: list[str], at_least: int = 0) -> list[str]:
    """Right-align amounts so that their decimal points fall in one column.

    `12.50`, `1000` and `3.125` become ` 12.50 `, `1000    ` and `  3.125`: each is padded
    on the right to the most decimals in the column and then on the left to the widest
    (and at least `at_least` cells, the header), so every point sits under the others
    whatever alignment draws them. Non-numbers are left as they are.
    """
    places = [_places(c) if is_number(c) else None for c in cells]
    widest = max((p for p in places if p is not None), default=0)
    padded = []
    for cell, own in zip(cells, places, strict=True):
        if own is None or widest == 0:
            padded.append(cell)
            continue
        padded.append(cell + " " * (widest - own + (1 if own == 0 else 0)))
    width = max([at_least, *(cell_width(c) for c in padded)])
    return [
        c if p is None else " " * (width - cell_width(c)) + c
        for c, p in zip(padded, places, strict=True)
    ]


def _places(text: str) -> int:
    match = _NUMBER.match(text.strip())
    return len(match[2]) if match and match[2] else 0


@dataclass(frozen=True, slots=True)
class Layout:
    """A table as drawn: its columns, and whether it is boxed (rule 4 of the module doc)."""

    columns: list[Laid]
    boxed: bool


@dataclass(frozen=True, slots=True)
class _Frame:
    """Cells a table takes besides its columns' own: per column, and once."""

    per_column: int
    fixed: int
    boxed: bool


_FRAMES = (
    _Frame(3, 1, boxed=True),  # a space either side of each column, a line after it, and one more
    _Frame(2, -2, boxed=False),  # two spaces between columns, none at the table's edges
)


def lay_out(
    headers: Sequence[str],
    columns: Sequence[list[str]],
    fits: Sequence[Fit],
    optional: Sequence[bool],
    width: int,
) -> Layout:
    """The columns of a rich table to draw at `width` cells (rules in the module doc).

    A box when every row keeps to one line in it, else no box if that keeps them to one;
    then a box again if text can wrap at its spaces within it, else no box. Wrapping
    columns get their widths here, never narrower than their longest word.
    """
    natural = [
        max([cell_width(header), *(cell_width(c) for c in cells)])
        for header, cells in zip(headers, columns, strict=True)
    ]
    words = [_longest_word([h, *cells]) for h, cells in zip(headers, columns, strict=True)]
    tries = []
    for frame in _FRAMES:
        shown = distribute(
            natural, fits, optional, width, per_column=frame.per_column, fixed=frame.fixed
        )
        around = frame.per_column * len(shown) + frame.fixed
        one_line = around + sum(w for _, w in shown)
        least = around + sum(words[i] if fits[i] is Fit.WRAP else w for i, w in shown)
        tries.append((frame, shown, around, one_line, least))
    frame, shown, around, _, _ = next(
        (t for t in tries if t[3] <= width), next((t for t in tries if t[4] <= width), tries[-1])
    )
    wrapping = [i for i, _ in shown if fits[i] is Fit.WRAP]
    room = width - around - sum(w for i, w in shown if fits[i] is not Fit.WRAP)
    narrowed = _narrow({i: natural[i] for i in wrapping}, {i: words[i] for i in wrapping}, room)
    laid = [
        Laid(i, fits[i], natural[i], w if w != natural[i] else None)
        for i, w in ((i, narrowed.get(i, w)) for i, w in shown)
    ]
    return Layout(laid, frame.boxed)


def _longest_word(texts: Sequence[str]) -> int:
    """The narrowest a wrapping column gets without cutting a word."""
    return max((cell_width(word) for text in texts for word in text.split()), default=0)


def _narrow(widths: dict[int, int], floors: dict[int, int], room: int) -> dict[int, int]:
    """Wrapping columns within `room` cells: the widest gives a cell first, none below its
    floor (its longest word), so that text wraps at spaces and never inside a word."""
    widths = dict(widths)
    while sum(widths.values()) > room:
        above = [i for i, w in widths.items() if w > floors[i]]
        if not above:
            break
        widths[max(above, key=lambda i: widths[i])] -= 1
    return widths


def distribute(
    natural: Sequence[int],
    fits: Sequence[Fit],
    optional: Sequence[bool],
    width: int,
    *,
    per_column: int,
    fixed: int = 0,
    grow: bool = False,
    floor: int = SHRUNK,
) -> list[tuple[int, int]]:
    """(index, width) of each column shown within `width` cells, in order.

    Each column takes its `natural` width plus `per_column` cells of padding and border,
    the table `fixed` more. Shrinking columns give way first, down to `floor`; then
    optional columns drop, the last first; with `grow`, room left over goes to the last
    shrinking column, the longest text (a dashboard uses its width; a printed table
    needs no more).
    """
    kept = list(range(len(natural)))
    widths = dict(enumerate(natural))

    def total() -> int:
        return sum(widths[i] for i in kept) + per_column * len(kept) + fixed

    flexible = [i for i in kept if fits[i] is Fit.SHRINK]
    for index in flexible:
        if total() > width:
            lowest = min(natural[index], floor)
            widths[index] = max(lowest, natural[index] - (total() - width))
    for index in reversed(range(len(natural))):
        if total() <= width:
            break
        if optional[index]:
            kept.remove(index)
    spare = width - total()
    shown = [i for i in flexible if i in kept]
    if spare > 0 and shown:
        for index in shown:  # with room again, a shrunk column takes it back
            back = min(spare, natural[index] - widths[index])
            widths[index] += back
            spare -= back
        if grow:
            widths[shown[-1]] += spare
    return [(i, widths[i]) for i in kept]
