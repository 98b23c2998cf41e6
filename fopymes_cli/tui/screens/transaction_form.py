"""Add or edit a transaction in a modal form; refusals appear beside the field they concern.

The form only gathers text. The amount box accepts sums (`12.50+3`, see arithmetic.py);
everything else (is it a date, does the category exist and fit the kind, are there too
many decimals) is decided by `transactions.service`, and the ValidationError it raises
names the field, which is mapped back to its box here. Nothing is written unless the
service accepts the whole transaction.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from fopymes_cli.tui import arithmetic
from fopymes_cli.tui.messages import ServiceFailed, as_field, reporting
from fopymes_cli.tui.screens.base import FopymesModal
from fopymes_cli.tui.transaction_values import changes_from, create_from
from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import ValidationError
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, TransactionOut

# Service field names (ValidationError.field) -> the box that shows the error.
FIELD_BOXES = {
    "kind": "kind",
    "amount": "amount",
    "currency": "amount",
    "date": "date",
    "category": "category",
    "payment method": "method",
    "description": "description",
    "note": "note",
}
_TEXT_BOXES = ("amount", "date", "category", "method", "description", "note")


class NamesLoaded(Message):
    def __init__(self, by_kind: dict[Kind, list[str]], methods: list[str]) -> None:
        super().__init__()
        self.by_kind = by_kind
        self.methods = methods


class TransactionForm(FopymesModal[TransactionOut | None]):
    """A new transaction (no argument) or changes to `existing`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save (Enter in any box does too)"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(self, existing: TransactionOut | None = None) -> None:
        super().__init__()
        self.existing = existing
        self._names: dict[Kind, list[str]] = {}

    def compose(self) -> ComposeResult:
        item = self.existing
        today = self.app.ctx.clock.today().isoformat()
        with Vertical(id="transaction-form", classes="dialog"):
            yield Label("Edit transaction" if item else "New transaction", classes="title")
            yield from self._row(
                "kind",
                "Kind",
                Select(
                    [("Expense", Kind.EXPENSE.value), ("Income", Kind.INCOME.value)],
                    value=(item.kind if item else Kind.EXPENSE).value,
                    allow_blank=False,
                    compact=True,
                    id="kind",
                ),
            )
            values = {
                "amount": f"{item.amount}" if item else "",
                "date": item.date.isoformat() if item else today,
                "category": item.category or "" if item else "",
                "method": item.payment_method or "" if item else "",
                "description": item.description if item else "",
                "note": item.note or "" if item else "",
            }
            hints = {"amount": "e.g. 12.50+3", "date": "YYYY-MM-DD, today, yesterday"}
            for box in _TEXT_BOXES:
                field = Input(values[box], placeholder=hints.get(box, ""), compact=True, id=box)
                yield from self._row(box, box.capitalize(), field)
            yield Static(id="form-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def _row(self, box: str, title: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(title, classes="form-label")
            yield widget
        yield Static(id=f"{box}-error", classes="error", markup=False)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink
        self.clear_errors()
        self.query_one("#amount", Input).focus()
        self._fetch_names()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-names")
    def _fetch_names(self) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            listed = categories.list_categories(uow, app.principal)
            by_kind = {k: [c.name for c in listed if c.kind.value == k.value] for k in Kind}
            methods = [m.name for m in accounts.list_methods(uow, app.principal)]
            self.post_message(NamesLoaded(by_kind, methods))

    def on_names_loaded(self, loaded: NamesLoaded) -> None:
        self._names = loaded.by_kind
        self.query_one("#method", Input).suggester = SuggestFromList(
            loaded.methods, case_sensitive=False
        )
        self._suggest_categories()

    def _kind(self) -> Kind:
        return Kind(str(self.query_one("#kind", Select).value))

    def _suggest_categories(self) -> None:
        self.query_one("#category", Input).suggester = SuggestFromList(
            self._names.get(self._kind(), []), case_sensitive=False
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        self._suggest_categories()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "amount":
            self._preview_amount(event.value)

    def _preview_amount(self, text: str) -> None:
        if arithmetic.is_plain_number(text) or not text.strip():
            self.show_error("amount", "")
            return
        try:
            value = arithmetic.evaluate(text)
        except ValidationError:
            self.show_error("amount", "", note="…")
            return
        self.show_error("amount", "", note=f"= {value:f}")

    def clear_errors(self) -> None:
        for error in self.query(".error"):
            error.display = False

    def show_error(self, box: str, message: str, *, note: str = "") -> None:
        """Write `message` (an error) or `note` (a hint) under the box; both empty hides it."""
        line = self.query_one(f"#{box}-error", Static)
        line.set_class(not message, "note")
        line.update(message or note)
        line.display = bool(message or note)

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
        self.clear_errors()
        text = {box: self.query_one(f"#{box}", Input).value for box in _TEXT_BOXES}
        try:
            amount = arithmetic.evaluate(text["amount"])
        except ValidationError as error:
            self.show_error("amount", error.rule)
            self.query_one("#amount", Input).focus()
            return
        self._save(self._kind(), amount, text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-save")
    def _save(self, kind: Kind, amount: Any, text: dict[str, str]) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            principal = app.principal
            with as_field("category"):
                if text["category"].strip():
                    categories.resolve(uow, principal, text["category"].strip())
            with as_field("payment method"):
                if text["method"].strip():
                    accounts.resolve(uow, principal, text["method"].strip())
            if self.existing is None:
                data = create_from(kind, amount, text)
                saved = transactions.record(uow, principal, data=data)
            else:
                changes = changes_from(self.existing, kind, amount, text)
                saved = transactions.edit(uow, principal, self.existing.id, changes=changes)
            self.app.call_from_thread(self.dismiss, saved)

    def on_service_failed(self, failure: ServiceFailed) -> None:
        if failure.error is None:
            return  # unexpected: the app reports it
        failure.stop()
        box = FIELD_BOXES.get(failure.field or "")
        hint = f" ({failure.error.hint})" if failure.error.hint else ""
        if box is None or not isinstance(failure.error, ValidationError):
            self.show_error("form", failure.error.message + hint)
            return
        self.show_error(box, failure.error.rule + hint)
        self.query_one(f"#{box}").focus()
