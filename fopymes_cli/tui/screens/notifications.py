"""Notifications: your alerts in this workspace (budgets, goals, reminders), newest first.

Enter marks the selected one read, `A` marks all of them read; both through
`notifications.service`, which only ever touches the signed-in person's own inbox.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_server.core.principal import Principal
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.schemas import NotificationOut

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork

SHOWN = 200


class NotificationsScreen(TableScreen):
    """Unread ones in bold; Enter marks one read."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "mark_read", "Mark read", tooltip="Mark the selected one read"),
        Binding("A", "mark_all", "Mark all read", key_display="A", tooltip="Mark all read"),
    ]
    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("When", 16),
        Col("Title", 12, Fit.SHRINK),
        Col("Message", 20, Fit.SHRINK),
    )
    EMPTY = "No notifications."

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        return notifications.list_notifications(uow, principal, limit=SHOWN)

    def key(self, item: NotificationOut) -> str:
        return str(item.id)

    def cells(self, item: NotificationOut) -> tuple[Cell, ...]:
        style = "bold" if item.read_at is None else "dim"
        return (
            Text(f"{item.created_at:%Y-%m-%d %H:%M}", style=style),
            Text(item.title, style=style),
            Text(" ".join(item.body.split()), style=style),
        )

    def heading(self, items: list[Any]) -> Text:
        unread = sum(1 for item in items if item.read_at is None)
        return Text(f"{unread} unread of {len(items)}" if items else self.EMPTY)

    def on_data_table_row_selected(self) -> None:
        self.action_mark_read()

    def action_mark_read(self) -> None:
        item = self.selected
        if item is None or item.read_at is not None:
            return

        def change(uow: UnitOfWork, principal: Principal) -> str:
            notifications.mark_read(uow, principal, item.id)
            return f"Read: {item.title}"

        self.write(change)

    def action_mark_all(self) -> None:
        def change(uow: UnitOfWork, principal: Principal) -> str:
            count = notifications.mark_all_read(uow, principal)
            return f"Marked {count} read"

        self.write(change)
