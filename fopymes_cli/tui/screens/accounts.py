"""Accounts: where the money is, each account's balance today and net worth per currency.

The rows and the totals are `accounts.service.balance_sheet`, the figures `account list`
prints; the line above the table gives assets, liabilities and net worth per currency.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountBalance, NetWorth
from fopymes_server.core.principal import Principal

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork


class AccountsScreen(TableScreen):
    """Every open account with its type, currency and balance today."""

    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("Account", 8, Fit.SHRINK),
        Col("Type", 8, optional=True),
        Col("Currency", 8),
        Col("Balance", 12, right=True),
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
        style = "red" if item.balance < 0 else ""
        return (
            Text(item.name),
            item.type.value.replace("_", " "),
            item.currency,
            Text(money(item.balance, item.currency), justify="right", style=style),
        )

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
