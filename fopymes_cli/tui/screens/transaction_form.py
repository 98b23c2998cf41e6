"""Add or edit a transaction in a modal form; refusals appear beside the field they concern.

The form only gathers text. The amount boxes accept sums (`12.50+3`, see arithmetic.py);
everything else (is it a date, does the category exist and fit the kind, are there too
many decimals) is decided by `transactions.service`, and the ValidationError it raises
names the field, which is mapped back to its box here. Nothing is written unless the
service accepts the whole transaction.

The kind "transfer" turns the form into one between two accounts: From account (the method
box), To account, the amount that leaves, what arrives (only between currencies), date and
description, saved by `accounts.transfers.transfer`. A recorded transfer keeps its accounts
and amounts (the service refuses changing them), so editing one leaves those boxes read-only
and changes only its date, description and note.

An income or expense can be split among categories: "+ part" (ctrl+n) adds parts, each
with a category, an amount (blank: the remainder) and a note, and the line below them says
what is left to assign of the amount; while there are parts the category box is hidden
(a split has none of its own). Removing every part makes it one category again.
"""

from __future__ import annotations

from decimal import Decimal
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
from fopymes_cli.tui.widgets.split_parts import SplitParts
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import ValidationError
from fopymes_server.payees import service as payees
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, SplitCreate, TransactionOut

# Service field names (ValidationError.field) -> the box that shows the error.
FIELD_BOXES = {
    "kind": "kind",
    "amount": "amount",
    "currency": "amount",
    "date": "date",
    "category": "category",
    "payment method": "method",
    "from": "method",
    "to": "to",
    "to amount": "to-amount",
    "description": "description",
    "note": "note",
    "payee": "payee",
    "tag": "tags",
    "splits": "parts",
}
_TEXT_BOXES = (
    "amount",
    "date",
    "category",
    "method",
    "to",
    "to-amount",
    "payee",
    "description",
    "note",
    "tags",
)
_LABELS = {"to": "To account", "to-amount": "To amount"}
_TRANSFER_ONLY = ("to", "to-amount")
_NOT_IN_TRANSFER = ("category", "payee", "tags")
"""A transfer is neither income nor expense: no category, and (here) no payee or tags."""
_FIXED_IN_TRANSFER = ("amount", "method", "to", "to-amount")
"""A recorded transfer's accounts and amounts stay as they are (transactions.service.edit)."""
_KINDS = {
    Kind.EXPENSE: "Expense",
    Kind.INCOME: "Income",
    Kind.TRANSFER: "Transfer",
}


class NamesLoaded(Message):
    def __init__(
        self, by_kind: dict[Kind, list[str]], methods: list[str], payees: list[str]
    ) -> None:
        super().__init__()
        self.by_kind = by_kind
        self.methods = methods
        self.payees = payees


class TransactionForm(FopymesModal[TransactionOut | None]):
    """A new transaction (no argument) or changes to `existing`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save (Enter in any box does too)"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
        Binding("ctrl+n", "add_part", "Add part", tooltip="Split the amount among categories"),
    ]

    def __init__(self, existing: TransactionOut | None = None) -> None:
        super().__init__()
        self.existing = existing
        self._names: dict[Kind, list[str]] = {}

    def compose(self) -> ComposeResult:
        item = self.existing
        today = self.app.ctx.clock.today().isoformat()
        with Vertical(id="transaction-form", classes="dialog"):
            yield Label(_title(item), classes="title")
            yield from self._row(
                "kind",
                "Kind",
                Select(
                    [(_KINDS[kind], kind.value) for kind in _kinds(item)],
                    value=(item.kind if item else Kind.EXPENSE).value,
                    allow_blank=False,
                    compact=True,
                    id="kind",
                ),
            )
            counter = (
                item.counter_amount if item and item.counter_currency != item.currency else None
            )
            values = {
                "amount": f"{item.amount}" if item else "",
                "date": item.date.isoformat() if item else today,
                "category": item.category or "" if item else "",
                "method": item.payment_method or "" if item else "",
                "to": item.counter_account or "" if item else "",
                "to-amount": f"{counter}" if counter is not None else "",
                "description": item.description if item else "",
                "note": item.note or "" if item else "",
                "payee": item.payee or "" if item else "",
                "tags": " ".join(item.tags) if item else "",
            }
            hints = {
                "amount": "e.g. 12.50+3",
                "date": "YYYY-MM-DD, today, yesterday",
                "to-amount": "only between currencies",
                "payee": "who it was with",
                "tags": "e.g. trip-2026 work",
            }
            for box in _TEXT_BOXES:
                field = Input(values[box], placeholder=hints.get(box, ""), compact=True, id=box)
                yield from self._row(box, _LABELS.get(box, box.capitalize()), field)
                if box == "category":
                    yield SplitParts(item.splits if item else (), id="parts")
                    yield Static(id="parts-error", classes="error", markup=False)
            yield Static(id="form-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def _row(self, box: str, title: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="form-row", id=f"{box}-row"):
            yield Label(title, classes="form-label", id=f"{box}-label")
            yield widget
        yield Static(id=f"{box}-error", classes="error", markup=False)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink
        self.clear_errors()
        self._show_kind()
        if self.existing is not None and self.existing.kind is Kind.TRANSFER:
            self.query_one("#kind", Select).disabled = True
            for box in _FIXED_IN_TRANSFER:
                self.query_one(f"#{box}", Input).disabled = True
            self.query_one("#date", Input).focus()
        else:
            self.query_one("#amount", Input).focus()
        self._fetch_names()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-names")
    def _fetch_names(self) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            listed = categories.list_categories(uow, app.principal)
            by_kind = {k: [c.name for c in listed if c.kind.value == k.value] for k in Kind}
            methods = [m.name for m in accounts.list_methods(uow, app.principal)]
            known = [p.name for p in payees.list_names(uow, app.principal)]
            self.post_message(NamesLoaded(by_kind, methods, known))

    def on_names_loaded(self, loaded: NamesLoaded) -> None:
        self._names = loaded.by_kind
        for box in ("method", "to"):
            self.query_one(f"#{box}", Input).suggester = SuggestFromList(
                loaded.methods, case_sensitive=False
            )
        self.query_one("#payee", Input).suggester = SuggestFromList(
            loaded.payees, case_sensitive=False
        )
        self._suggest_categories()

    def _kind(self) -> Kind:
        return Kind(str(self.query_one("#kind", Select).value))

    def _suggest_categories(self) -> None:
        self.query_one("#category", Input).suggester = SuggestFromList(
            self._names.get(self._kind(), []), case_sensitive=False
        )

    def _show_kind(self) -> None:
        """A transfer has accounts at both ends and no category; the others the reverse."""
        transfer = self._kind() is Kind.TRANSFER
        for box in _TRANSFER_ONLY:
            self.query_one(f"#{box}-row").display = transfer
        for box in _NOT_IN_TRANSFER:
            self.query_one(f"#{box}-row").display = not transfer
        parts = self.query_one(SplitParts)
        parts.display = not transfer
        self.query_one("#category-row").display = not transfer and not parts.rows
        self.query_one("#method-label", Label).update("From account" if transfer else "Method")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.clear_errors()
        self._show_kind()
        self._suggest_categories()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("amount", "to-amount"):
            self._preview_amount(event.input.id, event.value)
        if event.input.id == "amount" or event.input.has_class("part-amount"):
            self._show_left()

    def action_add_part(self) -> None:
        if self._kind() is not Kind.TRANSFER:
            self.query_one(SplitParts).add_part()

    def on_split_parts_parts_changed(self, event: SplitParts.PartsChanged) -> None:
        self._show_kind()
        self._show_left()
        blank = [row for row in self.query_one(SplitParts).rows if not row.text()[0]]
        if blank:
            blank[0].query_one(".part-category", Input).focus()

    def _show_left(self) -> None:
        try:
            total: Decimal | None = arithmetic.evaluate(self.query_one("#amount", Input).value)
        except ValidationError:
            total = None
        self.query_one(SplitParts).show_left(total)

    def _preview_amount(self, box: str, text: str) -> None:
        if arithmetic.is_plain_number(text) or not text.strip():
            self.show_error(box, "")
            return
        try:
            value = arithmetic.evaluate(text)
        except ValidationError:
            self.show_error(box, "", note="…")
            return
        self.show_error(box, "", note=f"= {value:f}")

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
        kind = self._kind()
        amounts: dict[str, Decimal | None] = {}
        for box in ("amount", "to-amount") if kind is Kind.TRANSFER else ("amount",):
            if box == "to-amount" and not text[box].strip():
                amounts[box] = None
                continue
            try:
                amounts[box] = arithmetic.evaluate(text[box])
            except ValidationError as error:
                self.show_error(box, error.rule)
                self.query_one(f"#{box}", Input).focus()
                return
        if kind is Kind.TRANSFER and self.existing is None:
            self._transfer(amounts, text)
            return
        try:
            parts = self.query_one(SplitParts).parts()
        except ValidationError as error:
            self.show_error("parts", error.rule)
            return
        self._save(kind, amounts["amount"], text, parts)

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-save")
    def _transfer(self, amounts: dict[str, Decimal | None], text: dict[str, str]) -> None:
        app = self.app
        data = transfers.TransferCreate(
            amount=amounts["amount"] or Decimal(0),
            from_account=text["method"].strip(),
            to_account=text["to"].strip(),
            to_amount=amounts["to-amount"],
            date=text["date"].strip() or "today",
            description=text["description"],
            note=text["note"].strip() or None,
        )
        with reporting(self), app.ctx.uow(write=True) as uow:
            saved = transfers.transfer(uow, app.principal, data)
            self.app.call_from_thread(self.dismiss, saved)

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-save")
    def _save(
        self, kind: Kind, amount: Any, text: dict[str, str], parts: list[SplitCreate]
    ) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            principal = app.principal
            if parts:
                text = {**text, "category": ""}  # hidden while there are parts
            with as_field("category"):
                if text["category"].strip():
                    categories.resolve(uow, principal, text["category"].strip())
            with as_field("payment method"):
                if text["method"].strip():
                    accounts.resolve(uow, principal, text["method"].strip())
            if self.existing is None:
                data = create_from(kind, amount, text, parts)
                saved = transactions.record(uow, principal, data=data)
            else:
                changes = changes_from(self.existing, kind, amount, text, parts)
                saved = transactions.edit(uow, principal, self.existing.id, changes=changes)
            self.app.call_from_thread(self.dismiss, saved)

    def on_service_failed(self, failure: ServiceFailed) -> None:
        if failure.error is None:
            return  # unexpected: the app reports it
        failure.stop()
        error = failure.error
        box = FIELD_BOXES.get(failure.field or "")
        hint = f" ({error.hint})" if error.hint else ""
        if box is None:
            self.show_error("form", error.message + hint)
            return
        self.show_error(
            box, (error.rule if isinstance(error, ValidationError) else error.message) + hint
        )
        self.query_one(f"#{box}").focus()


def _title(item: TransactionOut | None) -> str:
    if item is None:
        return "New transaction"
    if item.kind is Kind.TRANSFER:
        return "Edit transfer (its accounts and amounts stay as recorded)"
    return "Edit transaction"


def _kinds(item: TransactionOut | None) -> tuple[Kind, ...]:
    """What the kind box offers: a recorded income or expense cannot become a transfer,
    nor a transfer anything else."""
    if item is None:
        return (Kind.EXPENSE, Kind.INCOME, Kind.TRANSFER)
    if item.kind is Kind.TRANSFER:
        return (Kind.TRANSFER,)
    return (Kind.EXPENSE, Kind.INCOME)
