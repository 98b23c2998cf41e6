"""An account's register: its movements newest first, with the balance after each.

Opened from the Accounts screen with Enter. Pages come from `accounts.service.register`
with its keyset cursor, fetched as the reader nears the bottom (`paging.Pager`, the
ledger's paging), so an account with years of movements opens at once. Money in is green
with a `+`, money out red with a `-`; a transfer names the other account (`→ Cash` when
the money went there, `← Bank` when it came from there). Escape goes back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import change, money, net, plain
from fopymes_cli.tui.messages import ServiceFailed, reporting
from fopymes_cli.tui.paging import Pager
from fopymes_cli.tui.screens.base import DataScreen
from fopymes_cli.tui.widgets.fitted_table import Cell, Col
from fopymes_cli.tui.widgets.paged_table import PagedTable
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountOut, AccountRegister, RegisterLine

PAGE_SIZE = 100

COLUMNS = (
    Col("Date", 10),
    Col("Description", 16, Fit.SHRINK),
    Col("Category or account", 10, optional=True),
    Col("Amount", 12, right=True),
    Col("Balance", 12, right=True),
)
"""The description gives way first, then the counterpart; amount and balance never."""


def counterpart(line: RegisterLine) -> Text:
    """The category, or for a transfer the other account with the way the money went."""
    if line.kind == "transfer" and line.counterpart:
        return Text(f"{'→' if line.amount < 0 else '←'} {line.counterpart}")
    return plain(line.counterpart)


def _row(line: RegisterLine) -> tuple[str, tuple[Cell, ...]]:
    return (
        str(line.id),
        (
            line.date.isoformat(),
            plain(line.description),
            counterpart(line),
            change(line.amount, line.currency),
            net(line.balance, line.currency),
        ),
    )


class RegisterLoaded(Message):
    def __init__(self, generation: int, register: AccountRegister, *, first: bool) -> None:
        super().__init__()
        self.generation = generation
        self.register = register
        self.first = first


class RegisterScreen(DataScreen):
    """One account's movements and running balance, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", key_display="esc", tooltip="Back to the accounts"),
    ]

    AUTO_FOCUS = "#register"

    def __init__(self, account_id: int, name: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.account_name = name
        self._other_workspace = False
        self.account: AccountOut | None = None
        self.lines: dict[str, RegisterLine] = {}
        self._pager = Pager(PAGE_SIZE, accounts.MAX_PAGE_SIZE)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.account_name), id="plan-title")
        yield PagedTable(COLUMNS, id="register")
        yield Static(id="register-status")
        yield Footer()

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    def action_back(self) -> None:
        self.dismiss()

    def workspace_switched(self) -> None:
        # The account belongs to the workspace left: close now, or when shown again.
        self._other_workspace = True
        if self.is_current:
            self.dismiss()

    def on_screen_resume(self) -> None:
        if self._other_workspace:
            self.dismiss()
        else:
            super().on_screen_resume()

    def reload(self) -> None:
        """Load again from the newest line, as many as were loaded (a live change keeps place)."""
        if self._other_workspace:
            return
        generation, keep = self._pager.restart(self.table)
        self.table.loading = not self.table.row_count
        self._fetch(generation, None, keep)

    @on(PagedTable.NearEnd)
    def _more(self) -> None:
        cursor = self._pager.more(self.table)
        if cursor is not None:
            self._fetch(self._pager.generation, cursor, PAGE_SIZE)

    @work(thread=True, exclusive=True, exit_on_error=False, group="register")
    def _fetch(self, generation: int, cursor: str | None, limit: int) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            page = accounts.register(
                uow, app.principal, self.account_id, limit=limit, cursor=cursor
            )
            self.post_message(RegisterLoaded(generation, page, first=cursor is None))

    def on_register_loaded(self, loaded: RegisterLoaded) -> None:
        if not self._pager.arrived(loaded.generation, loaded.register.next_cursor):
            return
        rows = [_row(line) for line in loaded.register.items]
        if loaded.first:
            self.lines = {}
            self.table.fill(rows)
        else:
            self.table.extend(rows)
        self.lines.update({str(line.id): line for line in loaded.register.items})
        self.account = loaded.register.account
        self.table.loading = False
        self._show_heading(loaded.register.account)
        self._show_status()

    def on_service_failed(self, failure: ServiceFailed) -> None:
        self._pager.failed()
        self.table.loading = False

    def _show_heading(self, account: AccountOut) -> None:
        kind = account.type.value.replace("_", " ")
        opening = money(account.opening_balance, account.currency)
        self.query_one("#plan-title", Static).update(
            Content.assemble(
                (account.name, "bold"),
                (f" · {kind} · opened {account.opening_date} with {opening}", "$text-muted"),
            )
        )

    def _show_status(self) -> None:
        count = self.table.row_count
        self.query_one("#register-status", Static).update(
            Content.assemble(
                (f"{count} shown" if count else "No movements yet", "bold"),
                (", older below" if self._pager.next_cursor else "", "$text-muted"),
            )
        )
