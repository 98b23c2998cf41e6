"""The tags table and the link of tags to transactions."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fopymes_server.core.orm import Base, NamedPerWorkspace


class Tag(NamedPerWorkspace, Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)


class TransactionTag(Base):
    """One tag on one transaction; deleting either removes the link."""

    __tablename__ = "transaction_tags"
    # `tx list --tag` walks the transactions newest first and probes the primary key;
    # counting a tag's rows (tag list, rename, rm) reads this index.
    __table_args__ = (
        Index("ix_transaction_tags_tag_id_transaction_id", "tag_id", "transaction_id"),
    )

    transaction_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("transactions.id", ondelete="CASCADE"),
        primary_key=True,
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
