"""Charts for the PDF report, drawn with reportlab's graphics (vector, no image files).

Called by render_pdf only, which imports this module inside its render function, so
reportlab stays out of every process that does not draw a PDF.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fopymes_server.reports.schemas import CategoryLine, MonthTotals

WIDTH = 480
INCOME = "#2e7d32"
EXPENSE = "#c62828"
BAR = "#1565c0"


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def category_bars(lines: list[CategoryLine], font: str) -> Any:
    """Horizontal bars of the ten largest expense categories, largest on top."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    shown = [line for line in lines if line.amount > 0][:10][::-1]
    height = 40 + 18 * len(shown)
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 130, 20, WIDTH - 150, height - 30
    chart.data = [[float(line.amount) for line in shown]]
    chart.categoryAxis.categoryNames = [_short(line.name) for line in shown]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor(BAR)
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def trend_lines(trend: list[MonthTotals], font: str) -> Any:
    """Income and expenses per month over the trend's months, as two lines."""
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(WIDTH, 200)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 50, 40, WIDTH - 70, 140
    chart.data = [
        [float(m.income) for m in trend] or [0.0],
        [float(m.expense) for m in trend] or [0.0],
    ]
    chart.categoryAxis.categoryNames = [m.month.strftime("%b %y") for m in trend] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([Decimal(0), *(m.income for m in trend), *(m.expense for m in trend)])
    chart.valueAxis.valueMax = float(top) * 1.1 or 1.0
    for index, colour in enumerate((INCOME, EXPENSE)):
        chart.lines[index].strokeColor = colors.HexColor(colour)
        chart.lines[index].strokeWidth = 1.5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 60, 195
    legend.fontName, legend.fontSize = font, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [
        (colors.HexColor(INCOME), "Income"),
        (colors.HexColor(EXPENSE), "Expenses"),
    ]
    drawing.add(legend)
    return drawing
