"""The payees table: one row per normalised name in a workspace (see `payees.rules`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class Payee(Base):
    __tablename__ = "payees"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # The first spelling seen; `name_key` is what makes two spellings one payee.
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
