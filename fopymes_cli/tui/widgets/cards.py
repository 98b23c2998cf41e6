"""The four headline figures of a period: income, expenses, net and savings rate.

Each card shows the workspace currency first; money in other currencies is listed on a
second line instead of being converted, because fopymes never adds different currencies.
"""

from __future__ import annotations

from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from fopymes_cli.tui.formatting import money, percent
from fopymes_server.transactions.summary_schemas import PeriodTotals


class MetricCard(Static):
    """One titled figure with an optional note underneath."""

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id, classes="card")
        self.border_title = title

    def show(self, value: Content, note: str = "") -> None:
        self.update(Content.assemble(value, ("\n" + note, "$text-muted") if note else ""))


def _styled(text: str, amount: Decimal, *, good_when_positive: bool = True) -> Content:
    if amount == 0:
        return Content.styled(text, "bold")
    good = (amount > 0) == good_when_positive
    return Content.styled(text, "bold $success" if good else "bold $error")


class PeriodCards(Horizontal):
    """Income, expenses, net and savings rate of one period."""

    def compose(self) -> ComposeResult:
        yield MetricCard("Income", id="card-income")
        yield MetricCard("Expenses", id="card-expense")
        yield MetricCard("Net", id="card-net")
        yield MetricCard("Savings rate", id="card-rate")

    def show(self, totals: list[PeriodTotals], currency: str) -> None:
        """Fill the cards from the period's totals (an empty list is a quiet period)."""
        main = next((t for t in totals if t.currency == currency), None)
        others = [t for t in totals if t.currency != currency]
        zero = Decimal(0)
        income = main.income if main else zero
        expense = main.expense if main else zero
        net = main.net if main else zero
        count = main.count if main else 0

        def extra(pick: str) -> str:
            return "  ".join(money(getattr(t, pick), t.currency) for t in others)

        self.query_one("#card-income", MetricCard).show(
            Content.styled(money(income, currency), "bold $success"), extra("income")
        )
        self.query_one("#card-expense", MetricCard).show(
            Content.styled(money(expense, currency), "bold $error"), extra("expense")
        )
        self.query_one("#card-net", MetricCard).show(
            _styled(money(net, currency), net),
            extra("net") or f"{count} entr{'ies' if count != 1 else 'y'}",
        )
        rate = main.savings_rate if main else None
        self.query_one("#card-rate", MetricCard).show(
            _styled(percent(rate), rate or zero),
            "" if rate is None else "of income kept" if rate >= 0 else "overspent",
        )
