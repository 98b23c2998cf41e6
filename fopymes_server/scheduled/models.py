"""Tables of scheduled (recurring) transactions and of their materialised occurrences.

`schedule_occurrences` is what makes materialising exactly-once: its unique key
(schedule_id, occurrence_date) is claimed before a transaction is written, in the same
database transaction, so a second scheduler, a restart or a retry can never post twice.
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

TRANSFER_LEGS = (
    "(kind = 'transfer' AND counter_account_id IS NOT NULL AND payment_method_id IS NOT NULL "
    "AND category_id IS NULL) OR (kind <> 'transfer' AND counter_account_id IS NULL)"
)
"""A scheduled transfer has its two accounts and no category; nothing else has a second."""


class ScheduledTransaction(Base):
    __tablename__ = "scheduled_transactions"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key"),
        CheckConstraint("kind IN ('income', 'expense', 'transfer')", name="kind"),
        CheckConstraint(TRANSFER_LEGS, name="transfer_legs"),
        CheckConstraint("mode IN ('post', 'remind')", name="mode"),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("frequency IN ('daily', 'weekly', 'monthly', 'yearly')", name="frequency"),
        # The materialiser seeks due schedules across all workspaces by this index.
        Index("ix_scheduled_transactions_next_due", "next_due", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), nullable=True
    )
    payment_method_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL"), nullable=True
    )
    # A scheduled transfer's other account (money leaves `payment_method_id`, reaches this).
    counter_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL"), nullable=True
    )
    description: Mapped[str] = mapped_column(String(500))
    mode: Mapped[str] = mapped_column(String(10))
    frequency: Mapped[str] = mapped_column(String(10))
    interval: Mapped[int] = mapped_column(Integer)
    # Weekday numbers "0,3" (Monday 0); day "1".."31" or "last"; month 1..12 (yearly).
    weekdays: Mapped[str | None] = mapped_column(String(20), nullable=True)
    day: Mapped[str | None] = mapped_column(String(4), nullable=True)
    month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    start_date: Mapped[date] = mapped_column(Date)
    until_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # First occurrence not materialised yet; NULL once the rule has no more dates.
    next_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    pause_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The member the schedule acts for when the scheduler posts (re-checked every time).
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)


class ScheduleOccurrence(Base):
    __tablename__ = "schedule_occurrences"
    __table_args__ = (
        UniqueConstraint("schedule_id", "occurrence_date"),
        CheckConstraint("status IN ('posted', 'pending', 'confirmed', 'skipped')", name="status"),
        Index("ix_schedule_occurrences_ws_status", "workspace_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("scheduled_transactions.id", ondelete="CASCADE")
    )
    occurrence_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    # Kept NULL if the posted transaction is later deleted: the date stays taken.
    transaction_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("transactions.id", ondelete="SET NULL"),
        nullable=True,
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
