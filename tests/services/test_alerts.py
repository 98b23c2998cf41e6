"""Budget, goal and debt alerts: each fires once per subject, period and threshold."""

from __future__ import annotations

from datetime import date

from fopymes_server.budgets import service as budgets
from fopymes_server.budgets.schemas import BudgetSet
from fopymes_server.contacts import service as contacts
from fopymes_server.contacts.schemas import ContactCreate
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.debts import service as debts
from fopymes_server.debts.schemas import DebtCreate, Direction
from fopymes_server.events import service as events
from fopymes_server.goals import contributions
from fopymes_server.goals import service as goals
from fopymes_server.goals.schemas import ContributionCreate, GoalCreate
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.service_alerts import evaluate
from tests.factories import add_member, at_noon, hand_clock, new_owner, record


def titles(ctx: AppContext, principal: Principal) -> list[str]:
    with ctx.uow(write=False) as uow:
        seen = notifications.list_notifications(uow, principal, limit=200)
    return sorted(n.title for n in seen)


def run_rules(ctx: AppContext, principal: Principal, today: date, times: int = 2) -> None:
    for _ in range(times):
        with ctx.uow() as uow:
            evaluate(uow, principal.workspace_id, today)


def test_a_jump_past_every_budget_threshold_reports_each_once(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2031-03-10"))
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    with ctx.uow() as uow:
        budgets.set_budget(
            uow,
            owner.principal,
            data=BudgetSet(category="Groceries", amount="100", effective_from="2031-03-01"),
        )
    record(ctx, owner.principal, "50", date="2031-03-05")
    run_rules(ctx, owner.principal, date(2031, 3, 10))
    assert titles(ctx, owner.principal) == []
    record(ctx, owner.principal, "75", date="2031-03-09")
    run_rules(ctx, owner.principal, date(2031, 3, 10))
    assert titles(ctx, owner.principal) == [
        "Budget Groceries exceeded",
        "Budget Groceries: 100 % used",
        "Budget Groceries: 80 % used",
    ]
    assert titles(ctx, viewer.principal) == []
    with ctx.uow(write=False) as uow:
        kinds = [e.type for e in events.since(uow, owner.principal, 0)]
    assert kinds.count("budget.threshold") == 2
    assert kinds.count("budget.exceeded") == 1


def test_goal_milestones_pace_and_deadline_are_each_said_once(ctx: AppContext) -> None:
    hand = hand_clock(ctx, at_noon("2031-01-01"))
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        goals.add(
            uow,
            owner.principal,
            data=GoalCreate(name="Bike", target="1000", deadline="2031-06-30"),
        )
    with ctx.uow() as uow:
        contributions.contribute(
            uow, owner.principal, "Bike", data=ContributionCreate(amount="300", date="2031-01-01")
        )
    run_rules(ctx, owner.principal, date(2031, 1, 1))
    assert titles(ctx, owner.principal) == ["Goal Bike: 25 % saved"]
    hand.move_to(at_noon("2031-04-15"))
    run_rules(ctx, owner.principal, date(2031, 4, 15))
    hand.move_to(at_noon("2031-06-25"))
    run_rules(ctx, owner.principal, date(2031, 6, 25))
    assert titles(ctx, owner.principal) == [
        "Goal Bike is behind its plan",
        "Goal Bike is behind its plan",
        "Goal Bike: 25 % saved",
        "Goal Bike: deadline in 5 days",
    ]


def test_debts_warn_at_7_3_and_1_days_then_weekly_while_overdue(ctx: AppContext) -> None:
    hand = hand_clock(ctx, at_noon("2031-05-01"))
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        lender = contacts.add(uow, owner.principal, data=ContactCreate(name="Ana"))
    with ctx.uow() as uow:
        debts.add(
            uow,
            owner.principal,
            data=DebtCreate(
                contact=lender.id,
                direction=Direction.I_OWE,
                principal="90",
                start="2031-05-01",
                due="2031-05-20",
                description="loan",
            ),
        )
    for day in range(10, 32):
        hand.move_to(at_noon(f"2031-05-{day:02d}"))
        run_rules(ctx, owner.principal, date(2031, 5, day), times=1)
    assert titles(ctx, owner.principal) == [
        "Debt with Ana due in 1 day",
        "Debt with Ana due in 3 days",
        "Debt with Ana due in 7 days",
        "Debt with Ana is overdue",
        "Debt with Ana is overdue",
    ]
