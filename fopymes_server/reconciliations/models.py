"""The reconciliations table: a statement balance of one account on one date, agreed.

The status of each transaction (pending, cleared, reconciled) is a column of the
transactions table (`transactions.models.Transaction.status`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class Reconciliation(Base):
    __tablename__ = "reconciliations"
    __table_args__ = (
        Index("ix_reconciliations_ws_account_on", "workspace_id", "account_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("payment_methods.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    # The statement's balance at the end of `on_date`, exact minor units, ledger sign.
    balance_minor: Mapped[int] = mapped_column(BigInteger)
    # How many transactions this reconciliation marked reconciled.
    marked: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
