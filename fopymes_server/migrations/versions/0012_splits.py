"""Split transactions: one movement in one account divided among several categories.

A split transaction keeps its one row in `transactions` (its account, total, date and
status, so balances, reconciliation and the per-month account sums are untouched) with
`category_id` NULL and `split` true; its parts live in `transaction_splits`, one row per
category with its own amount and note, and always add up exactly to the row's
`amount_minor` (the service checks; the parts go with the row when it is deleted).

The column is added without a table rebuild (plain ALTER TABLE ADD COLUMN on SQLite too),
so the triggers of 0010 that keep `account_month_flows` stay in place: a split changes no
account figure, and `split` is not one of the columns they watch.

Revision ID: 0012_splits
Revises: 0011_payees_tags
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_splits"
down_revision: str | None = "0011_payees_tags"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "transactions",
        sa.Column("split", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    # Split rows alone, by date: the parts' branch of every category total and of a list
    # by category reads these instead of the whole date range.
    op.create_index(
        "ix_transactions_ws_split_date_id",
        "transactions",
        ["workspace_id", "date", "id"],
        postgresql_where=sa.text("split"),
        sqlite_where=sa.text("split = 1"),
    )
    op.create_table(
        "transaction_splits",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("transaction_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_transaction_splits_amount_positive")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_transaction_splits_transaction_id_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_transaction_splits_category_id_categories"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transaction_splits")),
        sa.UniqueConstraint(
            "transaction_id", "position", name=op.f("uq_transaction_splits_transaction_id_position")
        ),
    )
    # A category filter or budget finds the parts of its categories, then their rows.
    op.create_index(
        "ix_transaction_splits_category_transaction",
        "transaction_splits",
        ["category_id", "transaction_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_transaction_splits_category_transaction", table_name="transaction_splits")
    op.drop_table("transaction_splits")
    op.drop_index("ix_transactions_ws_split_date_id", table_name="transactions")
    with op.batch_alter_table("transactions", recreate="never") as batch_op:
        batch_op.drop_column("split")
