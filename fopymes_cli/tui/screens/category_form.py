"""Add a category (name, kind, optional parent) or rename one, in a small modal.

As with transactions, the service decides: a taken name (any case), a parent of the other
kind or a parent that is itself a child come back as errors shown beside the box.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from fopymes_cli.tui.messages import ServiceFailed, as_field, reporting
from fopymes_cli.tui.screens.base import FopymesModal
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryKind, CategoryOut
from fopymes_server.core.errors import ConflictError, ValidationError


class CategoryForm(FopymesModal[CategoryOut | None]):
    """A new category, or a new name for `existing`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, existing: CategoryOut | None = None, *, parents: list[str]) -> None:
        super().__init__()
        self.existing = existing
        self._parents = parents

    def compose(self) -> ComposeResult:
        renaming = self.existing is not None
        with Vertical(id="category-form", classes="dialog"):
            title = f"Rename {self.existing.name}" if self.existing else "New category"
            yield Label(title, classes="title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Name", classes="form-label")
                yield Input(self.existing.name if self.existing else "", compact=True, id="name")
            yield Static(id="name-error", classes="error", markup=False)
            if not renaming:
                with Horizontal(classes="form-row"):
                    yield Label("Kind", classes="form-label")
                    yield Select(
                        [("Expense", "expense"), ("Income", "income")],
                        value="expense",
                        allow_blank=False,
                        compact=True,
                        id="kind",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Parent", classes="form-label")
                    yield Input(
                        placeholder="none (top level)",
                        compact=True,
                        id="parent",
                        suggester=SuggestFromList(self._parents, case_sensitive=False),
                    )
                yield Static(id="parent-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink
        for line in self.query(".error"):
            line.display = False
        self.query_one("#name", Input).focus()

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
        name = self.query_one("#name", Input).value
        if self.existing is not None:
            self._save(name, None, None)
            return
        kind = CategoryKind(str(self.query_one("#kind", Select).value))
        parent = self.query_one("#parent", Input).value.strip() or None
        self._save(name, kind, parent)

    @work(thread=True, exclusive=True, exit_on_error=False, group="category-save")
    def _save(self, name: str, kind: CategoryKind | None, parent: str | None) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            if self.existing is not None:
                saved = categories.rename(uow, app.principal, self.existing.id, name=name)
            else:
                assert kind is not None
                if parent is not None:
                    with as_field("parent"):
                        categories.resolve(uow, app.principal, parent, include_archived=False)
                saved = categories.add(uow, app.principal, name=name, kind=kind, parent=parent)
            self.app.call_from_thread(self.dismiss, saved)

    def on_service_failed(self, failure: ServiceFailed) -> None:
        error = failure.error
        if error is None:
            return
        box = "parent" if failure.field == "parent" and self.existing is None else "name"
        if isinstance(error, ValidationError | ConflictError):
            failure.stop()
            rule = error.rule if isinstance(error, ValidationError) else error.message
            line = self.query_one(f"#{box}-error", Static)
            line.update(rule + (f" ({error.hint})" if error.hint else ""))
            line.display = True
