"""The filter bar above the ledger: period, category, method, tag, kind and text.

The kind box also offers "Uncategorised": incomes and expenses that have no category.

Typing in the text box filters as you type (after a short pause); the other boxes apply on
Enter or when you leave them, so a half-typed category name is never looked up. The bar
only collects text; the screen turns it into a TransactionFilter and the service decides
what it means. A refused value is shown on the line under the bar, next to its field name.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Input, Select, Static

SEARCH_PAUSE = 0.3
UNCATEGORISED = "uncategorised"
"""The kind box's value for "incomes and expenses without a category"."""


@dataclass(frozen=True)
class FilterText:
    """What the bar holds, as typed (empty strings mean "any")."""

    period: str = ""
    category: str = ""
    method: str = ""
    kind: str = ""
    tag: str = ""
    search: str = ""


class FilterBar(Vertical):
    """Six filter boxes and a line for what was wrong with them."""

    class Changed(Message):
        def __init__(self, filters: FilterText) -> None:
            super().__init__()
            self.filters = filters

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._applied = FilterText()

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-fields"):
            yield Input(placeholder="period", id="filter-period", compact=True)
            yield Input(placeholder="category", id="filter-category", compact=True)
            yield Input(placeholder="method", id="filter-method", compact=True)
            yield Input(placeholder="tag", id="filter-tag", compact=True)
            yield Select(
                [("Expenses", "expense"), ("Income", "income"), ("Uncategorised", UNCATEGORISED)],
                prompt="Any kind",
                id="filter-kind",
                compact=True,
            )
            yield Input(placeholder="search text  (/)", id="filter-search", compact=True)
        yield Static(id="filter-error", markup=False)

    def current(self) -> FilterText:
        kind = self.query_one("#filter-kind", Select).value
        return FilterText(
            period=self.query_one("#filter-period", Input).value.strip(),
            category=self.query_one("#filter-category", Input).value.strip(),
            method=self.query_one("#filter-method", Input).value.strip(),
            kind=kind if isinstance(kind, str) else "",
            search=self.query_one("#filter-search", Input).value.strip(),
            tag=self.query_one("#filter-tag", Input).value.strip(),
        )

    def set_period(self, text: str) -> None:
        self.query_one("#filter-period", Input).value = text
        self._apply()

    def set_suggestions(
        self, categories: list[str], methods: list[str], tags: list[str] | None = None
    ) -> None:
        """Offer these names as completions (→ or End accepts a suggestion)."""
        self.query_one("#filter-tag", Input).suggester = SuggestFromList(
            tags or [], case_sensitive=False
        )
        self.query_one("#filter-category", Input).suggester = SuggestFromList(
            categories, case_sensitive=False
        )
        self.query_one("#filter-method", Input).suggester = SuggestFromList(
            methods, case_sensitive=False
        )

    def clear(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#filter-kind", Select).clear()
        self._apply()

    def show_error(self, field: str | None, message: str) -> None:
        """Show why a filter was refused (empty `message` clears the line)."""
        line = self.query_one("#filter-error", Static)
        line.update(f"{field}: {message}" if field and message else message)
        line.display = bool(message)

    def _apply(self) -> None:
        filters = self.current()
        if filters != self._applied:
            self._applied = filters
            self.post_message(self.Changed(filters))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self._apply()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter-search":
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(SEARCH_PAUSE, self._apply)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._apply()
