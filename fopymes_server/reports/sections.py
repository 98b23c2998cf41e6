"""The report's budget, goal and debt sections, read from their own services.

The report never recomputes a budget's rollover, a goal's progress or a debt's interest:
it asks `budgets.status`, `goals.service` and `debts.service`, which own those rules, and
copies their figures into report lines. Budgets are shown over the report's own dates
(`budgets.status.in_range`: money inside them only, limits pro rata where a budget period
straddles an edge); goals and debts as they stand today (a debt's balance is replayed up
to today by its service).
"""

from __future__ import annotations

from fopymes_server.budgets import status as budget_status
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.debts import service as debts_service
from fopymes_server.goals import service as goals_service
from fopymes_server.reports.periods import ReportPeriod
from fopymes_server.reports.schemas import BudgetLine, DebtLine, GoalLine


def budgets(uow: UnitOfWork, principal: Principal, period: ReportPeriod) -> list[BudgetLine]:
    """Every budget against what was spent within the report's dates, limits pro rata."""
    return [
        BudgetLine(
            category=item.category,
            currency=item.currency,
            period_start=item.period_start,
            period_end=item.period_end,
            limit=item.limit,
            spent=item.spent,
            remaining=item.remaining,
            percent_used=item.percent_used,
            status=item.verdict.value,
            prorated=item.prorated,
        )
        for item in budget_status.in_range(uow, principal, period.start, period.end)
    ]


def goals(uow: UnitOfWork, principal: Principal, period: ReportPeriod) -> list[GoalLine]:
    """Active and achieved goals with what is saved so far (cancelled ones left out)."""
    return [
        GoalLine(
            name=goal.name,
            currency=goal.currency,
            target=goal.target,
            saved=goal.saved,
            remaining=goal.remaining,
            percent=goal.percent_saved,
            deadline=goal.deadline,
            status=goal.status.value,
        )
        for goal in goals_service.list_goals(uow, principal)
        if goal.status.value != "cancelled"
    ]


def debts(uow: UnitOfWork, principal: Principal, period: ReportPeriod) -> list[DebtLine]:
    """Open debts each way with today's balance, largest first within each direction."""
    listed = debts_service.list_debts(uow, principal, open_only=True)
    lines = [
        DebtLine(
            counterparty=debt.contact,
            direction=debt.direction.value,
            currency=debt.currency,
            balance=debt.balance,
            due=debt.due_date,
            status=debt.status.value,
        )
        for debt in listed.items
    ]
    return sorted(lines, key=lambda d: (d.direction, -d.balance, d.counterparty))
