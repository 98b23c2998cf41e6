"""Tables of debts and their payments.

The outstanding balance is never stored: it is replayed from the principal, the interest
terms and the payment rows (debts/rules.py), so it cannot drift from the payments. The
interest rate is an integer of parts per million per year (5.25 % is 52,500), never a float.
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


class Debt(Base):
    __tablename__ = "debts"
    __table_args__ = (
        CheckConstraint("direction IN ('i_owe', 'owed_to_me')", name="direction"),
        CheckConstraint("principal_minor > 0", name="principal_positive"),
        CheckConstraint("interest IN ('simple', 'compound_monthly')", name="interest"),
        CheckConstraint(
            "annual_rate_ppm IS NULL OR annual_rate_ppm BETWEEN 0 AND 10000000", name="rate"
        ),
        CheckConstraint("instalments IS NULL OR instalments > 0", name="instalments_positive"),
        CheckConstraint(
            "instalment_minor IS NULL OR instalment_minor > 0", name="instalment_positive"
        ),
        Index("ix_debts_ws_contact", "workspace_id", "contact_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    direction: Mapped[str] = mapped_column(String(12))
    principal_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    start_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), nullable=True
    )
    # Annual rate in parts per million: exact, 4 decimals of a percent (5.2525 % = 52,525).
    annual_rate_ppm: Mapped[int | None] = mapped_column(Integer, nullable=True)
    interest: Mapped[str] = mapped_column(String(20))
    # The repayment plan `debt schedule` shows: a number of instalments or a monthly amount.
    instalments: Mapped[int | None] = mapped_column(Integer, nullable=True)
    instalment_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    description: Mapped[str] = mapped_column(String(500))
    # The loan account (a liability for i_owe, an asset for owed_to_me) that holds what is
    # still owed; repaid principal is transferred between it and another account.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL"), nullable=True
    )
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DebtPayment(Base):
    __tablename__ = "debt_payments"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        UniqueConstraint("transaction_id"),
        UniqueConstraint("interest_transaction_id"),
        Index("ix_debt_payments_ws_debt_date_id", "workspace_id", "debt_id", "date", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id", ondelete="CASCADE"))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[date] = mapped_column(Date)
    payment_method_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL"), nullable=True
    )
    transaction_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("transactions.id", ondelete="SET NULL"),
        nullable=True,
    )
    # `transaction_id` is the principal's transfer; the interest part is an expense (i_owe)
    # or an income (owed_to_me) of its own.
    interest_transaction_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("transactions.id", ondelete="SET NULL"),
        nullable=True,
    )
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
