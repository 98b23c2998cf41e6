"""Budgets, goals, a debt and schedules for the demo workspace, made through the services.

The dashboard's plan panels and the plan screens need something to show; this builds a
small, fixed set on top of `demo.populate`, dated relative to the frozen clock.
"""

from __future__ import annotations

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.contacts import service as contacts
from fopymes_server.contacts.schemas import ContactCreate
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal
from fopymes_server.debts import service as debts
from fopymes_server.debts.schemas import DebtCreate, Direction
from fopymes_server.goals import contributions
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import ContributionCreate, GoalCreate
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.schemas import NotificationDraft
from fopymes_server.scheduled import service as scheduled
from fopymes_server.scheduled.schemas import ScheduleCreate
from fopymes_server.transactions.schemas import Kind


def add_plans(ctx: AppContext, principal: Principal) -> None:
    """Three budgets (two on track, one over), two goals, a debt, three schedules and two
    notifications for the owner."""
    for category, amount in (("Groceries", "600"), ("Restaurants", "40"), ("Transport", "400")):
        with ctx.uow() as uow:
            budgets.set_budget(uow, principal, data=BudgetSet(category=category, amount=amount))
    for name, target, deadline, saved in (
        ("Holiday", "3000", "2027-06-30", "1200"),
        ("New laptop", "1500", "2026-12-31", "300"),
    ):
        with ctx.uow() as uow:
            goal = goals.add(
                uow, principal, data=GoalCreate(name=name, target=target, deadline=deadline)
            )
        with ctx.uow() as uow:
            contributions.contribute(
                uow, principal, goal.id, data=ContributionCreate(amount=saved, date="2026-09-01")
            )
    with ctx.uow() as uow:
        contacts.add(uow, principal, data=ContactCreate(name="Marta"))
    with ctx.uow() as uow:
        debts.add(
            uow,
            principal,
            data=DebtCreate(
                contact="Marta",
                direction=Direction.I_OWE,
                principal="800",
                start="2026-08-01",
                due="2027-02-01",
                description="Sofa",
            ),
        )
    for name, amount, kind, start in (
        ("Rent", "950", Kind.EXPENSE, "2026-12-01"),
        ("Salary", "2450", Kind.INCOME, "2026-11-27"),
        ("Gym", "39.90", Kind.EXPENSE, "2026-11-20"),
    ):
        with ctx.uow() as uow:
            scheduled.create(
                uow,
                principal,
                data=ScheduleCreate(name=name, amount=amount, kind=kind, start=start),
            )
    for key, title in (("restaurants-100", "Restaurants is over budget"), ("hello", "Welcome")):
        with ctx.uow() as uow:
            notifications.notify(
                uow,
                principal,
                recipients=[principal.user_id],
                draft=NotificationDraft(
                    type="budget.threshold", title=title, body=f"{title}.", dedupe_key=key
                ),
            )
            uow.commit()
