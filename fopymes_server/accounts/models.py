"""The payment_methods table: the workspace's accounts (where money is).

The table keeps the name it had when accounts were only "payment methods": every feature's
foreign key (`payment_method_id`) points at it. Balances are never stored here; they are
summed from the opening balance and the transactions (see `balances.py`), helped by
`account_month_flows`: per account and month the sum of its legs, kept by database
triggers on `transactions` (migration 0010 holds their definition).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class Account(Base):
    __tablename__ = "payment_methods"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key"),
        CheckConstraint(
            "type IN ('cash', 'checking', 'savings', 'credit_card', 'loan', 'mortgage', "
            "'other_asset', 'other_liability')",
            name="type",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    # Exact minor units of `currency` on `opening_date`, in the ledger's sign: a credit
    # card that owed 500.00 opens at -50000.
    opening_balance_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    opening_date: Mapped[date] = mapped_column(Date)
    institution: Mapped[str | None] = mapped_column(String(100), nullable=True)
    last_four: Mapped[str | None] = mapped_column(String(4), nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AccountMonthFlow(Base):
    """What moved through one account in one currency in one month (`month` is its first
    day): every leg (`flow_minor`) and the cleared ones (`cleared_minor`). Written only by
    the triggers of migration 0010, in the transaction that writes the rows."""

    __tablename__ = "account_month_flows"
    __table_args__ = (Index("ix_account_month_flows_ws_month", "workspace_id", "month"),)

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="CASCADE"), primary_key=True
    )
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    flow_minor: Mapped[int] = mapped_column(BigInteger)
    cleared_minor: Mapped[int] = mapped_column(BigInteger)
