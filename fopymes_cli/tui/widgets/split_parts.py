"""The parts of a split transaction inside the transaction form, and what is left to assign.

A row per part (category, amount, note, a remove button) and a line below them: how much
of the total the parts leave unassigned, or how far they go over it. The amounts accept
sums like the form's amount box (`12.50+3`, see arithmetic.py). Whether the parts are
acceptable (categories of the kind, adding up exactly) is `transactions.service`'s to say;
this widget only turns the boxes into `SplitCreate` parts and keeps the running figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from fopymes_cli.tui import arithmetic
from fopymes_server.core.errors import ValidationError
from fopymes_server.transactions.schemas import SplitCreate, SplitOut


class PartRow(Horizontal):
    """One part: category, amount (blank: the remainder), note."""

    def __init__(self, category: str = "", amount: str = "", note: str = "") -> None:
        super().__init__(classes="part-row")
        self._values = (category, amount, note)

    def compose(self) -> ComposeResult:
        category, amount, note = self._values
        yield Input(category, placeholder="category", compact=True, classes="part-category")
        yield Input(amount, placeholder="rest", compact=True, classes="part-amount")
        yield Input(note, placeholder="note", compact=True, classes="part-note")
        yield Button("×", compact=True, classes="part-remove", tooltip="Remove this part")

    def text(self) -> tuple[str, str, str]:
        """(category, amount, note) as typed (as given, until its boxes are composed)."""
        boxes = list(self.query(Input))
        values = [box.value for box in boxes] if len(boxes) == 3 else self._values
        category, amount, note = (value.strip() for value in values)
        return category, amount, note


class SplitParts(Vertical):
    """The parts being edited; empty when the transaction has one category."""

    class PartsChanged(Message):
        """A part was added or removed (the form shows or hides its category box)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, parts: Sequence[SplitOut] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = list(parts)

    def compose(self) -> ComposeResult:
        for part in self._initial:
            yield PartRow(part.category, f"{part.amount}", part.note or "")
        with Horizontal(classes="part-footer"):
            yield Label("Split", classes="form-label")
            yield Button("+ part (ctrl+n)", compact=True, id="add-part")
            yield Static(id="split-left", markup=False)

    @property
    def rows(self) -> list[PartRow]:
        return list(self.query(PartRow))

    def add_part(self) -> None:
        """A new empty part; a first part starts the split with two (one the remainder)."""
        footer = self.query_one(".part-footer")
        for _ in range(2 if not self.rows else 1):
            self.mount(PartRow(), before=footer)
        self.call_after_refresh(self._announce)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-part":
            event.stop()
            self.add_part()
        elif event.button.has_class("part-remove") and isinstance(event.button.parent, PartRow):
            event.stop()
            event.button.parent.remove()
            self.call_after_refresh(self._announce)

    def _announce(self) -> None:
        self.post_message(self.PartsChanged(len(self.rows)))

    def parts(self) -> list[SplitCreate]:
        """The parts as the service takes them (blank rows left out); ValidationError
        (field `splits`) for an amount that is not a number or a sum."""
        found = []
        for position, row in enumerate(self.rows, start=1):
            category, amount, note = row.text()
            if not (category or amount or note):
                continue
            try:
                value = arithmetic.evaluate(amount) if amount else None
            except ValidationError as error:
                raise ValidationError("splits", f"part {position}: {error.rule}") from None
            found.append(SplitCreate(category=category, amount=value, note=note or None))
        return found

    def show_left(self, total: Decimal | None) -> None:
        """What the parts with an amount leave of `total` (None: the total is not a number)."""
        line = self.query_one("#split-left", Static)
        amounts = []
        for row in self.rows:
            text = row.text()[1]
            try:
                amounts.append(arithmetic.evaluate(text) if text else None)
            except ValidationError:
                line.update("")
                return
        if total is None or not amounts:
            line.update("")
            return
        left = total - sum((a for a in amounts if a is not None), Decimal(0))
        blank = sum(1 for a in amounts if a is None)
        if left < 0:
            line.update(f"{-left:f} over the total")
        elif blank:
            line.update(f"the blank part takes {left:f}" if blank == 1 else f"{left:f} to assign")
        else:
            line.update("all assigned" if left == 0 else f"{left:f} left to assign")
