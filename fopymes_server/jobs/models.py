"""The job_runs table: a claim on one slot of a periodic job (a day, a month).

Jobs that must run once per period (pruning, month-end summaries) insert (job, slot) first;
the unique key lets exactly one scheduler win, on any number of hosts, with no in-process
flag and no session-level lock.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class JobRun(Base):
    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(50))
    slot: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    summary: Mapped[str | None] = mapped_column(String(500), nullable=True)
