"""FopymesApp: holds the AppContext and the Principal, installs the screens, nothing else.

The app is the composition point of the dashboard: it receives the context and principal
built once by `fopymes tui` (or by a test, with its own database and frozen clock), keeps
the live watcher running, turns DataChanged into a signal the visible screens follow, and
shows ServiceFailed as notifications. Screens and widgets do the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.worker import get_current_worker

from fopymes_cli.tui import commands, live
from fopymes_cli.tui.messages import DataChanged, ServiceFailed, reporting
from fopymes_cli.tui.screens.accounts import AccountsScreen
from fopymes_cli.tui.screens.budgets import BudgetsScreen
from fopymes_cli.tui.screens.categories import CategoriesScreen
from fopymes_cli.tui.screens.dashboard import DashboardScreen
from fopymes_cli.tui.screens.debts import DebtsScreen
from fopymes_cli.tui.screens.goals import GoalsScreen
from fopymes_cli.tui.screens.help import HelpScreen
from fopymes_cli.tui.screens.notifications import NotificationsScreen
from fopymes_cli.tui.screens.schedules import SchedulesScreen
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_cli.tui.screens.transactions import TransactionsScreen
from fopymes_cli.tui.screens.workspaces import WorkspaceChoice, WorkspaceScreen
from fopymes_server.core.context import AppContext
from fopymes_server.core.money import format_money
from fopymes_server.core.principal import Principal
from fopymes_server.identity import service as identity
from fopymes_server.transactions.schemas import TransactionOut

DARK, LIGHT = "textual-dark", "textual-light"


class FopymesApp(App[None]):
    """The dashboard of one person in one workspace (switchable with `w`)."""

    CSS_PATH = Path(__file__).with_name("fopymes.tcss")
    TITLE = "fopymes"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        "dashboard": DashboardScreen,
        "transactions": TransactionsScreen,
        "categories": CategoriesScreen,
        "budgets": BudgetsScreen,
        "goals": GoalsScreen,
        "debts": DebtsScreen,
        "accounts": AccountsScreen,
        "schedules": SchedulesScreen,
        "notifications": NotificationsScreen,
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "switch_mode('dashboard')", "Dashboard", tooltip="Totals and charts"),
        Binding("t", "switch_mode('transactions')", "Transactions", tooltip="The ledger"),
        Binding("c", "switch_mode('categories')", "Categories", tooltip="Manage categories"),
        Binding("b", "switch_mode('budgets')", "Budgets", show=False, tooltip="Budget status"),
        Binding("g", "switch_mode('goals')", "Goals", show=False, tooltip="Savings goals"),
        Binding("l", "switch_mode('accounts')", "Accounts", show=False, tooltip="Balances"),
        Binding("o", "switch_mode('debts')", "Debts", show=False, tooltip="What is owed"),
        Binding("u", "switch_mode('schedules')", "Schedules", show=False, tooltip="Recurring"),
        Binding("n", "switch_mode('notifications')", "Notifications", show=False, tooltip="Inbox"),
        Binding("w", "switch_workspace", "Workspace", tooltip="Switch to another workspace"),
        Binding("f1,question_mark", "help", "Help", key_display="?", tooltip="Key bindings"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, tooltip="Switch theme"),
        Binding("q", "quit", "Quit", tooltip="Leave the dashboard"),
    ]

    def __init__(
        self,
        ctx: AppContext,
        principal: Principal,
        *,
        live_updates: bool = True,
        poll_interval: float = 1.0,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.principal = principal
        self.currency: str | None = None
        self.live_updates = live_updates
        self.poll_interval = poll_interval
        self.cursor_blink = cursor_blink
        self.live_ready = False
        self.data_version = 0
        self.data_changed: Signal[DataChanged] = Signal(self, "data-changed")
        self.theme = DARK

    def on_mount(self) -> None:
        self._load_workspace()
        if self.live_updates:
            self._watch_changes(self.principal)

    @work(thread=True, exclusive=True, exit_on_error=False, group="workspace")
    def _load_workspace(self) -> None:
        with reporting(self), self.ctx.uow(write=False) as uow:
            workspace = identity.current_workspace(uow, self.principal)
            self.call_from_thread(self._show_workspace, workspace.name, workspace.currency)

    def _show_workspace(self, name: str, currency: str) -> None:
        self.sub_title = f"{name} · {currency}"
        self.currency = currency

    @work(thread=True, exclusive=True, exit_on_error=False, group="live")
    def _watch_changes(self, principal: Principal) -> None:
        self.live_ready = False

        def ready() -> None:
            self.live_ready = True

        live.watch(
            get_current_worker(),
            self,
            self.ctx,
            principal,
            poll_interval=self.poll_interval,
            on_ready=ready,
        )

    def on_data_changed(self, change: DataChanged) -> None:
        self.data_version += 1
        self.data_changed.publish(change)

    def on_service_failed(self, failure: ServiceFailed) -> None:
        hint = failure.error.hint if failure.error and failure.error.hint else ""
        text = failure.summary + (f"\nHint: {hint}" if hint else "")
        if failure.details:
            self.log.error(failure.details)
        self.notify(
            text, title="Refused" if failure.error else "Error", severity="error", markup=False
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Switching screens or workspace under an open form would strand the form.
        if action in {"switch_mode", "switch_workspace", "add_transaction"}:
            return not isinstance(self.screen, ModalScreen)
        return True

    def action_add_transaction(self) -> None:
        self.push_screen(TransactionForm(), self._saved)

    def edit_transaction(self, transaction: TransactionOut) -> None:
        self.push_screen(TransactionForm(transaction), self._saved)

    def _saved(self, saved: TransactionOut | None) -> None:
        if saved is None:
            return
        verb = "Updated" if saved.version > 1 else "Recorded"
        amount = format_money(saved.amount, saved.currency)
        self.notify(f"{verb} {saved.kind.value} {amount}: {saved.description}", markup=False)
        self.post_message(DataChanged(("transaction.saved",)))

    def action_switch_workspace(self) -> None:
        self.push_screen(WorkspaceScreen(), self._use_workspace)

    def _use_workspace(self, choice: WorkspaceChoice | None) -> None:
        if choice is None or choice.principal == self.principal:
            return
        self.principal = choice.principal
        self._show_workspace(choice.name, choice.currency)
        if self.live_updates:
            self._watch_changes(self.principal)
        self.post_message(DataChanged(workspace_switched=True))
        self.notify(f"Now in {choice.name}", markup=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from commands.for_screen(self, screen)
        yield from super().get_system_commands(screen)
