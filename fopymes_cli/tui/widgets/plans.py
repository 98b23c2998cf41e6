"""The dashboard's plans: budgets as coloured progress bars, goals with their pace, and the
scheduled transactions of the coming weeks.

Every figure is the service's (`budgets.status`, `goals.service.show`, `scheduled.forecast`):
the verdict colours a budget (green on track, yellow at risk, red over), the pace says
whether a goal is ahead of the straight line to its deadline. These widgets only draw.
"""

from __future__ import annotations

from decimal import Decimal

from textual.content import Content
from textual.widget import Widget

from fopymes_cli.tui.formatting import money, percent
from fopymes_cli.tui.widgets.category_bars import bar
from fopymes_server.budgets.rules import Verdict
from fopymes_server.budgets.schemas import BudgetStatusOut
from fopymes_server.goals.schemas import GoalOut, PaceOut
from fopymes_server.scheduled.schemas import ForecastItemOut
from fopymes_server.transactions.schemas import Kind

VERDICT_STYLES = {
    Verdict.ON_TRACK: "$success",
    Verdict.AT_RISK: "$warning",
    Verdict.OVER: "$error",
}
_NAME_WIDTH = 14


def progress(fraction: Decimal, width: int) -> str:
    """A bar `fraction` (clamped to 0..1) of `width` cells on a light track."""
    filled = bar(max(Decimal(0), min(Decimal(1), fraction)), width).rstrip()
    return filled + "░" * (width - len(filled))


def _name(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def progress_line(
    width: int,
    name: str,
    fraction: Decimal,
    bar_style: str,
    figures: tuple[str, str],
    tail: tuple[str, str],
) -> Content:
    """`name ███░░ figures tail` in `width` cells, the figures never cut.

    The long figures when they fit beside a bar of at least four cells, else the short
    ones; then the name gives way (down to 8 cells), then the bar, then the tail (the
    percentage or pace word): one budget or goal per line, readable at 80 columns.
    """
    choices = [(text, cells) for text in figures for cells in (_NAME_WIDTH, 11, 8)]
    text, name_width = choices[-1]
    for text, name_width in choices:
        if width - name_width - len(text) - len(tail[0]) - 2 >= 4:
            break
    room = width - name_width - len(text) - len(tail[0]) - 2
    parts: list[str | tuple[str, str]] = [_name(name, name_width)]
    if room >= 1:
        parts += [(progress(fraction, room), bar_style), " "]
    parts += [(text, "bold")]
    if name_width + len(text) + 1 + len(tail[0]) <= width or room >= 1:
        parts += [" ", tail]
    return Content.assemble(*parts).truncate(width, ellipsis=True)


def _amounts(left: Decimal, right: Decimal, currency: str) -> tuple[str, str]:
    """`124.77 EUR / 600.00 EUR`, and `124.77/600.00` for narrow panels."""
    return f"{money(left, currency)} / {money(right, currency)}", f"{left:,}/{right:,}"


class _Lines(Widget):
    """A panel body that redraws from `lines()` at whatever width it has."""

    DEFAULT_CSS = "_Lines { height: 1fr; }"
    EMPTY = ""

    def lines(self, width: int) -> list[Content]:
        raise NotImplementedError

    def render(self) -> Content:
        lines = self.lines(self.content_size.width)
        if not lines:
            return Content.styled(self.EMPTY, "$text-muted")
        return Content("\n").join(lines)


class BudgetBars(_Lines):
    """Each budget's spending against its limit in the period that contains the day shown."""

    EMPTY = "No budgets: fopymes budget set CATEGORY AMOUNT"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[BudgetStatusOut] = []

    def show(self, items: list[BudgetStatusOut]) -> None:
        self._items = items
        self.refresh()

    def lines(self, width: int) -> list[Content]:
        result = []
        for item in self._items:
            used = percent(None if item.percent_used is None else item.percent_used / 100)
            fraction = item.spent / item.limit if item.limit else Decimal(1)
            style = VERDICT_STYLES[item.verdict]
            figures = _amounts(item.spent, item.limit, item.currency)
            result.append(
                progress_line(width, item.category, fraction, style, figures, (used, style))
            )
        return result


class GoalBars(_Lines):
    """Active goals: saved against target, and whether the pace keeps up with the deadline."""

    EMPTY = "No goals: fopymes goal add NAME TARGET"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[tuple[GoalOut, PaceOut | None]] = []

    def show(self, items: list[tuple[GoalOut, PaceOut | None]]) -> None:
        self._items = items
        self.refresh()

    def lines(self, width: int) -> list[Content]:
        result = []
        for goal, pace in self._items:
            if pace is None:
                verdict = ("", "$text-muted")
            elif pace.on_track:
                verdict = ("on pace", "$success")
            else:
                verdict = ("behind", "$warning")
            fraction = goal.saved / goal.target if goal.target else Decimal(1)
            figures = _amounts(goal.saved, goal.target, goal.currency)
            result.append(progress_line(width, goal.name, fraction, "$accent", figures, verdict))
        return result


class UpcomingList(_Lines):
    """Scheduled incomes and expenses of the coming days, soonest first."""

    EMPTY = "Nothing scheduled: fopymes schedule add"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[ForecastItemOut] = []

    def show(self, items: list[ForecastItemOut]) -> None:
        # A planned transfer is two forecast items (out of one account, into the other):
        # it is one plan, listed once, by the leg that leaves.
        self._items = [i for i in items if not (i.kind is Kind.TRANSFER and i.change > 0)]
        self.refresh()

    def lines(self, width: int) -> list[Content]:
        result = []
        for item in self._items[: max(1, self.content_size.height)]:
            sign, style = {
                Kind.INCOME: ("+", "$success"),
                Kind.EXPENSE: ("-", "$error"),
            }.get(item.kind, ("", ""))
            amount = f"{sign}{money(item.amount, item.currency)}"
            name_width = max(4, width - len(amount) - 13)
            name = (
                item.schedule
                if len(item.schedule) <= name_width
                else item.schedule[: name_width - 1] + "…"
            )
            result.append(
                Content.assemble(
                    (f"{item.date:%d %b}  ", "$text-muted"),
                    name.ljust(name_width),
                    " ",
                    (amount, style),
                )
            )
        return result
