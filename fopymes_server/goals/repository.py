"""All SQL of savings goals: goals with their saved sums, contributions, milestones.

A goal's saved amount is `SUM(amount_minor)` of its contributions, grouped by goal in the
same statement that lists the goals, so fifty goals cost one query and nothing is counted
twice or drifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.core.lookup import name_key
from fopymes_server.goals.models import Goal, GoalContribution, GoalMilestone
from fopymes_server.identity.models import User


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: int
    name: str
    target_minor: int
    currency: str
    deadline: date | None
    frequency: str
    category_id: int | None
    category: str | None
    account_id: int | None
    account: str | None
    owner_id: int
    owner: str
    start_date: date
    cancelled_at: datetime | None
    created_at: datetime
    saved_minor: int
    contributions: int


@dataclass(frozen=True, slots=True)
class ContributionRow:
    id: int
    date: date
    amount_minor: int
    note: str | None
    transaction_id: int | None
    created_by: int


class GoalsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, workspace_id: int, values: dict[str, Any]) -> int:
        if "name" in values:
            values = {**values, "name_key": name_key(values["name"])}
        goal = Goal(workspace_id=workspace_id, **values)
        self.session.add(goal)
        self.session.flush()
        return goal.id

    def update(self, workspace_id: int, goal_id: int, values: dict[str, Any]) -> None:
        if "name" in values:
            values = {**values, "name_key": name_key(values["name"])}
        self.session.execute(
            update(Goal)
            .where(Goal.workspace_id == workspace_id, Goal.id == goal_id)
            .values(**values)
        )

    def name_taken(self, workspace_id: int, name: str, *, except_id: int | None = None) -> bool:
        query = select(Goal.id).where(
            Goal.workspace_id == workspace_id, Goal.name_key == name_key(name)
        )
        if except_id is not None:
            query = query.where(Goal.id != except_id)
        return self.session.scalar(query) is not None

    def list_goals(self, workspace_id: int, *, goal_id: int | None = None) -> list[GoalRow]:
        """Goals by name, each with the sum and count of its contributions."""
        sums = (
            select(
                GoalContribution.goal_id,
                func.sum(GoalContribution.amount_minor).label("saved"),
                func.count().label("contributions"),
            )
            .where(GoalContribution.workspace_id == workspace_id)
            .group_by(GoalContribution.goal_id)
            .subquery()
        )
        statement = (
            select(Goal, Category.name, Account.name, User.name, sums.c.saved, sums.c.contributions)
            .join(User, User.id == Goal.owner_id)
            .outerjoin(Category, Category.id == Goal.category_id)
            .outerjoin(Account, Account.id == Goal.account_id)
            .outerjoin(sums, sums.c.goal_id == Goal.id)
            .where(Goal.workspace_id == workspace_id)
            .order_by(Goal.name_key)
        )
        if goal_id is not None:
            statement = statement.where(Goal.id == goal_id)
        return [
            GoalRow(
                id=goal.id,
                name=goal.name,
                target_minor=goal.target_minor,
                currency=goal.currency,
                deadline=goal.deadline,
                frequency=goal.frequency,
                category_id=goal.category_id,
                category=category,
                account_id=goal.account_id,
                account=account,
                owner_id=goal.owner_id,
                owner=owner,
                start_date=goal.start_date,
                cancelled_at=goal.cancelled_at,
                created_at=goal.created_at,
                saved_minor=int(saved or 0),
                contributions=int(count or 0),
            )
            for goal, category, account, owner, saved, count in self.session.execute(
                statement
            ).all()
        ]

    def lock(self, workspace_id: int, goal_id: int) -> None:
        """Hold the goal's row until commit, so concurrent contributions to one goal queue
        (PostgreSQL row lock; SQLite's BEGIN IMMEDIATE already serialises writers)."""
        self.session.execute(
            select(Goal.id)
            .where(Goal.workspace_id == workspace_id, Goal.id == goal_id)
            .with_for_update()
        )

    def delete(self, workspace_id: int, goal_id: int) -> None:
        for table in (GoalMilestone, GoalContribution):
            self.session.execute(
                delete(table).where(table.workspace_id == workspace_id, table.goal_id == goal_id)
            )
        self.session.execute(
            delete(Goal).where(Goal.workspace_id == workspace_id, Goal.id == goal_id)
        )

    def add_contribution(self, workspace_id: int, values: dict[str, Any]) -> int:
        row = GoalContribution(workspace_id=workspace_id, **values)
        self.session.add(row)
        self.session.flush()
        return row.id

    def contributions(self, workspace_id: int, goal_id: int) -> list[ContributionRow]:
        """The goal's contributions and withdrawals, oldest first."""
        rows = self.session.scalars(
            select(GoalContribution)
            .where(
                GoalContribution.workspace_id == workspace_id, GoalContribution.goal_id == goal_id
            )
            .order_by(GoalContribution.date, GoalContribution.id)
        ).all()
        return [
            ContributionRow(
                id=row.id,
                date=row.date,
                amount_minor=row.amount_minor,
                note=row.note,
                transaction_id=row.transaction_id,
                created_by=row.created_by,
            )
            for row in rows
        ]

    def milestones(self, workspace_id: int, goal_id: int) -> list[tuple[int, date]]:
        rows = self.session.execute(
            select(GoalMilestone.milestone, GoalMilestone.reached_on)
            .where(GoalMilestone.workspace_id == workspace_id, GoalMilestone.goal_id == goal_id)
            .order_by(GoalMilestone.milestone)
        ).all()
        return [(int(milestone), reached_on) for milestone, reached_on in rows]

    def add_milestone(
        self, workspace_id: int, goal_id: int, milestone: int, reached_on: date, now: datetime
    ) -> None:
        self.session.add(
            GoalMilestone(
                workspace_id=workspace_id,
                goal_id=goal_id,
                milestone=milestone,
                reached_on=reached_on,
                created_at=now,
            )
        )
        self.session.flush()
