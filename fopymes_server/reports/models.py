"""The report_schedules table: reports e-mailed on a calendar (the jobs runner sends them)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class ReportSchedule(Base):
    __tablename__ = "report_schedules"
    __table_args__ = (
        CheckConstraint("frequency IN ('monthly', 'quarterly', 'yearly')", name="frequency"),
        CheckConstraint("format IN ('pdf', 'xlsx', 'csv')", name="format"),
        # The jobs runner asks "what is due?" across workspaces by date.
        Index("ix_report_schedules_next_run_on", "next_run_on"),
        Index("ix_report_schedules_workspace_id", "workspace_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # The report is built with this member's rights at send time (a removed member's
    # schedule stops, because they no longer have a principal in the workspace).
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    frequency: Mapped[str] = mapped_column(String(10))
    period: Mapped[str] = mapped_column(String(20))
    format: Mapped[str] = mapped_column(String(4))
    recipients: Mapped[str] = mapped_column(String(1000))
    next_run_on: Mapped[date] = mapped_column(Date)
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
