"""The 12-month trend: income and expense bars per month, with the net of each month.

Rows come from `transactions.summary.monthly_trend` (every month present, zeros included).
Bars are drawn with eighth-height blocks and scaled to the panel, so the chart fills a
narrow terminal and a wide one alike; the months of the selected period are highlighted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual.content import Content
from textual.widget import Widget

from fopymes_cli.tui.formatting import short_money
from fopymes_server.transactions.summary_schemas import MonthTotals

_LEVELS = " ▁▂▃▄▅▆▇█"
_AXIS = 6


def column(value: Decimal, largest: Decimal, height: int) -> list[str]:
    """One bar as `height` characters from top to bottom."""
    eighths = int((value / largest * height * 8).to_integral_value()) if largest else 0
    cells = []
    for row in range(height - 1, -1, -1):
        fill = max(0, min(8, eighths - row * 8))
        cells.append(_LEVELS[fill])
    return cells


class TrendChart(Widget):
    """Income (green) and expenses (red) per month, oldest on the left."""

    DEFAULT_CSS = "TrendChart { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._months: list[MonthTotals] = []
        self._selected: tuple[date, date] | None = None

    def show(self, months: list[MonthTotals], currency: str, selected: tuple[date, date]) -> None:
        self._months = [m for m in months if m.currency == currency]
        self._selected = selected
        self.refresh()

    def render(self) -> Content:
        if not self._months:
            return Content.styled("No months to show.", "$text-muted")
        width, height = self.content_size.width, self.content_size.height
        bars_height = max(1, height - 2)
        slot = max(2, min(6, (width - _AXIS) // len(self._months)))
        largest = max(max(m.income, m.expense) for m in self._months)
        columns = [
            (column(m.income, largest, bars_height), column(m.expense, largest, bars_height))
            for m in self._months
        ]
        lines: list[Content] = []
        for row in range(bars_height):
            axis = short_money(largest) if row == 0 else ("0" if row == bars_height - 1 else "")
            parts: list[str | tuple[str, str]] = [(axis.rjust(_AXIS - 1) + " ", "$text-muted")]
            for income, expense in columns:
                parts.append((income[row], "$success"))
                parts.append((expense[row], "$error"))
                parts.append(" " * (slot - 2))
            lines.append(Content.assemble(*parts))
        lines.append(self._labels(slot))
        lines.append(self._net_line(slot))
        return Content("\n").join(lines)

    def _in_selection(self, month: date) -> bool:
        return self._selected is not None and self._selected[0] <= month <= self._selected[1]

    def _labels(self, slot: int) -> Content:
        parts: list[str | tuple[str, str]] = [" " * _AXIS]
        for m in self._months:
            name = m.month.strftime("%b")[: max(1, slot - 1)].ljust(slot)
            parts.append((name, "bold $accent" if self._in_selection(m.month) else "$text-muted"))
        return Content.assemble(*parts)

    def _net_line(self, slot: int) -> Content:
        if slot < 4:
            total = sum((m.net for m in self._months), Decimal(0))
            return Content.styled(f"{'net':>{_AXIS - 1}} {short_money(total)} over the year", "")
        parts: list[str | tuple[str, str]] = [("net".rjust(_AXIS - 1) + " ", "$text-muted")]
        for m in self._months:
            style = "$success" if m.net > 0 else "$error" if m.net < 0 else "$text-muted"
            parts.append((short_money(m.net)[: slot - 1].ljust(slot), style))
        return Content.assemble(*parts)
