"""Spending by category as horizontal bars, sized to whatever space the panel has.

The rows come from `transactions.summary.by_category` (sub-categories already rolled into
their parent); this widget only draws them, the largest bar filling the available width,
so it reads at 80 columns as well as at 200.
"""

from __future__ import annotations

from decimal import Decimal

from textual.content import Content
from textual.widget import Widget

from fopymes_cli.tui.formatting import money, percent
from fopymes_server.transactions.summary_schemas import CategoryTotal

_EIGHTHS = " ▏▎▍▌▋▊▉█"
_NO_CATEGORY = "(no category)"


def bar(fraction: Decimal, width: int) -> str:
    """A left-aligned bar `fraction` (0..1) of `width` cells, in eighth-cell steps."""
    eighths = int((fraction * width * 8).to_integral_value())
    full, rest = divmod(max(0, min(eighths, width * 8)), 8)
    return ("█" * full + (_EIGHTHS[rest] if rest else "")).ljust(width)


class CategoryBars(Widget):
    """Top categories of the period, largest first, with amount and share."""

    DEFAULT_CSS = "CategoryBars { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[CategoryTotal] = []
        self._currency = ""

    def show(self, rows: list[CategoryTotal], currency: str) -> None:
        self._rows = [row for row in rows if row.currency == currency]
        self._currency = currency
        self.refresh()

    def render(self) -> Content:
        if not self._rows:
            return Content.styled("Nothing spent in this period.", "$text-muted")
        width, height = self.content_size.width, max(1, self.content_size.height)
        rows = self._rows if len(self._rows) <= height else self._rows[: height - 1]
        amounts = [money(row.amount, self._currency) for row in rows]
        names = [row.category or _NO_CATEGORY for row in rows]
        name_width = min(16, max(len(name) for name in names))
        amount_width = max(len(text) for text in amounts)
        # The amount is never cut: the name gives way first, then the share column.
        share_width = 8
        name_width = max(6, min(name_width, width - amount_width - share_width - 5))
        if width - name_width - amount_width - share_width - 2 < 3:
            share_width = 0
        bar_width = max(1, width - name_width - amount_width - share_width - 2)
        largest = max(row.amount for row in rows) or Decimal(1)
        lines: list[Content] = []
        for row, name, amount in zip(rows, names, amounts, strict=True):
            label = name if len(name) <= name_width else name[: name_width - 1] + "…"
            lines.append(
                Content.assemble(
                    (label.ljust(name_width), "$text-muted" if row.category is None else ""),
                    " ",
                    (bar(row.amount / largest, bar_width), "$error"),
                    " ",
                    (amount.rjust(amount_width), "bold"),
                    (percent(row.share).rjust(share_width) if share_width else "", "$text-muted"),
                ).truncate(width)
            )
        if len(rows) < len(self._rows):
            hidden = len(self._rows) - len(rows)
            lines.append(Content.styled(f"… and {hidden} more", "$text-muted"))
        return Content("\n").join(lines)
