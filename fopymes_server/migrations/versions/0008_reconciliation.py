"""Reconciliation: a status on every transaction and the statement balances agreed.

Each transaction is pending (not yet on a statement), cleared (the bank shows it) or
reconciled (inside a statement balance the person agreed to). Every existing row becomes
cleared, as a new row is unless marked pending. A reconciliation keeps the statement
balance of one account on one date, who agreed it and when.

Revision ID: 0008_reconciliation
Revises: 0007_accounts_transfers
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_reconciliation"
down_revision: str | None = "0007_accounts_transfers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "status IN ('pending', 'cleared', 'reconciled')"


def upgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=10), nullable=False, server_default="cleared")
        )
        batch_op.create_check_constraint(op.f("ck_transactions_status"), STATUSES)
    op.create_table(
        "reconciliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("balance_minor", sa.BigInteger(), nullable=False),
        sa.Column("marked", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_reconciliations_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["payment_methods.id"],
            name=op.f("fk_reconciliations_account_id_payment_methods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_reconciliations_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconciliations")),
    )
    op.create_index(
        "ix_reconciliations_ws_account_on",
        "reconciliations",
        ["workspace_id", "account_id", "on_date"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_reconciliations_ws_account_on", table_name="reconciliations")
    op.drop_table("reconciliations")
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_transactions_status"), type_="check")
        batch_op.drop_column("status")
