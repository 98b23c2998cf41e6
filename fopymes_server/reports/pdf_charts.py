"""Charts for the PDF report, drawn with reportlab's graphics (vector, no image files).

One chart per section that has one (`for_section`): expenses and income by category as
bars, budgets as spent against limit, the monthly trend as lines, net worth at each month
end (workspace currency) as a line. Every chart names its
axes (what the categories are, and the amounts' currency). Called by render_pdf only,
inside its render function, so reportlab stays out of every process that draws no PDF.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fopymes_server.reports.schemas import CategoryLine, MonthTotals, ReportData

WIDTH = 480
INCOME = "#2e7d32"
EXPENSE = "#c62828"
BAR = "#1565c0"
LIMIT = "#90a4ae"
NET_WORTH = "#1565c0"
CHARTED = ("expenses_by_category", "income_by_category", "budgets", "trend", "networth")
"""The sections that carry a chart, in the PDF and in the workbook alike."""


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _axis_titles(drawing: Any, chart: Any, font: str, x_title: str, y_title: str) -> None:
    """Label the value axis (x here) below the chart and the category axis on the left."""
    from reportlab.graphics.shapes import Group, String

    drawing.add(
        String(
            chart.x + chart.width / 2, 2, x_title, fontName=font, fontSize=8, textAnchor="middle"
        )
    )
    label = String(0, 0, y_title, fontName=font, fontSize=8, textAnchor="middle")
    turned = Group(label)
    turned.rotate(90)
    turned.translate(chart.y + chart.height / 2, -8)
    drawing.add(turned)


def _bars(names: list[str], series: list[list[float]], colours: list[str], font: str) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    height = 50 + 14 * len(names) * len(series)
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 140, 30, WIDTH - 160, height - 40
    chart.data = series
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    for index, colour in enumerate(colours):
        chart.bars[index].fillColor = colors.HexColor(colour)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    return drawing, chart


def category_bars(lines: list[CategoryLine], font: str, currency: str, colour: str) -> Any:
    """Horizontal bars of the ten largest categories, largest on top."""
    shown = [line for line in lines if line.amount > 0][:10][::-1]
    if not shown:
        return None
    drawing, chart = _bars(
        [_short(line.name) for line in shown],
        [[float(line.amount) for line in shown]],
        [colour],
        font,
    )
    _axis_titles(drawing, chart, font, f"Amount ({currency})", "Category")
    return drawing


def budget_bars(report: ReportData, font: str) -> Any:
    """Spent (coloured) against limit (grey) per budget in the workspace currency."""
    shown = [b for b in report.budgets if b.currency == report.currency][:12][::-1]
    if not shown:
        return None
    drawing, chart = _bars(
        [_short(b.category) for b in shown],
        [[float(b.limit) for b in shown], [float(b.spent) for b in shown]],
        [LIMIT, EXPENSE],
        font,
    )
    _axis_titles(
        drawing, chart, font, f"Amount ({report.currency}): limit grey, spent red", "Budget"
    )
    return drawing


def _month_labels(chart: Any, names: list[str], font: str) -> None:
    """Month names slanted under a line chart, small labels on both axes."""
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7


def trend_lines(trend: list[MonthTotals], font: str, currency: str) -> Any:
    """Income and expenses per month over the trend's months, as two lines."""
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(WIDTH, 215)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 60, 55, WIDTH - 80, 140
    chart.data = [
        [float(m.income) for m in trend] or [0.0],
        [float(m.expense) for m in trend] or [0.0],
    ]
    _month_labels(chart, [m.month.strftime("%b %y") for m in trend] or [""], font)
    chart.valueAxis.valueMin = 0
    top = max([Decimal(0), *(m.income for m in trend), *(m.expense for m in trend)])
    chart.valueAxis.valueMax = float(top) * 1.1 or 1.0
    for index, colour in enumerate((INCOME, EXPENSE)):
        chart.lines[index].strokeColor = colors.HexColor(colour)
        chart.lines[index].strokeWidth = 1.5
    drawing.add(chart)
    _axis_titles(drawing, chart, font, "Month", f"Amount ({currency})")
    legend = Legend()
    legend.x, legend.y = 70, 210
    legend.fontName, legend.fontSize = font, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [
        (colors.HexColor(INCOME), "Income"),
        (colors.HexColor(EXPENSE), "Expenses"),
    ]
    drawing.add(legend)
    return drawing


def networth_line(report: ReportData, font: str) -> Any:
    """Net worth in the workspace currency at each month end of the period, one line."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    months = [n for n in report.networth if n.currency == report.currency]
    if not months:
        return None
    drawing = Drawing(WIDTH, 190)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 60, 55, WIDTH - 80, 125
    chart.data = [[float(n.net_worth) for n in months]]
    _month_labels(chart, [n.month_end.strftime("%b %y") for n in months], font)
    values = [Decimal(0), *(n.net_worth for n in months)]
    low, high = float(min(values)), float(max(values))
    chart.valueAxis.valueMin = low * 1.1
    chart.valueAxis.valueMax = high * 1.1 if high > low * 1.1 else low * 1.1 + 1.0
    chart.lines[0].strokeColor = colors.HexColor(NET_WORTH)
    chart.lines[0].strokeWidth = 1.5
    drawing.add(chart)
    _axis_titles(drawing, chart, font, "Month end", f"Net worth ({report.currency})")
    return drawing


def for_section(name: str, report: ReportData, font: str) -> Any | None:
    """The chart drawn above section `name`, or None when it has none (or nothing to draw)."""
    if name == "expenses_by_category":
        return category_bars(report.expenses_by_category, font, report.currency, EXPENSE)
    if name == "income_by_category":
        return category_bars(report.income_by_category, font, report.currency, INCOME)
    if name == "budgets":
        return budget_bars(report, font)
    if name == "trend":
        return trend_lines(report.trend, font, report.currency)
    if name == "networth":
        return networth_line(report, font)
    return None
