"""Use cases of budgets: set (create or change), list, find, remove; each commits.

A budget's period definition (kind and anchors) and currency are fixed once it exists,
because changing them would redraw every past period; its limit changes by adding a dated
limit from the start of a period, so past periods keep the limit they had. Status and
history (what was spent against those limits) live in `budgets/status.py`; the change
itself, without a commit, in `budgets/steps.py`.
"""

from __future__ import annotations

from fopymes_server.budgets import steps
from fopymes_server.budgets.repository import BudgetRow
from fopymes_server.budgets.schemas import BudgetOut, BudgetSet
from fopymes_server.budgets.stored import budget_out, limits_by_budget
from fopymes_server.categories import service as categories
from fopymes_server.core.errors import NotFoundError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events


def list_budgets(uow: UnitOfWork, principal: Principal) -> list[BudgetOut]:
    """Every budget of the workspace with its current limit and limit history; any member."""
    limits = limits_by_budget(uow, principal)
    today = uow.clock.today()
    return [
        budget_out(row, limits[row.id], today)
        for row in uow.budgets.list_budgets(principal.workspace_id)
    ]


def _category_key(uow: UnitOfWork, principal: Principal, ref: str | int | None) -> int:
    """0 for all expenses, else the id of the category `ref` (NotFoundError if unknown)."""
    return 0 if ref is None else categories.resolve(uow, principal, ref).id


def find(uow: UnitOfWork, principal: Principal, category: str | int | None) -> BudgetRow:
    """The budget of `category` (None: the all-expenses budget) in the workspace.

    Raises NotFoundError for an unknown category, another workspace's category, or a
    category without a budget.
    """
    key = _category_key(uow, principal, category)
    rows = uow.budgets.list_budgets(principal.workspace_id, category_key=key)
    if not rows:
        name = "all expenses" if category is None else f"'{category}'"
        raise NotFoundError(f"no budget for {name}", hint="see 'fopymes budget list'")
    return rows[0]


def get(uow: UnitOfWork, principal: Principal, category: str | int | None) -> BudgetOut:
    """The budget of `category` with its limits; NotFoundError as in `find`."""
    row = find(uow, principal, category)
    return budget_out(row, limits_by_budget(uow, principal)[row.id], uow.clock.today())


def get_by_id(uow: UnitOfWork, principal: Principal, budget_id: int) -> BudgetOut:
    """The budget with id `budget_id` in the workspace, with its limits.

    People name a budget by its category (`find`, `get`); the REST API names resources by
    id, so it looks budgets up here. A workspace holds at most one budget per category, so
    the list is short. Raises NotFoundError for an unknown id, also another workspace's.
    """
    for row in uow.budgets.list_budgets(principal.workspace_id):
        if row.id == budget_id:
            return budget_out(row, limits_by_budget(uow, principal)[row.id], uow.clock.today())
    raise NotFoundError(f"no budget {budget_id} in this workspace", hint="list the budgets")


def set_budget(uow: UnitOfWork, principal: Principal, *, data: BudgetSet) -> BudgetOut:
    """Create or change the budget of a category and commit (`steps.set_budget`)."""
    result = steps.set_budget(uow, principal, data=data)
    uow.commit()
    return result


def remove(uow: UnitOfWork, principal: Principal, category: str | int | None) -> BudgetOut:
    """Delete a budget and its limit history (transactions are untouched); returns it.

    Raises PermissionDeniedError for viewers, NotFoundError as in `find`.
    """
    principal.require_write()
    budget = get(uow, principal, category)
    uow.budgets.delete(principal.workspace_id, budget.id)
    events.record(uow, principal, "budget.deleted", entity_id=budget.id)
    uow.commit()
    return budget
