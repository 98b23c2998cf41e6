"""Accounts: where the money is, each account's balance today and net worth per currency.

The rows and the totals are `accounts.service.balance_sheet`, the figures `account list`
prints: the balance with every line, and the cleared balance without the pending ones (what
the bank's statement should show). The line above the table gives assets, liabilities and
net worth per currency. Enter opens the selected account's register (register.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.screens.register import RegisterScreen
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountBalance, NetWorth
from fopymes_server.core.principal import Principal

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork


def _balance(amount: Decimal | None, currency: str) -> Text:
    if amount is None:
        return Text("")
    return Text(money(amount, currency), justify="right", style="red" if amount < 0 else "")


class AccountsScreen(TableScreen):
    """Every open account with its type, currency, balance and cleared balance today."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_register", "Register", tooltip="The account's movements"),
    ]

    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("Account", 8, Fit.SHRINK),
        Col("Type", 8, optional=True),
        Col("Currency", 8),
        Col("Balance", 12, right=True),
        Col("Cleared", 12, right=True),
    )
    EMPTY = "No accounts yet: fopymes account add NAME --type checking"

    def __init__(self) -> None:
        super().__init__()
        self.totals: list[NetWorth] = []

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        sheet = accounts.balance_sheet(uow, principal)
        self.totals = sheet.totals
        return list(sheet.accounts)

    def key(self, item: AccountBalance) -> str:
        return f"{item.account_id}:{item.currency}"

    def cells(self, item: AccountBalance) -> tuple[Cell, ...]:
        return (
            Text(item.name),
            item.type.value.replace("_", " "),
            item.currency,
            _balance(item.balance, item.currency),
            _balance(item.cleared_balance, item.currency),
        )

    def action_open_register(self) -> None:
        item = self.selected
        if item is not None:
            self.app.push_screen(RegisterScreen(item.account_id, item.name))

    def on_data_table_row_selected(self) -> None:
        self.action_open_register()

    def heading(self, items: list[Any]) -> Text:
        if not items:
            return Text(self.EMPTY)
        parts = [
            f"{t.currency}: assets {money(t.assets, t.currency)}, "
            f"liabilities {money(t.liabilities, t.currency)}, "
            f"net worth {money(t.net_worth, t.currency)}"
            for t in self.totals
        ]
        return Text("; ".join(parts))
