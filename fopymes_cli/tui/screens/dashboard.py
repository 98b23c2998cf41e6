"""The dashboard: one period's totals, net worth, where the money went, the year's trend,
the latest rows.

Everything on it comes from one thread worker that opens one read-only unit of work and
calls the summary, accounts and transaction services, so the cards, the net worth, the bars
and the list agree with each other (one snapshot) and the event loop never waits for the
database. Net worth is the balance sheet's at the end of the period (today at the latest).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static

from fopymes_cli.tui.messages import reporting
from fopymes_cli.tui.period import Period
from fopymes_cli.tui.screens.base import DataScreen
from fopymes_cli.tui.widgets.cards import PeriodCards
from fopymes_cli.tui.widgets.category_bars import CategoryBars
from fopymes_cli.tui.widgets.net_worth import NetWorthPanel
from fopymes_cli.tui.widgets.plans import BudgetBars, GoalBars, UpcomingList
from fopymes_cli.tui.widgets.recent import RecentTransactions
from fopymes_cli.tui.widgets.trend_chart import TrendChart
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import NetWorth
from fopymes_server.budgets import status as budgets
from fopymes_server.budgets.schemas import BudgetStatusOut
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import GoalOut, GoalStatus, PaceOut
from fopymes_server.identity import service as identity
from fopymes_server.notifications import service as notifications
from fopymes_server.scheduled import forecast
from fopymes_server.scheduled.schemas import ForecastItemOut
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions import summary
from fopymes_server.transactions.schemas import TransactionOut
from fopymes_server.transactions.summary_schemas import CategoryTotal, MonthTotals, PeriodTotals

RECENT_ROWS = 30
GOALS_SHOWN = 6
UPCOMING_DAYS = 30


@dataclass(frozen=True)
class DashboardData:
    period: Period
    currency: str
    totals: list[PeriodTotals]
    categories: list[CategoryTotal]
    trend: list[MonthTotals]
    recent: list[TransactionOut]
    worth_on: dt.date
    net_worth: list[NetWorth]


@dataclass(frozen=True)
class PlansData:
    """The panels fed by other features; loaded apart so a slow one never delays the figures."""

    period: Period
    budgets: list[BudgetStatusOut]
    goals: list[tuple[GoalOut, PaceOut | None]]
    upcoming: list[ForecastItemOut]
    unread: int


class DashboardLoaded(Message):
    def __init__(self, data: DashboardData) -> None:
        super().__init__()
        self.data = data


class PlansLoaded(Message):
    def __init__(self, data: PlansData) -> None:
        super().__init__()
        self.data = data


class DashboardScreen(DataScreen):
    """Income, expenses, net and savings rate of a period, with charts; ←/→ move the period."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the scrolling body (focused, so ↑/↓ scroll at 80x24) would take ←/→.
        Binding(
            "left",
            "move(-1)",
            "Previous",
            key_display="←",
            priority=True,
            tooltip="The previous period",
        ),
        Binding(
            "right", "move(1)", "Next", key_display="→", priority=True, tooltip="The next period"
        ),
        Binding("p", "change_span", "Month/quarter/year", tooltip="Change the period length"),
        Binding("a", "app.add_transaction", "Add", tooltip="Record an income, expense or transfer"),
        Binding("r", "reload", "Refresh", show=False, tooltip="Load the figures again"),
    ]

    AUTO_FOCUS = "#dashboard-body"

    def __init__(self) -> None:
        super().__init__()
        self.period = Period.containing(self.app.ctx.clock.today())
        self._shown: DashboardData | None = None
        self._plans: PlansData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard-body"):
            yield Static(id="period-bar")
            yield PeriodCards(id="cards")
            yield NetWorthPanel(id="net-worth", classes="panel")
            with Horizontal(id="charts"):
                with Vertical(id="spending-panel", classes="panel"):
                    yield CategoryBars(id="spending")
                with Vertical(id="trend-panel", classes="panel"):
                    yield TrendChart(id="trend")
            with Horizontal(id="plans"):
                with Vertical(id="budgets-panel", classes="panel"):
                    yield BudgetBars(id="budgets")
                with Vertical(id="goals-panel", classes="panel"):
                    yield GoalBars(id="goals")
            with Horizontal(id="lists"):
                with Vertical(id="recent-panel", classes="panel"):
                    yield RecentTransactions(id="recent")
                with Vertical(id="upcoming-panel", classes="panel"):
                    yield UpcomingList(id="upcoming")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#net-worth").border_title = "Net worth"
        self.query_one("#spending-panel").border_title = "Spending by category"
        self.query_one("#trend-panel").border_title = "Last 12 months"
        self.query_one("#recent-panel").border_title = "Recent transactions"
        self.query_one("#budgets-panel").border_title = "Budgets"
        self.query_one("#goals-panel").border_title = "Goals"
        self.query_one("#upcoming-panel").border_title = f"Next {UPCOMING_DAYS} days"
        self.query_one("#dashboard-body").loading = True
        self._show_period(loading=True)

    def reload(self) -> None:
        self._fetch(self.period)
        self._fetch_plans(self.period)

    def action_reload(self) -> None:
        self.reload()

    def action_move(self, steps: int) -> None:
        self.period = self.period.shift(steps)
        self._show_period(loading=True)
        self.reload()

    def action_change_span(self) -> None:
        self.period = self.period.with_span(self.period.span.following())
        self._show_period(loading=True)
        self.reload()

    def workspace_switched(self) -> None:
        self.query_one("#dashboard-body").loading = True

    def _show_period(self, *, loading: bool) -> None:
        unread = self._plans.unread if self._plans else 0
        self.query_one("#period-bar", Static).update(
            Content.assemble(
                ("◀ ", "$text-muted"),
                (self.period.label, "bold"),
                (" ▶", "$text-muted"),
                (f"   {self.period.start} – {self.period.end}", "$text-muted"),
                ("   loading…" if loading else "", "italic $text-muted"),
                (f"   {unread} unread (n)" if unread else "", "bold $warning"),
            )
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard")
    def _fetch(self, period: Period) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            principal = app.principal
            worth_on = min(period.end, uow.clock.today())
            data = DashboardData(
                period=period,
                currency=identity.current_workspace(uow, principal).currency,
                totals=summary.totals(uow, principal, period.start, period.end),
                categories=summary.by_category(uow, principal, period.start, period.end),
                trend=summary.monthly_trend(uow, principal, period.last_month),
                recent=transactions.list_transactions(uow, principal, limit=RECENT_ROWS).items,
                worth_on=worth_on,
                net_worth=accounts.balance_sheet(uow, principal, on=worth_on).totals,
            )
            self.post_message(DashboardLoaded(data))

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard-plans")
    def _fetch_plans(self, period: Period) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            principal = app.principal
            # Budgets in the budget period holding the last day shown (today at the latest).
            budget_day = min(period.end, uow.clock.today())
            active = [g for g in goals.list_goals(uow, principal) if g.status is GoalStatus.ACTIVE]
            data = PlansData(
                period=period,
                budgets=budgets.status(uow, principal, on=budget_day),
                goals=[
                    (goal, goals.show(uow, principal, goal.id).pace)
                    for goal in active[:GOALS_SHOWN]
                ],
                upcoming=forecast.upcoming(uow, principal, days=UPCOMING_DAYS).items,
                unread=notifications.unread_count(uow, principal),
            )
            self.post_message(PlansLoaded(data))

    def on_plans_loaded(self, loaded: PlansLoaded) -> None:
        if loaded.data.period != self.period:
            return
        self._plans = loaded.data
        self._show_period(loading=self._shown is None or self._shown.period != self.period)
        self.query_one(BudgetBars).show(loaded.data.budgets)
        self.query_one(GoalBars).show(loaded.data.goals)
        self.query_one(UpcomingList).show(loaded.data.upcoming)

    def on_dashboard_loaded(self, loaded: DashboardLoaded) -> None:
        data = loaded.data
        if data.period != self.period:
            return  # an answer for a period the user has already left
        self._shown = data
        self.query_one("#dashboard-body").loading = False
        self._show_period(loading=False)
        self.query_one(PeriodCards).show(data.totals, data.currency)
        self.query_one(NetWorthPanel).show(data.net_worth, data.worth_on)
        self.query_one(CategoryBars).show(data.categories, data.currency)
        self.query_one(TrendChart).show(
            data.trend, data.currency, (self.period.start, self.period.end)
        )
        self.query_one(RecentTransactions).show(data.recent)

    @property
    def shown(self) -> DashboardData | None:
        """The figures on screen (tests and benchmarks wait on this)."""
        return self._shown

    @property
    def plans(self) -> PlansData | None:
        """The plan panels on screen: budgets, goals, upcoming, unread."""
        return self._plans
