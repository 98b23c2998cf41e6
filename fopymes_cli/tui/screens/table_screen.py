"""The shape the plan screens share: a title line over one table, filled by a service call.

Budgets, goals, debts, schedules and notifications each say which service call gives their
rows and how a row reads; loading in a thread worker, keeping the cursor on the same row
across reloads and running a write (contribute, pay, mark read) live here once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Static

from fopymes_cli.tui.messages import DataChanged, reporting
from fopymes_cli.tui.screens.base import DataScreen
from fopymes_cli.tui.widgets.fitted_table import Cell, Col, FittedTable
from fopymes_server.core.principal import Principal

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork

__all__ = ["Cell", "Col", "TableScreen"]


class RowsLoaded(Message):
    def __init__(self, items: list[Any]) -> None:
        super().__init__()
        self.items = items


class TableScreen(DataScreen):
    """Subclasses set COLUMNS and implement `load`, `key` and `cells`.

    The table fits its columns to the screen (`FittedTable`): amounts whole and
    right-aligned at 80 columns, descriptions taking the room of a wide terminal.
    """

    COLUMNS: ClassVar[tuple[Col, ...]] = ()
    GROW: ClassVar[bool] = True
    """Whether the last shrinking column takes the room a wide terminal has spare."""
    EMPTY = "Nothing here yet."

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="plan-title")
        yield FittedTable(self.COLUMNS, grow=self.GROW, id="plan-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FittedTable).focus()

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        """The screen's items, in the order shown (runs in a worker thread)."""
        raise NotImplementedError

    def key(self, item: Any) -> str:
        raise NotImplementedError

    def cells(self, item: Any) -> tuple[Cell, ...]:
        raise NotImplementedError

    def heading(self, items: list[Any]) -> Text:
        """The line above the table; the row count unless a screen says more."""
        return Text(f"{len(items)} shown" if items else self.EMPTY)

    def reload(self) -> None:
        self._fetch()

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def _fetch(self) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            self.post_message(RowsLoaded(self.load(uow, app.principal)))

    def on_rows_loaded(self, loaded: RowsLoaded) -> None:
        self.items = {self.key(item): item for item in loaded.items}
        self.query_one(FittedTable).fill([(self.key(i), self.cells(i)) for i in loaded.items])
        self.query_one("#plan-title", Static).update(self.heading(loaded.items))

    @property
    def selected(self) -> Any | None:
        """The item under the cursor, if any."""
        table = self.query_one(FittedTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.items.get(str(row_key.value))

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan-write")
    def write(self, change: Callable[[UnitOfWork, Principal], str]) -> None:
        """Run `change` in a writing unit of work; notify what it returns, then reload."""
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            done = change(uow, app.principal)
            app.notify(done, markup=False)
            self.post_message(DataChanged(("tui.write",)))
