"""The budgets table and the dated limits that make up each budget's history.

A budget's limit is never overwritten: each change adds a `budget_limits` row that takes
effect from the start of a period, so a past period keeps the limit it had. Spending is
never stored here; it is summed from transactions whenever a status is asked for.
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class Budget(Base):
    __tablename__ = "budgets"
    __table_args__ = (
        # One budget per category (category_key 0: all expenses) in a workspace.
        UniqueConstraint("workspace_id", "category_key"),
        CheckConstraint(
            "period IN ('weekly', 'fortnightly', 'monthly', 'quarterly', 'yearly')", name="period"
        ),
        CheckConstraint("rollover IN ('none', 'unspent', 'overspent', 'both')", name="rollover"),
        CheckConstraint("anchor_day BETWEEN 1 AND 31", name="anchor_day"),
        CheckConstraint("anchor_month BETWEEN 1 AND 12", name="anchor_month"),
        CheckConstraint("week_start BETWEEN 0 AND 6", name="week_start"),
        CheckConstraint(
            "rollover_cap_minor IS NULL OR rollover_cap_minor >= 0", name="cap_not_negative"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # None limits every expense; otherwise the category and its sub-categories.
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), nullable=True)
    # category_id, or 0 for "all expenses": NULLs are never equal in a unique key.
    category_key: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    period: Mapped[str] = mapped_column(String(12))
    anchor_day: Mapped[int] = mapped_column(Integer)
    anchor_month: Mapped[int] = mapped_column(Integer)
    week_start: Mapped[int] = mapped_column(Integer)
    anchor_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    rollover: Mapped[str] = mapped_column(String(10))
    # Exact minor units of `currency`; None carries without a cap.
    rollover_cap_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # Alert thresholds in whole percent, comma-separated and ascending: "80,100".
    thresholds: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class BudgetLimit(Base):
    """The limit in force from `effective_from` (always the first day of a period) on."""

    __tablename__ = "budget_limits"
    __table_args__ = (
        UniqueConstraint("budget_id", "effective_from"),
        CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
        Index("ix_budget_limits_ws_budget_from", "workspace_id", "budget_id", "effective_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"))
    effective_from: Mapped[date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
