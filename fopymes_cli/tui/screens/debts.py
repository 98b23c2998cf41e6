"""Debts: what you owe and are owed, today's balances, and recording a payment from here.

`p` opens the amount form for the selected debt and calls `debts.payments.pay`: the balance
is replayed by the service (interest first, then principal), and a payment larger than the
balance is refused beside the amount.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.messages import DataChanged
from fopymes_cli.tui.screens.amount_form import AmountForm, MoneyMove
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_server.core.principal import Principal
from fopymes_server.debts import payments
from fopymes_server.debts import service as debts
from fopymes_server.debts.rules import DebtStatus
from fopymes_server.debts.schemas import DebtOut, Direction, PaymentCreate

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork

STATUS_STYLES = {DebtStatus.OPEN: "", DebtStatus.PAID: "green", DebtStatus.OVERDUE: "red"}


class DebtsScreen(TableScreen):
    """Every debt with its balance today; `p` records a payment on the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "pay", "Record payment", tooltip="Record a payment on the selected debt"),
    ]
    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("Contact", 8, Fit.SHRINK),
        Col("Direction", 10),
        Col("What", 8, Fit.SHRINK),
        Col("Principal", 10, optional=True, right=True),
        Col("Balance", 10, right=True),
        Col("Due", 10),
        Col("Status", 6),
    )
    EMPTY = "No debts yet: fopymes debt add CONTACT AMOUNT --i-owe"

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        return debts.list_debts(uow, principal).items

    def key(self, item: DebtOut) -> str:
        return str(item.id)

    def cells(self, item: DebtOut) -> tuple[Cell, ...]:
        return (
            Text(item.contact),
            "I owe" if item.direction is Direction.I_OWE else "owed to me",
            Text(item.description),
            Text(money(item.principal, item.currency), justify="right"),
            Text(money(item.balance, item.currency), justify="right", style="bold"),
            item.due_date.isoformat() if item.due_date else "",
            Text(item.status.value.replace("_", " "), style=STATUS_STYLES[item.status]),
        )

    def action_pay(self) -> None:
        debt = self.selected
        if debt is None:
            return

        def save(uow: UnitOfWork, principal: Principal, move: MoneyMove) -> str:
            data = PaymentCreate(
                amount=move.amount, date=move.date, payment_method=move.method, note=move.note
            )
            detail = payments.pay(uow, principal, debt.id, data=data)
            balance = money(detail.debt.balance, detail.debt.currency)
            return f"Payment recorded; {debt.contact} balance {balance}"

        form = AmountForm(
            f"Payment on {debt.description or debt.contact}", save, method_label="Method"
        )
        self.app.push_screen(form, self._paid)

    def _paid(self, done: str | None) -> None:
        if done:
            self.app.notify(done, markup=False)
            self.post_message(DataChanged(("tui.write",)))
