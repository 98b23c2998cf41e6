"""Budgets: every budget in its current period, coloured by the service's verdict.

Setting and changing budgets stays with `fopymes budget set` (it has many options); this
screen answers "how am I doing" for all of them at once, and follows changes live.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text

from fopymes_cli.tui.formatting import money, percent
from fopymes_cli.tui.screens.table_screen import Cell, TableScreen
from fopymes_cli.tui.widgets.plans import progress
from fopymes_server.budgets import status as budgets
from fopymes_server.budgets.rules import Verdict
from fopymes_server.budgets.schemas import BudgetStatusOut
from fopymes_server.core.principal import Principal

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork

VERDICTS = {
    Verdict.ON_TRACK: ("on track", "green"),
    Verdict.AT_RISK: ("at risk", "yellow"),
    Verdict.OVER: ("over", "red"),
}


class BudgetsScreen(TableScreen):
    """Spent, left and the projection of each budget in the period holding today."""

    COLUMNS: ClassVar[tuple[tuple[str, int | None], ...]] = (
        ("Budget", 11),
        ("Period", 13),
        ("Limit", 12),
        ("Spent", 12),
        ("Left", 12),
        ("Used", 14),
        ("Status", 8),
    )
    EMPTY = "No budgets yet: fopymes budget set CATEGORY AMOUNT"

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        return budgets.status(uow, principal)

    def key(self, item: BudgetStatusOut) -> str:
        return str(item.budget_id)

    def cells(self, item: BudgetStatusOut) -> tuple[Cell, ...]:
        verdict, style = VERDICTS[item.verdict]
        fraction = item.spent / item.limit if item.limit else 1
        used = percent(None if item.percent_used is None else item.percent_used / 100)
        return (
            Text(item.category),
            f"{item.period_start:%d %b}–{item.period_end:%d %b}",
            Text(money(item.limit, item.currency), justify="right"),
            Text(money(item.spent, item.currency), justify="right"),
            Text(money(item.remaining, item.currency), justify="right"),
            Text.assemble((progress(fraction, 6), style), f"{used:>8}"),  # type: ignore[arg-type]
            Text(verdict, style=style),
        )

    def heading(self, items: list[Any]) -> Text:
        if not items:
            return Text(self.EMPTY)
        over = sum(1 for item in items if item.verdict is Verdict.OVER)
        return Text(f"{len(items)} budgets, {over} over their limit · set them with fopymes budget")
