"""A budget and a goal (with a contribution) in the owner's workspace, for the matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fopymes_server.core.context import AppContext
from tests.factories import contribute, make_budget, make_goal

if TYPE_CHECKING:
    from tests.api.conftest import Caller


def seed(ctx: AppContext, owner: Caller) -> dict[str, int]:
    """The ids that fill `{budget_id}` and `{goal_id}` in the budgets and goals routes.

    The goal holds money so that the owner's routes have something to withdraw, and the
    stranger's calls show that even a goal with history answers 404 to them.
    """
    principal = owner.person.principal
    budget = make_budget(ctx, principal, "Groceries", "400.00")
    goal = make_goal(ctx, principal, "Matrix bike", "1000.00")
    contribute(ctx, principal, goal.id, "100.00")
    return {"budget_id": budget.id, "goal_id": goal.id}
