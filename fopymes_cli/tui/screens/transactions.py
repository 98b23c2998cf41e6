"""The ledger: every transaction, filtered, sorted, paged lazily; add, edit and delete.

Pages come from `transactions.service.list_transactions` with its keyset cursor, one at a
time as the reader scrolls (`paging.Pager`): a page that arrives after the filters changed
is dropped instead of being mixed into the new result. A transfer reads `Bank → Cash`
where a category would be, with no sign, since it is neither income nor expense.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Input, Static

from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.messages import DataChanged, ServiceFailed, as_field, reporting
from fopymes_cli.tui.paging import Pager
from fopymes_cli.tui.period import Period, parse_period
from fopymes_cli.tui.screens.base import DataScreen
from fopymes_cli.tui.screens.confirm import ConfirmScreen
from fopymes_cli.tui.widgets.filter_bar import UNCATEGORISED, FilterBar, FilterText
from fopymes_cli.tui.widgets.transaction_table import SortKey, TransactionTable
from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import ValidationError
from fopymes_server.tags import service as tags
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, TransactionFilter, TransactionPage

PAGE_SIZE = 100
_FILTER_FIELDS = {"period", "category", "payment method", "kind", "search", "tag", "uncategorised"}
_SORT_CYCLE = list(SortKey)


class PageLoaded(Message):
    def __init__(self, generation: int, page: TransactionPage, *, first: bool) -> None:
        super().__init__()
        self.generation = generation
        self.page = page
        self.first = first


class NamesLoaded(Message):
    def __init__(self, categories: list[str], methods: list[str], tags: list[str]) -> None:
        super().__init__()
        self.categories = categories
        self.methods = methods
        self.tags = tags


def build_filter(text: FilterText) -> TransactionFilter:
    """The service filter for what the bar holds; ValidationError names the bad field."""
    period = parse_period(text.period)
    return TransactionFilter(
        date_from=period.start if period else None,
        date_to=period.end if period else None,
        category=text.category or None,
        payment_method=text.method or None,
        kind=Kind(text.kind) if text.kind and text.kind != UNCATEGORISED else None,
        search=text.search or None,
        tag=text.tag or None,
        uncategorised=text.kind == UNCATEGORISED,
    )


class TransactionsScreen(DataScreen):
    """The filterable, sortable ledger with running totals of what is loaded."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.add_transaction", "Add", tooltip="Record an income, expense or transfer"),
        Binding("e", "edit", "Edit", tooltip="Change the selected transaction"),
        Binding("delete,x", "delete", "Delete", key_display="del", tooltip="Delete it"),
        Binding("slash", "focus_search", "Search", key_display="/", tooltip="Filter by text"),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort the loaded rows by another column"),
        Binding("left_square_bracket", "move(-1)", "Prev month", key_display="[", show=False),
        Binding("right_square_bracket", "move(1)", "Next month", key_display="]", show=False),
        Binding("escape", "clear_filters", "Clear filters", show=False),
    ]

    AUTO_FOCUS = "#ledger"

    def __init__(self) -> None:
        super().__init__()
        self._pager = Pager(PAGE_SIZE, transactions.MAX_PAGE_SIZE)
        self._filters = TransactionFilter()

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(id="filters")
        yield TransactionTable(id="ledger")
        yield Static(id="ledger-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FilterBar).show_error(None, "")
        self.query_one(TransactionTable).focus()
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink
        self._fetch_names()

    @property
    def table(self) -> TransactionTable:
        return self.query_one(TransactionTable)

    def workspace_switched(self) -> None:
        self.query_one(FilterBar).clear()
        self._fetch_names()

    def reload(self) -> None:
        """Load again from the top, as many rows as were loaded (a live change keeps place)."""
        generation, keep = self._pager.restart(self.table)
        self.table.loading = not self.table.row_count
        self._fetch_page(generation, self._filters, None, keep)

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        try:
            self._filters = build_filter(event.filters)
        except ValidationError as error:
            self.query_one(FilterBar).show_error(error.field, error.rule)
            return
        self.query_one(FilterBar).show_error(None, "")
        self.table.reset()
        self.reload()

    @on(TransactionTable.NearEnd)
    def _more(self) -> None:
        cursor = self._pager.more(self.table)
        if cursor is not None:
            self._fetch_page(self._pager.generation, self._filters, cursor, PAGE_SIZE)

    @work(thread=True, exclusive=True, exit_on_error=False, group="ledger")
    def _fetch_page(
        self, generation: int, filters: TransactionFilter, cursor: str | None, limit: int
    ) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            if filters.category is not None:
                with as_field("category"):
                    categories.resolve(uow, app.principal, filters.category)
            if filters.payment_method is not None:
                with as_field("payment method"):
                    accounts.resolve(uow, app.principal, filters.payment_method)
            page = transactions.list_transactions(
                uow, app.principal, filters=filters, limit=limit, cursor=cursor
            )
            self.post_message(PageLoaded(generation, page, first=cursor is None))

    def on_page_loaded(self, loaded: PageLoaded) -> None:
        if not self._pager.arrived(loaded.generation, loaded.page.next_cursor):
            return
        table = self.table
        kept = table.selected
        if loaded.first:
            table.reset()
        table.append(loaded.page.items, loaded.page.totals)
        if loaded.first and kept is not None and kept.id in table.items:
            table.move_cursor(row=table.get_row_index(str(kept.id)), animate=False)
        table.loading = False
        self._show_status()

    def on_service_failed(self, failure: ServiceFailed) -> None:
        self._pager.failed()
        self.table.loading = False
        if failure.field in _FILTER_FIELDS and failure.error is not None:
            failure.stop()
            error = failure.error
            rule = error.rule if isinstance(error, ValidationError) else error.message
            hint = f" ({failure.error.hint})" if failure.error.hint else ""
            self.query_one(FilterBar).show_error(failure.field, rule + hint)

    def _show_status(self) -> None:
        table = self.table
        parts: list[str | tuple[str, str]] = [
            (f"{table.row_count} shown", "bold"),
            (", more below" if self._pager.next_cursor else ", all", "$text-muted"),
        ]
        for total in table.totals():
            parts += [
                ("  in ", "$text-muted"),
                (money(total.income, total.currency), "$success"),
                ("  out ", "$text-muted"),
                (money(total.expense, total.currency), "$error"),
                ("  net ", "$text-muted"),
                (money(total.net, total.currency), "bold"),
            ]
        order = "↓" if table.descending else "↑"
        parts.append((f"  {order}{table.sort_key.value}", "$text-muted"))
        self.query_one("#ledger-status", Static).update(Content.assemble(*parts))

    @work(thread=True, exclusive=True, exit_on_error=False, group="ledger-names")
    def _fetch_names(self) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=False) as uow:
            names = [c.name for c in categories.list_categories(uow, app.principal)]
            methods = [m.name for m in accounts.list_methods(uow, app.principal)]
            tag_names = [t.name for t in tags.list_tags(uow, app.principal)]
            self.post_message(NamesLoaded(names, methods, tag_names))

    def on_names_loaded(self, loaded: NamesLoaded) -> None:
        self.query_one(FilterBar).set_suggestions(loaded.categories, loaded.methods, loaded.tags)

    def action_edit(self) -> None:
        if self.table.selected is not None:
            self.app.edit_transaction(self.table.selected)

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        item = self.table.selected
        if item is None:
            return
        question = (
            f"Delete {item.kind.value} of {money(item.amount, item.currency)} "
            f"on {item.date}: {item.description}?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(item.id)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="ledger-write")
    def _delete(self, transaction_id: int) -> None:
        app = self.app
        with reporting(self), app.ctx.uow(write=True) as uow:
            deleted = transactions.delete(uow, app.principal, transaction_id)
            self.app.call_from_thread(app.notify, f"Deleted {deleted.description}", markup=False)
            self.post_message(DataChanged(("transaction.deleted",)))

    def action_focus_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    def action_cycle_sort(self) -> None:
        position = _SORT_CYCLE.index(self.table.sort_key)
        self.table.sort_by(_SORT_CYCLE[(position + 1) % len(_SORT_CYCLE)])

    @on(TransactionTable.Sorted)
    def _sorted(self) -> None:
        self._show_status()

    def action_move(self, steps: int) -> None:
        current = parse_period_or_none(self.query_one(FilterBar).current().period)
        start = current or Period.containing(self.app.ctx.clock.today())
        self.query_one(FilterBar).set_period(start.shift(steps).text if current else start.text)

    def action_clear_filters(self) -> None:
        self.query_one(FilterBar).clear()
        self.table.focus()


def parse_period_or_none(text: str) -> Period | None:
    """The period in the bar, or None when it is empty or not a period."""
    try:
        return parse_period(text)
    except ValidationError:
        return None
