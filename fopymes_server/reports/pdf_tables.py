"""Report tables as reportlab tables that stay inside the page's margins.

Every column is measured: numbers, money and dates keep their widest cell and never
wrap; when the table is wider than the frame, text columns (names, descriptions) share
what is left and wrap inside their cells. Header rows repeat on every page a table runs
onto. Imported by render_pdf inside its render function only (reportlab stays out of
every other process).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from fopymes_server.core.money import exponent
from fopymes_server.reports.tables import Cell, Table

FONT_SIZE = 8
PADDING = 3
STATUS_COLOURS = {"on track": "#2e7d32", "at risk": "#ef6c00", "over": "#c62828"}
_NUMERIC = (Cell.MONEY, Cell.FRACTION, Cell.COUNT, Cell.DATE)


def text(value: Any, cell: Cell, places: int) -> str:
    """A cell as printed: money with separators and the currency's decimals, ISO dates."""
    if value is None:
        return ""
    if cell is Cell.MONEY and isinstance(value, Decimal):
        return f"{value:,.{places}f}"
    if cell is Cell.FRACTION and isinstance(value, Decimal):
        return f"{value * 100:,.1f} %"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def widths(
    headers: Sequence[str],
    body: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    frame: float,
    fonts: tuple[str, str],
) -> list[float]:
    """Column widths in points that add up to at most `frame`.

    Numeric columns get their widest cell (and the header's longest word); text columns
    their widest cell when everything fits, else their longest word (header or cell, so a
    word such as `expense` is never split) plus a share of the room left in proportion to
    how much more they would have liked. Only when even the longest words cannot fit does
    a text column shrink to its header's longest word.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(value: str, font: str) -> float:
        return stringWidth(value, font, FONT_SIZE) + 2 * PADDING + 1

    def longest_word(words: str, font: str | None = None) -> float:
        return max(width(word, font or fonts[1]) for word in words.split() or [""])

    natural = [
        max([longest_word(h), *(width(row[i], fonts[0]) for row in body)])
        if numeric[i]
        else max([width(h, fonts[1]), *(width(row[i], fonts[0]) for row in body)])
        for i, h in enumerate(headers)
    ]
    if sum(natural) <= frame:
        return natural
    least = [
        w if n else max([longest_word(h), *(longest_word(row[i], fonts[0]) for row in body)])
        for i, (w, n, h) in enumerate(zip(natural, numeric, headers, strict=True))
    ]
    if sum(least) > frame:
        least = [
            w if n else longest_word(h) for w, n, h in zip(natural, numeric, headers, strict=True)
        ]
    room = max(frame - sum(least), 0)
    wanted = sum(w - m for w, m in zip(natural, least, strict=True))
    return [
        m + (room * (w - m) / wanted if wanted else 0) for w, m in zip(natural, least, strict=True)
    ]


def grid(
    headers: Sequence[str],
    body: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    frame: float,
    fonts: tuple[str, str],
    status_column: int | None = None,
) -> Any:
    """A table that fits `frame` points: wrapped text cells, right-aligned numbers,
    the header repeated on each page, statuses coloured."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as PdfTable

    regular = ParagraphStyle("cell", fontName=fonts[0], fontSize=FONT_SIZE, leading=10)
    bold = ParagraphStyle("head", parent=regular, fontName=fonts[1])
    bold_right = ParagraphStyle("head-right", parent=bold, alignment=2)
    sizes = widths(headers, body, numeric, frame, fonts)
    head = [Paragraph(escape(h), bold_right if numeric[i] else bold) for i, h in enumerate(headers)]
    rows = [
        [value if numeric[i] else Paragraph(escape(value), regular) for i, value in enumerate(row)]
        for row in body
    ] or [[Paragraph("(nothing)", regular)] + [""] * (len(headers) - 1)]
    table = PdfTable([head, *rows], colWidths=sizes, repeatRows=1, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts[0], FONT_SIZE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f6f8")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if not body:
        style.append(("SPAN", (0, 1), (-1, 1)))
    for index, is_number in enumerate(numeric):
        if is_number:
            style.append(("ALIGN", (index, 0), (index, -1), "RIGHT"))
    if status_column is not None:
        for number, row in enumerate(body, start=1):
            colour = STATUS_COLOURS.get(row[status_column])
            if colour:
                where = (status_column, number)
                style.append(("TEXTCOLOR", where, where, colors.HexColor(colour)))
    table.setStyle(TableStyle(style))
    return table


def report_table(
    table: Table, currency: str, places: int, frame: float, fonts: tuple[str, str]
) -> Any:
    """One section of the report model as a fitted PDF table."""
    keys = [c.key for c in table.columns]
    # A table with a currency column holds each row's amounts in that row's currency.
    own = keys.index("currency") if "currency" in keys else None
    headers = [
        f"{c.header} ({currency})" if c.cell is Cell.MONEY and own is None else c.header
        for c in table.columns
    ]
    body = [
        [
            text(v, c.cell, places if own is None else exponent(str(row[own])))
            for c, v in zip(table.columns, row, strict=True)
        ]
        for row in table.rows
    ]
    numeric = [c.cell in _NUMERIC for c in table.columns]
    status = keys.index("status") if "status" in keys else None
    return grid(headers, body, numeric, frame, fonts, status)
