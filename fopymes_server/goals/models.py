"""Tables of savings goals: the goals, their contributions and the milestones reached.

A goal's saved amount is never stored: it is the SUM of its contributions (withdrawals are
negative rows), so it cannot drift. A contribution may point at the transaction that moved
the money; that link is what marks the transaction as a transfer to savings, not spending.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class Goal(Base):
    __tablename__ = "goals"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key"),
        CheckConstraint("target_minor > 0", name="target_positive"),
        CheckConstraint("frequency IN ('weekly', 'fortnightly', 'monthly')", name="frequency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    target_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    frequency: Mapped[str] = mapped_column(String(12))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), nullable=True
    )
    # The savings account its contributions from other accounts are transferred to.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL"), nullable=True
    )
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The day the straight line of the pace check starts from.
    start_date: Mapped[date] = mapped_column(Date)
    # Cancelled goals keep their history; "achieved" is derived from the contributions.
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class GoalContribution(Base):
    __tablename__ = "goal_contributions"
    __table_args__ = (
        CheckConstraint("amount_minor <> 0", name="amount_not_zero"),
        # One contribution per transaction; also the index that lets spending queries
        # skip transfers to savings (NOT EXISTS ... WHERE transaction_id = t.id).
        UniqueConstraint("transaction_id"),
        Index("ix_goal_contributions_ws_goal_date_id", "workspace_id", "goal_id", "date", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    # Exact minor units of the goal's currency; a withdrawal is negative.
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    transaction_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("transactions.id", ondelete="SET NULL"),
        nullable=True,
    )
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class GoalMilestone(Base):
    """A milestone (25, 50, 75 or 100 percent) a goal reached; the key makes it once each."""

    __tablename__ = "goal_milestones"
    __table_args__ = (
        UniqueConstraint("goal_id", "milestone"),
        CheckConstraint("milestone IN (25, 50, 75, 100)", name="milestone"),
        Index("ix_goal_milestones_workspace_id", "workspace_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    milestone: Mapped[int] = mapped_column(Integer)
    reached_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
