"""The help screen: every key binding, generated from the BINDINGS tables.

Listing the tables themselves (the app's and each screen's) keeps this page, the footer and
the command palette in step: a binding added anywhere shows up here without editing help.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from fopymes_cli.tui.commands import bindings_of
from fopymes_cli.tui.screens.accounts import AccountsScreen
from fopymes_cli.tui.screens.categories import CategoriesScreen
from fopymes_cli.tui.screens.dashboard import DashboardScreen
from fopymes_cli.tui.screens.debts import DebtsScreen
from fopymes_cli.tui.screens.goals import GoalsScreen
from fopymes_cli.tui.screens.notifications import NotificationsScreen
from fopymes_cli.tui.screens.register import RegisterScreen
from fopymes_cli.tui.screens.schedules import SchedulesScreen
from fopymes_cli.tui.screens.transaction_form import TransactionForm
from fopymes_cli.tui.screens.transactions import TransactionsScreen

_SECTIONS: tuple[tuple[str, type[DOMNode]], ...] = (
    ("Dashboard", DashboardScreen),
    ("Transactions", TransactionsScreen),
    ("Categories", CategoriesScreen),
    ("Goals", GoalsScreen),
    ("Accounts", AccountsScreen),
    ("Account register", RegisterScreen),
    ("Debts", DebtsScreen),
    ("Schedules", SchedulesScreen),
    ("Notifications", NotificationsScreen),
    ("Transaction form", TransactionForm),
)


def _key(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " / ".join(key.replace("_", " ") for key in binding.key.split(","))


def bindings_table(title: str, bindings: list[Binding]) -> Content:
    """A titled two-column list: the key, then what it does."""
    lines = [Content.styled(title, "bold $accent")]
    for binding in bindings:
        lines.append(
            Content.assemble(
                (f"  {_key(binding):<14}", "bold"), binding.tooltip or binding.description
            )
        )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys everywhere, then per screen; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close")
    ]

    def compose(self) -> ComposeResult:
        from fopymes_cli.tui.app import FopymesApp  # the app imports this module

        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Content.styled("fopymes dashboard — keys", "bold"))
            yield Static(
                Content(
                    "ctrl+p opens the command palette: every action below, searchable. "
                    "Amounts accept sums such as 12.50+3."
                )
            )
            yield Static(bindings_table("Everywhere", bindings_of(FopymesApp)))
            for title, screen in _SECTIONS:
                yield Static(bindings_table(title, bindings_of(screen)))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
