"""A money movement in a small modal: contribute to a goal, record a debt payment.

Amount (sums allowed), date, an optional payment method (completed from the workspace's
methods) and a note. The caller passes the service call to make; its refusals come back
beside the box they name, exactly as in the transaction form.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from fopymes_cli.tui import arithmetic
from fopymes_cli.tui.messages import ServiceFailed, as_field, reporting
from fopymes_cli.tui.screens.base import FopymesModal
from fopymes_server.accounts import service as accounts
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork


class MoneyMove:
    """What the form collected, handed to the caller's service call."""

    def __init__(self, amount: Decimal, date: str, method: str | None, note: str | None):
        self.amount = amount
        self.date = date
        self.method = method
        self.note = note


# The service call: (uow, principal, move) -> a sentence saying what was done.
Saver = Callable[["UnitOfWork", Principal, MoneyMove], str]
_BOXES = {"amount": "amount", "date": "date", "payment method": "method", "note": "note"}


class AmountForm(FopymesModal[str | None]):
    """Dismisses with the saver's sentence once the service accepted the move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, saver: Saver, *, method_label: str = "From method") -> None:
        super().__init__()
        self._title = title
        self._saver = saver
        self._method_label = method_label

    def compose(self) -> ComposeResult:
        today = self.app.ctx.clock.today().isoformat()
        with Vertical(id="amount-form", classes="dialog"):
            yield Label(self._title, classes="title", markup=False)
            for box, label, value in (
                ("amount", "Amount", ""),
                ("date", "Date", today),
                ("method", self._method_label, ""),
                ("note", "Note", ""),
            ):
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    hint = "optional" if box in ("method", "note") else ""
                    yield Input(value, compact=True, id=box, placeholder=hint)
                yield Static(id=f"{box}-error", classes="error", markup=False)
            yield Static(id="form-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink
        for line in self.query(".error"):
            line.display = False
        self.query_one("#amount", Input).focus()
        self._fetch_methods()

    @work(thread=True, exclusive=True, exit_on_error=False, group="amount-form-names")
    def _fetch_methods(self) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            names = [m.name for m in accounts.list_methods(uow, app.principal)]
            self.app.call_from_thread(self._suggest, names)

    def _suggest(self, names: list[str]) -> None:
        self.query_one("#method", Input).suggester = SuggestFromList(names, case_sensitive=False)

    def _show(self, box: str, message: str) -> None:
        line = self.query_one(f"#{box}-error", Static)
        line.update(message)
        line.display = bool(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        for line in self.query(".error"):
            line.display = False
        text = {box: self.query_one(f"#{box}", Input).value.strip() for box in _BOXES.values()}
        try:
            amount = arithmetic.evaluate(text["amount"])
        except ValidationError as error:
            self._show("amount", error.rule)
            return
        move = MoneyMove(
            amount, text["date"] or "today", text["method"] or None, text["note"] or None
        )
        self._save(move)

    @work(thread=True, exclusive=True, exit_on_error=False, group="amount-form-save")
    def _save(self, move: MoneyMove) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            if move.method is not None:
                with as_field("payment method"):
                    accounts.resolve(uow, app.principal, move.method)
            done = self._saver(uow, app.principal, move)
            self.app.call_from_thread(self.dismiss, done)

    def on_service_failed(self, failure: ServiceFailed) -> None:
        error = failure.error
        if error is None:
            return
        failure.stop()
        hint = f" ({error.hint})" if error.hint else ""
        box = _BOXES.get(failure.field or "")
        if box is not None and isinstance(error, ValidationError):
            self._show(box, error.rule + hint)
            self.query_one(f"#{box}").focus()
        else:
            self._show("form", error.message + hint)
