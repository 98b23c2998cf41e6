"""PDF renderer: a document a small business can hand to its accountant (reportlab).

A cover block (workspace, period, comparison, currency, generation time), the KPI summary,
the accounts' opening and closing balances, the transfers (apart from income and
expenses), every section as a table with its chart, net worth at each month end, and an
appendix listing every movement of the period (transfers included). Money is right-
aligned, with thousands separators and the currency's decimals, in the workspace currency
named in each header; dates are ISO; statuses are words. Tables are measured to stay
within the margins (pdf_tables) and repeat their header on each page; a heading never
stays alone at the foot of a page (KeepTogether, keepWithNext). Every page carries "Page N
of M" and the generation time (a two-pass canvas counts the pages first). User text
reaches reportlab only escaped. reportlab is imported inside `render`, pdf_tables and
pdf_charts, so only PDF exports load it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from fopymes_server.core.money import exponent, from_minor
from fopymes_server.reports.schemas import ReportData
from fopymes_server.reports.tables import Cell, Table, build_tables, category_name

if TYPE_CHECKING:
    from fopymes_server.reports.repository import MovementRow

_FONT_FILES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
)
MARGIN = 40
"""Points of white on every side; the footer (page N of M) sits in the bottom margin."""
SECTIONS = (
    "balances",
    "transfers",
    "expenses_by_category",
    "income_by_category",
    "payment_methods",
    "budgets",
    "goals",
    "debts",
    "trend",
    "networth",
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
                self.drawString(MARGIN, 25, f"Generated {generated}")
                right = self._pagesize[0] - MARGIN
                self.drawRightString(right, 25, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _movements(
    rows: Iterable[MovementRow], currency: str, frame: float, fonts: tuple[str, str]
) -> Any:
    """Every movement of the period: date, description, category, account, kind, the
    account at the other end of a transfer, and the amount as it changed the account."""
    from fopymes_server.reports import pdf_tables

    body = []
    for row in rows:
        value = from_minor(row.signed_minor, row.currency)
        amount = f"{value:,.{exponent(row.currency)}f}"
        body.append(
            [
                row.date.isoformat(),
                row.description,
                category_name(row) or "",
                row.account or "",
                row.movement,
                row.counter_account or "",
                amount if row.currency == currency else f"{amount} {row.currency}",
            ]
        )
    headers = [
        "Date",
        "Description",
        "Category",
        "Account",
        "Kind",
        "Counter-account",
        f"Amount ({currency})",
    ]
    numeric = [True, False, False, False, False, False, True]
    return pdf_tables.grid(headers, body, numeric, frame, fonts)


def _cover(report: ReportData, fonts: tuple[str, str], frame: float) -> list[Any]:
    """The block an accountant reads first: whose books, which dates, which money, when."""
    from fopymes_server.reports import pdf_tables

    period, before = report.period, report.previous_period
    rows = [
        ["Workspace", report.workspace],
        ["Period", f"{period.label}: {period.start.isoformat()} to {period.end.isoformat()}"],
        ["Compared with", f"{before.start.isoformat()} to {before.end.isoformat()}"],
        ["Currency", f"{report.currency} (other currencies listed apart, never converted)"],
        ["Generated", report.generated_at.strftime("%Y-%m-%d %H:%M UTC")],
        ["Transactions", str(report.kpis.count)],
    ]
    return [pdf_tables.grid(["Report", ""], rows, [False, False], frame, fonts)]


def render(report: ReportData, out: IO[bytes], transactions: Iterable[MovementRow] = ()) -> None:
    """Write the report as an A4 PDF to the binary stream `out`.

    `transactions` are the period's rows for the movements appendix, streamed.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    from fopymes_server.reports import pdf_charts, pdf_tables

    fonts = _fonts()
    places = exponent(report.currency)
    frame = A4[0] - 2 * MARGIN - 12  # platypus frames pad 6 pt on each side
    title = ParagraphStyle("title", fontName=fonts[1], fontSize=16, leading=20, spaceAfter=6)
    heading = ParagraphStyle(
        "heading",
        fontName=fonts[1],
        fontSize=11,
        leading=14,
        spaceBefore=12,
        spaceAfter=4,
        keepWithNext=1,
    )
    normal = ParagraphStyle("normal", fontName=fonts[0], fontSize=8, leading=10, spaceBefore=3)
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    tables = build_tables(report)
    summary = tables["summary"]
    story: list[Any] = [
        Paragraph(
            f"{escape(report.workspace)}: financial report {escape(report.period.label)}", title
        ),
        *_cover(report, fonts, frame),
        KeepTogether(
            [
                Paragraph("Summary", heading),
                pdf_tables.report_table(_kpi_table(summary, places), "", places, frame, fonts),
            ]
        ),
    ]
    for name in SECTIONS:
        table = tables[name]
        if name == "daily" and len(table.rows) > 62:
            continue  # a year of days is a chart's job; the CSV and XLSX keep every day
        section: list[Any] = [Paragraph(escape(table.title), heading)]
        chart = pdf_charts.for_section(name, report, fonts[0])
        if chart is not None:
            section.append(chart)
        section.append(pdf_tables.report_table(table, report.currency, places, frame, fonts))
        if table.note:
            section.append(Paragraph(escape(table.note), normal))
        # Heading, chart and table move to the next page together when they fit on one;
        # a longer table splits, its header row repeated on each page.
        story += [KeepTogether(section), Spacer(1, 4)]
    story += [
        Paragraph("Appendix: movements", heading),
        _movements(transactions, report.currency, frame, fonts),
    ]
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 5,
        title=f"{report.workspace} {report.period.label}",
        author="fopymes",
    )
    document.build(story, canvasmaker=_numbered_canvas(generated, fonts[0]))


def _kpi_table(summary: Table, places: int) -> Table:
    """The summary with values formatted per row (money, percent, count), right-aligned."""
    from fopymes_server.reports import pdf_tables
    from fopymes_server.reports.tables import Column

    def typed(kind: str, value: Any) -> str:
        return pdf_tables.text(value, Cell(kind), places) if value is not None else "n/a"

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
