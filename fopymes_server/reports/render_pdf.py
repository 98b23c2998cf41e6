"""PDF renderer: title and period, KPI summary, tables, charts, page numbers (reportlab).

Money is right-aligned, with thousands separators and the currency's decimals, in the
workspace currency named in each header; dates are ISO. Every page carries "Page N of M"
and the generation time (a two-pass canvas counts the pages first). User text reaches
reportlab only escaped (Paragraph markup) or as plain table strings, never as markup.
reportlab is imported inside `render` and pdf_charts, so only PDF exports load it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from fopymes_server.core.money import exponent
from fopymes_server.reports.schemas import ReportData
from fopymes_server.reports.tables import Cell, Table, build_tables

_FONT_FILES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
)
STATUS_COLOURS = {"on_track": "#2e7d32", "at_risk": "#ef6c00", "over": "#c62828"}
SECTIONS = (
    "expenses_by_category",
    "income_by_category",
    "payment_methods",
    "budgets",
    "goals",
    "debts",
    "trend",
    "largest_expenses",
    "daily",
    "other_currencies",
)


def _fonts() -> tuple[str, str]:
    """A Unicode TrueType font (DejaVu where installed, else reportlab's own Vera)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    vera = Path(reportlab.__file__).parent / "fonts"
    candidates = [*_FONT_FILES, (str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"))]
    regular, bold = next((r, b) for r, b in candidates if Path(r).exists() and Path(b).exists())
    if "FopymesSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FopymesSans", regular))
        pdfmetrics.registerFont(TTFont("FopymesSans-Bold", bold))
    return "FopymesSans", "FopymesSans-Bold"


def _text(value: Any, cell: Cell, places: int) -> str:
    if value is None:
        return ""
    if cell is Cell.MONEY and isinstance(value, Decimal):
        return f"{value:,.{places}f}"
    if cell is Cell.FRACTION and isinstance(value, Decimal):
        return f"{value * 100:,.1f} %"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _numbered_canvas(generated: str, font: str) -> type:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Keeps every page until the end, then stamps "Page N of M" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self.setFont(font, 8)
                self.setFillColorRGB(0.4, 0.4, 0.4)
                self.drawString(40, 25, f"Generated {generated}")
                self.drawRightString(self._pagesize[0] - 40, 25, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _table(table: Table, currency: str, places: int, fonts: tuple[str, str]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    headers = [
        f"{c.header} ({currency})" if c.cell is Cell.MONEY else c.header for c in table.columns
    ]
    body = [
        [_text(v, c.cell, places) for c, v in zip(table.columns, row, strict=True)]
        for row in table.rows
    ]
    grid = PdfTable(
        [headers, *body] if body else [headers, ["(nothing)"] + [""] * (len(headers) - 1)],
        repeatRows=1,
        hAlign="LEFT",
    )
    style = [
        ("FONT", (0, 0), (-1, -1), fonts[0], 8),
        ("FONT", (0, 0), (-1, 0), fonts[1], 8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f6f8")]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for index, column in enumerate(table.columns):
        if column.cell in (Cell.MONEY, Cell.FRACTION, Cell.COUNT):
            style.append(("ALIGN", (index, 0), (index, -1), "RIGHT"))
        if column.key == "status":
            for number, row in enumerate(table.rows, start=1):
                colour = STATUS_COLOURS.get(str(row[index]))
                if colour:
                    style.append(
                        ("TEXTCOLOR", (index, number), (index, number), colors.HexColor(colour))
                    )
    grid.setStyle(TableStyle(style))
    return grid


def render(report: ReportData, out: IO[bytes]) -> None:
    """Write the report as an A4 PDF to the binary stream `out`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from fopymes_server.reports import pdf_charts

    fonts = _fonts()
    places = exponent(report.currency)
    title = ParagraphStyle("title", fontName=fonts[1], fontSize=16, leading=20, spaceAfter=4)
    heading = ParagraphStyle(
        "heading", fontName=fonts[1], fontSize=11, leading=14, spaceBefore=12, spaceAfter=4
    )
    normal = ParagraphStyle("normal", fontName=fonts[0], fontSize=9, leading=12)
    period, before = report.period, report.previous_period
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    tables = build_tables(report)
    story: list[Any] = [
        Paragraph(f"{escape(report.workspace)}: report {escape(period.label)}", title),
        Paragraph(
            f"Period {period.start.isoformat()} to {period.end.isoformat()}, compared with "
            f"{before.start.isoformat()} to {before.end.isoformat()}. "
            f"Amounts in {escape(report.currency)}.",
            normal,
        ),
        Paragraph("Summary", heading),
        _table(_kpi_table(tables["summary"], places), report.currency, places, fonts),
    ]
    for name in SECTIONS:
        table = tables[name]
        if name == "daily" and len(table.rows) > 62:
            continue  # a year of days is a chart's job; the CSV and XLSX keep every day
        story += [Paragraph(escape(table.title), heading)]
        if name == "expenses_by_category" and any(c.amount for c in report.expenses_by_category):
            story.append(pdf_charts.category_bars(report.expenses_by_category, fonts[0]))
        if name == "trend":
            story.append(pdf_charts.trend_lines(report.trend, fonts[0]))
        story += [_table(table, report.currency, places, fonts), Spacer(1, 4)]
        if table.note:
            story.append(Paragraph(escape(table.note), normal))
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=40,
        rightMargin=40,
        topMargin=40,
        bottomMargin=45,
        title=f"{report.workspace} {period.label}",
        author="fopymes",
    )
    document.build(story, canvasmaker=_numbered_canvas(generated, fonts[0]))


def _kpi_table(summary: Table, places: int) -> Table:
    """The summary with values formatted per row (money, percent, count), right-aligned."""
    from fopymes_server.reports.tables import Column

    def typed(kind: str, value: Any) -> str:
        return _text(value, Cell(kind), places) if value is not None else "n/a"

    rows = [
        (label, typed(kind, value), typed(kind, previous))
        for label, kind, value, previous in summary.rows
    ]
    columns = (
        Column("metric", "Metric"),
        Column("value", "This period", Cell.COUNT),
        Column("previous", "Previous", Cell.COUNT),
    )
    return Table("summary", summary.title, columns, rows)
