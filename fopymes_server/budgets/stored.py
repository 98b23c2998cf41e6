"""How a stored budget reads: its period definition, the limit in force, what it counts.

Shared by `budgets/service.py` and `steps.py` (set, list) and `budgets/status.py`
(status, history), so both agree on which limit a period had and which categories a budget covers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date

from fopymes_server.budgets.repository import BudgetRow, LimitRow
from fopymes_server.budgets.rules import PeriodKind, PeriodSpec, Rollover, period_containing
from fopymes_server.budgets.schemas import ALL_EXPENSES, BudgetLimitOut, BudgetOut
from fopymes_server.categories import service as categories
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork


def budget_out(row: BudgetRow, limits: list[LimitRow], today: date) -> BudgetOut:
    """A stored budget with its limits as it leaves the feature, valued on `today`."""
    spec = period_spec(row)
    current = limit_for(limits, period_containing(spec, today).start) or limits[-1]
    return BudgetOut(
        id=row.id,
        category_id=row.category_id,
        category=row.category or ALL_EXPENSES,
        currency=row.currency,
        period=spec.kind,
        anchor_day=row.anchor_day,
        anchor_month=row.anchor_month,
        week_start=row.week_start,
        anchor_date=row.anchor_date,
        rollover=Rollover(row.rollover),
        rollover_cap=from_minor(row.rollover_cap_minor, row.currency)
        if row.rollover_cap_minor is not None
        else None,
        thresholds=tuple(int(t) for t in row.thresholds.split(",")),
        limit=from_minor(current.amount_minor, row.currency),
        limits=tuple(
            BudgetLimitOut(
                effective_from=limit.effective_from,
                amount=from_minor(limit.amount_minor, row.currency),
            )
            for limit in limits
        ),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def period_spec(row: BudgetRow) -> PeriodSpec:
    """The stored period definition of a budget as the pure rules take it."""
    return PeriodSpec(
        kind=PeriodKind(row.period),
        anchor_day=row.anchor_day,
        anchor_month=row.anchor_month,
        week_start=row.week_start,
        anchor_date=row.anchor_date,
    )


def limit_for(limits: list[LimitRow], period_start: date) -> LimitRow | None:
    """The limit in force for a period starting on `period_start` (None: not yet begun)."""
    index = bisect_right([limit.effective_from for limit in limits], period_start)
    return limits[index - 1] if index else None


def limits_by_budget(uow: UnitOfWork, principal: Principal) -> dict[int, list[LimitRow]]:
    grouped: dict[int, list[LimitRow]] = defaultdict(list)
    for limit in uow.budgets.limits(principal.workspace_id):
        grouped[limit.budget_id].append(limit)
    return grouped


def category_families(uow: UnitOfWork, principal: Principal) -> dict[int, tuple[int, ...]]:
    """Each category id with its sub-categories: what a budget on that category counts."""
    families: dict[int, list[int]] = defaultdict(list)
    for category in categories.list_categories(uow, principal, include_archived=True):
        families[category.id].append(category.id)
        if category.parent_id is not None:
            families[category.parent_id].append(category.id)
    return {key: tuple(ids) for key, ids in families.items()}
