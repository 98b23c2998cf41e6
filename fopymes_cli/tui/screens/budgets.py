"""Budgets: every budget in its current period, coloured by the service's verdict.

Setting and changing budgets stays with `fopymes budget set` (it has many options); this
screen answers "how am I doing" for all of them at once, and follows changes live.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import money, percent
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_cli.tui.widgets.plans import progress
from fopymes_server.budgets import status as budgets
from fopymes_server.budgets.rules import Verdict
from fopymes_server.budgets.schemas import BudgetStatusOut
from fopymes_server.core.principal import Principal
from fopymes_server.identity import service as identity

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork

VERDICTS = {
    Verdict.ON_TRACK: ("on track", "green"),
    Verdict.AT_RISK: ("at risk", "yellow"),
    Verdict.OVER: ("over", "red"),
}


class BudgetsScreen(TableScreen):
    """Spent, left and the projection of each budget in the period holding today."""

    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("Budget", 8, Fit.SHRINK),
        Col("Period", 13),
        Col("Limit", 10, right=True),
        Col("Spent", 10, right=True),
        Col("Left", 10, right=True),
        Col("Status", 8),
        Col("Used", 14, optional=True),
    )
    GROW = False
    EMPTY = "No budgets yet: fopymes budget set CATEGORY AMOUNT"

    currency = ""
    """The workspace's currency: its amounts are shown without the code, said once above."""

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        self.currency = identity.current_workspace(uow, principal).currency
        return budgets.status(uow, principal)

    def _money(self, amount: Decimal, currency: str) -> Text:
        text = money(amount, currency)
        return Text(text.removesuffix(f" {currency}") if currency == self.currency else text)

    def key(self, item: BudgetStatusOut) -> str:
        return str(item.budget_id)

    def cells(self, item: BudgetStatusOut) -> tuple[Cell, ...]:
        verdict, style = VERDICTS[item.verdict]
        fraction = item.spent / item.limit if item.limit else 1
        used = percent(None if item.percent_used is None else item.percent_used / 100)
        return (
            Text(item.category),
            _span(item.period_start, item.period_end),
            self._money(item.limit, item.currency),
            self._money(item.spent, item.currency),
            self._money(item.remaining, item.currency),
            Text(verdict, style=style),
            Text.assemble((progress(fraction, 6), style), f"{used:>8}"),  # type: ignore[arg-type]
        )

    def heading(self, items: list[Any]) -> Text:
        if not items:
            return Text(self.EMPTY)
        over = sum(1 for item in items if item.verdict is Verdict.OVER)
        return Text(
            f"{len(items)} budgets, {over} over their limit · amounts in {self.currency} · "
            "set them with fopymes budget"
        )


def _span(start: date, end: date) -> str:
    """`1–30 Nov` within one month, `25 Nov–24 Dec` across two: short enough for 80 columns."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b}"
    return f"{start.day} {start:%b}–{end.day} {end:%b}"
