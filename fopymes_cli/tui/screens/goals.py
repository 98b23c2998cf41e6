"""Goals: saved against target, the pace toward the deadline, and contributing from here.

`m` opens the amount form for the selected goal; the contribution goes through
`goals.contributions.contribute` (with a payment method it is also recorded as a transfer
out of it), so milestones and transfers behave exactly as with `fopymes goal contribute`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from fopymes_cli.table_fit import Fit
from fopymes_cli.tui.formatting import money
from fopymes_cli.tui.messages import DataChanged
from fopymes_cli.tui.screens.amount_form import AmountForm, MoneyMove
from fopymes_cli.tui.screens.table_screen import Cell, Col, TableScreen
from fopymes_cli.tui.widgets.plans import progress
from fopymes_server.core.principal import Principal
from fopymes_server.goals import contributions
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import ContributionCreate, GoalOut, GoalStatus, PaceOut

if TYPE_CHECKING:
    from fopymes_server.core.uow import UnitOfWork

GoalRow = tuple[GoalOut, PaceOut | None]


def _pace(goal: GoalOut, pace: PaceOut | None) -> Text:
    if goal.status is not GoalStatus.ACTIVE:
        return Text(goal.status.value, style="dim")
    if pace is None:
        return Text("no deadline", style="dim")
    if pace.on_track:
        return Text("on pace", style="green")
    per = money(pace.required_per_period, goal.currency)
    return Text(f"behind: {per} {goal.frequency}", style="yellow")


class GoalsScreen(TableScreen):
    """Every goal; `m` adds money to the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "contribute", "Contribute", tooltip="Add money to the selected goal"),
    ]
    COLUMNS: ClassVar[tuple[Col, ...]] = (
        Col("Goal", 10, Fit.SHRINK),
        Col("Saved", 10, right=True),
        Col("Target", 10, right=True),
        Col("Progress", 14, optional=True),
        Col("Deadline", 10),
        Col("Pace", 12, Fit.SHRINK),
    )
    EMPTY = "No goals yet: fopymes goal add NAME TARGET"

    def load(self, uow: UnitOfWork, principal: Principal) -> list[Any]:
        return [
            (goal, goals.show(uow, principal, goal.id).pace)
            for goal in goals.list_goals(uow, principal)
        ]

    def key(self, item: GoalRow) -> str:
        return str(item[0].id)

    def cells(self, item: GoalRow) -> tuple[Cell, ...]:
        goal, pace = item
        fraction = goal.saved / goal.target if goal.target else 1
        return (
            Text(goal.name),
            Text(money(goal.saved, goal.currency), justify="right"),
            Text(money(goal.target, goal.currency), justify="right"),
            Text.assemble((progress(fraction, 7), "cyan"), f"{goal.percent_saved:>6}%"),  # type: ignore[arg-type]
            goal.deadline.isoformat() if goal.deadline else "",
            _pace(goal, pace),
        )

    def action_contribute(self) -> None:
        row = self.selected
        if row is None:
            return
        goal: GoalOut = row[0]

        def save(uow: UnitOfWork, principal: Principal, move: MoneyMove) -> str:
            data = ContributionCreate(
                amount=move.amount, date=move.date, note=move.note, payment_method=move.method
            )
            recorded = contributions.contribute(uow, principal, goal.id, data=data)
            saved = money(recorded.goal.saved, recorded.goal.currency)
            return f"{goal.name}: {saved} saved ({recorded.goal.percent_saved}%)"

        form = AmountForm(f"Contribute to {goal.name}", save)
        self.app.push_screen(form, self._saved)

    def _saved(self, done: str | None) -> None:
        if done:
            self.app.notify(done, markup=False)
            self.post_message(DataChanged(("tui.write",)))
