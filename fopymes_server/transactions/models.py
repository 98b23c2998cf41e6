"""The transactions table, its split parts, and the indexes their queries need."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class Transaction(Base):
    __tablename__ = "transactions"
    __table_args__ = (
        CheckConstraint("kind IN ('income', 'expense', 'transfer')", name="kind"),
        # A transfer leaves `payment_method_id` for `counter_account_id`, where
        # `counter_amount_minor` arrives; incomes and expenses have neither column.
        CheckConstraint(
            "(kind = 'transfer' AND counter_account_id IS NOT NULL AND counter_amount_minor > 0 "
            "AND payment_method_id IS NOT NULL AND category_id IS NULL) OR "
            "(kind <> 'transfer' AND counter_account_id IS NULL AND counter_amount_minor IS NULL)",
            name="transfer_legs",
        ),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("status IN ('pending', 'cleared', 'reconciled')", name="status"),
        # Keyset pagination walks (date, id) downwards inside one workspace.
        Index("ix_transactions_ws_date_id", "workspace_id", "date", "id"),
        Index("ix_transactions_ws_category_date_id", "workspace_id", "category_id", "date", "id"),
        Index(
            "ix_transactions_ws_method_date_id", "workspace_id", "payment_method_id", "date", "id"
        ),
        # Only split rows: the second branch of the category lines and of a list by
        # category walks these, not the whole date range.
        Index(
            "ix_transactions_ws_split_date_id",
            "workspace_id",
            "date",
            "id",
            postgresql_where=text("split"),
            sqlite_where=text("split = 1"),
        ),
        Index(
            "ix_transactions_ws_counter_date_id",
            "workspace_id",
            "counter_account_id",
            "date",
            "id",
        ),
        Index("ix_transactions_ws_payee_date_id", "workspace_id", "payee_id", "date", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    # Exact integer minor units of `currency` (cents for EUR): never a float.
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    date: Mapped[date] = mapped_column(Date)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), nullable=True)
    payment_method_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id"), nullable=True
    )
    counter_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id"), nullable=True
    )
    counter_amount_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    description: Mapped[str] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Optimistic-concurrency version, bumped on every change (ETags in the API).
    version: Mapped[int] = mapped_column(Integer, default=1)
    # pending | cleared | reconciled (see `reconciliations`); cleared unless marked pending.
    status: Mapped[str] = mapped_column(String(10), default="cleared", server_default="cleared")
    # Who the money went to or came from (`payees`); tags are in `tags.models`.
    payee_id: Mapped[int | None] = mapped_column(ForeignKey("payees.id"), nullable=True)
    # A split transaction has no category of its own: its parts (`TransactionSplit`) carry
    # the categories and add up to `amount_minor`.
    split: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TransactionSplit(Base):
    """One part of a split transaction: a category, its share of the total and a note."""

    __tablename__ = "transaction_splits"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        UniqueConstraint("transaction_id", "position"),
        Index("ix_transaction_splits_category_transaction", "category_id", "transaction_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("transactions.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    # Exact minor units of the transaction's currency.
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
