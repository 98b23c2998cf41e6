"""Tables of imports: mapping profiles, categorisation rules, statement accounts, fingerprints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, UtcDateTime


class ImportProfile(Base):
    """A saved CSV mapping (columns, number and date formats) under a name."""

    __tablename__ = "import_profiles"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ImportRule(Base):
    """If a line matches `condition`, set category / method / description (in position order)."""

    __tablename__ = "import_rules"
    __table_args__ = (Index("ix_import_rules_workspace_id_position", "workspace_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    condition: Mapped[str] = mapped_column(String(500))
    # A deleted category or method leaves the rule in place with nothing to set there.
    set_category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), nullable=True
    )
    set_method_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL"), nullable=True
    )
    set_description: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    set_payee_id: Mapped[int | None] = mapped_column(
        ForeignKey("payees.id", ondelete="SET NULL"), nullable=True
    )
    # Tag names the rule adds (created in the workspace when the rule first applies).
    add_tags: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class StatementAccount(Base):
    """Which payment method a bank statement's account (OFX BANKID/ACCTID) imports into."""

    __tablename__ = "statement_accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "account_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    account_key: Mapped[str] = mapped_column(String(200))
    payment_method_id: Mapped[int] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ImportFingerprint(Base):
    """One imported statement line; the unique key is what stops duplicates.

    Deleting the transaction deletes its fingerprint, so a line removed on purpose can be
    imported again.
    """

    __tablename__ = "import_fingerprints"
    __table_args__ = (
        UniqueConstraint("workspace_id", "fingerprint"),
        Index("ix_import_fingerprints_transaction_id", "transaction_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    transaction_id: Mapped[int] = mapped_column(ForeignKey("transactions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
