"""The latest transactions on the dashboard: a read-only list that fits its panel.

Drawn as one Rich table rather than a DataTable so it takes no focus: on the dashboard the
arrow keys move between periods. Descriptions and names go in as `Text`, never as markup.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from fopymes_cli.tui.formatting import plain, signed, where
from fopymes_server.transactions.schemas import TransactionOut


class RecentTransactions(Widget):
    """Newest first, as many as fit the height (the worker fetches a few more than that)."""

    DEFAULT_CSS = "RecentTransactions { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[TransactionOut] = []

    def show(self, items: list[TransactionOut]) -> None:
        self._items = items
        self.refresh()

    def render(self) -> RenderableType:
        if not self._items:
            return Text("No transactions yet: press a to add one.", style="dim")
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
        table.add_column("Date", no_wrap=True, width=10)
        table.add_column("Description", ratio=3, no_wrap=True, overflow="ellipsis")
        table.add_column("Category", ratio=2, no_wrap=True, overflow="ellipsis")
        table.add_column("Amount", justify="right", no_wrap=True)
        visible = max(1, self.content_size.height - 1)
        for item in self._items[:visible]:
            table.add_row(
                item.date.isoformat(),
                plain(item.description),
                where(item),
                signed(item.amount, item.currency, item.kind),
            )
        return table
