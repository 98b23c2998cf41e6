"""Categories: the tree of income and expense categories with the period's totals.

Sub-categories sit under their parent, archived ones are shown on request (`h`), and each
top-level row carries what it took or brought in this month (`summary.by_category`, with
sub-categories rolled in). Add, rename, archive/restore and delete call the categories
service, which refuses deleting a category that is in use.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.messages import DataChanged, reporting
from fopymes_cli.tui.period import Period
from fopymes_cli.tui.screens.base import DataScreen
from fopymes_cli.tui.screens.category_form import CategoryForm
from fopymes_cli.tui.screens.confirm import ConfirmScreen
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryOut
from fopymes_server.transactions import summary
from fopymes_server.transactions.summary_schemas import CategoryTotal


class CategoriesLoaded(Message):
    def __init__(self, items: list[CategoryOut], totals: list[CategoryTotal]) -> None:
        super().__init__()
        self.items = items
        self.totals = totals


class CategoriesScreen(DataScreen):
    """Every category with this month's total; a/r/x/del manage them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a category or sub-category"),
        Binding("r", "rename", "Rename", tooltip="Rename the selected category"),
        Binding("x", "archive", "Archive/restore", tooltip="Hide it from new transactions"),
        Binding("delete", "remove", "Delete", key_display="del", tooltip="Delete if unused"),
        Binding("h", "toggle_archived", "Show archived", tooltip="Show or hide archived ones"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self._items: dict[int, CategoryOut] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="categories-title")
        yield DataTable(id="categories", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Category", width=28)
        table.add_column("Kind", width=8)
        table.add_column("Status", width=9)
        table.add_column("This month", width=18)
        table.focus()

    @property
    def period(self) -> Period:
        return Period.containing(self.app.ctx.clock.today())

    def reload(self) -> None:
        self._fetch(self.show_archived, self.period)

    @work(thread=True, exclusive=True, exit_on_error=False, group="categories")
    def _fetch(self, include_archived: bool, period: Period) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            items = categories.list_categories(
                uow, app.principal, include_archived=include_archived
            )
            totals = summary.by_category(uow, app.principal, period.start, period.end, None)
            self.post_message(CategoriesLoaded(items, totals))

    def on_categories_loaded(self, loaded: CategoriesLoaded) -> None:
        table = self.query_one(DataTable)
        selected = self.selected
        table.clear()
        self._items = {item.id: item for item in loaded.items}
        by_id: dict[int, list[CategoryTotal]] = {}
        for total in loaded.totals:
            if total.category_id is not None:
                by_id.setdefault(total.category_id, []).append(total)
        for item in loaded.items:
            name = Text(("   └ " if item.parent_id else "") + item.name)
            if item.archived:
                name.stylize("dim")
            amounts = "  ".join(money(t.amount, t.currency) for t in by_id.get(item.id, []))
            table.add_row(
                name,
                item.kind.value,
                Text("archived", style="dim") if item.archived else "active",
                Text(amounts, justify="right"),
                key=str(item.id),
            )
        if selected is not None and selected.id in self._items:
            table.move_cursor(row=table.get_row_index(str(selected.id)), animate=False)
        shown = "all" if self.show_archived else "active"
        self.query_one("#categories-title", Static).update(
            Text(f"{len(loaded.items)} {shown} categories · totals for {self.period.label}")
        )

    @property
    def selected(self) -> CategoryOut | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self._items.get(int(str(key.value)))

    def _parents(self) -> list[str]:
        return [c.name for c in self._items.values() if c.parent_id is None and not c.archived]

    def action_add(self) -> None:
        self.app.push_screen(CategoryForm(parents=self._parents()), self._changed)

    def action_rename(self) -> None:
        if self.selected is not None:
            form = CategoryForm(self.selected, parents=self._parents())
            self.app.push_screen(form, self._changed)

    def _changed(self, saved: Any) -> None:
        if saved is not None:
            self.post_message(DataChanged(("category.saved",)))

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    def action_archive(self) -> None:
        if self.selected is not None:
            self._write("archive", self.selected)

    def action_remove(self) -> None:
        item = self.selected
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write("remove", item)

        self.app.push_screen(ConfirmScreen(f"Delete the category {item.name}?"), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="categories-write")
    def _write(self, operation: str, item: CategoryOut) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            if operation == "archive":
                categories.archive(uow, app.principal, item.id, restore=item.archived)
                done = "Restored" if item.archived else "Archived"
            else:
                categories.remove(uow, app.principal, item.id)
                done = "Deleted"
            app.notify(f"{done} {item.name}", markup=False)
            self.post_message(DataChanged(("category.changed",)))
