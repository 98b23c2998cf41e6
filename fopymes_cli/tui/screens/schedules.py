"""Schedules: recurring incomes and expenses with their rule and next date.

Planning and changing them stays with `fopymes schedule` (rules have many forms); here
`x` pauses or resumes the selected one and `k` skips its next occurrence, both through
`scheduled.service`, which decides what a pause means for dates already due.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import signed
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_server.core.principal import Principal
from fopymes_server.scheduled import service as scheduled
from fopymes_server.scheduled.schemas import ScheduleOut

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork


class SchedulesScreen(TableScreen):
    """Every schedule, next date first; paused and finished ones dimmed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "toggle_pause", "Pause/resume", tooltip="Pause or resume the schedule"),
        Binding("k", "skip", "Skip next", tooltip="Skip its next occurrence"),
    ]
    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("Schedule", 8, Fit.SHRINK),
        Col("Amount", 12, right=True),
        Col("Repeats", 12, Fit.SHRINK),
        Col("Next", 10),
        Col("Category", 8, optional=True),
        Col("State", 6),
    )
    EMPTY = "No schedules yet: fopymes schedule add NAME AMOUNT --every month"

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        items = scheduled.list_schedules(uow, principal)
        return sorted(items, key=lambda s: (s.next_due is None, s.next_due or s.start, s.name))

    def key(self, item: ScheduleOut) -> str:
        return str(item.id)

    def cells(self, item: ScheduleOut) -> tuple[Cell, ...]:
        state = "paused" if item.paused else "ended" if item.next_due is None else "active"
        dim = "dim" if state != "active" else ""
        return (
            Text(item.name, style=dim),
            signed(item.amount, item.currency, item.kind),
            Text(item.rule, style=dim),
            item.next_due.isoformat() if item.next_due else "",
            Text(item.category or ""),
            Text(state, style=dim),
        )

    def action_toggle_pause(self) -> None:
        item = self.selected
        if item is None:
            return

        def change(uow: UnitOfWork, principal: Principal) -> str:
            if item.paused:
                scheduled.resume(uow, principal, item.id)
                return f"Resumed {item.name}"
            scheduled.pause(uow, principal, item.id)
            return f"Paused {item.name}"

        self.write(change)

    def action_skip(self) -> None:
        item = self.selected
        if item is None:
            return

        def change(uow: UnitOfWork, principal: Principal) -> str:
            skipped = scheduled.skip_next(uow, principal, item.id)
            return f"Skipped {item.name} on {skipped}"

        self.write(change)
