"""Payees and tags: who a transaction was with, and any number of labels on it.

A payee is kept once per workspace under its normalised name (`name_key`: case folded,
accents stripped, spaces collapsed), so "CAFÉ  Central" and "cafe central" are one payee;
`name` is the first spelling seen. A tag is a label of letters, digits and - _ / . (what
beancount accepts), kept the same way; `transaction_tags` links tags to transactions.
Import rules may set a payee (`set_payee_id`) and add tags (`add_tags`, a JSON list of
tag names, created when the rule first applies).

`transactions.payee_id` is added with a plain ALTER TABLE on SQLite rather than a batch
copy of the table: a copy would drop the triggers that keep `account_month_flows`.

Revision ID: 0011_payees_tags
Revises: 0010_account_month_flows
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_payees_tags"
down_revision: str | None = "0010_account_month_flows"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _named_table(name: str) -> None:
    """payees and tags have the same shape: a name per workspace, unique by its key."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f(f"fk_{name}_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint(
            "workspace_id", "name_key", name=op.f(f"uq_{name}_workspace_id_name_key")
        ),
    )


def upgrade() -> None:
    _named_table("payees")
    _named_table("tags")
    op.create_table(
        "transaction_tags",
        sa.Column("transaction_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite")),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_transaction_tags_transaction_id_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["tags.id"],
            name=op.f("fk_transaction_tags_tag_id_tags"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("transaction_id", "tag_id", name=op.f("pk_transaction_tags")),
    )
    op.create_index(
        "ix_transaction_tags_tag_id_transaction_id",
        "transaction_tags",
        ["tag_id", "transaction_id"],
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE transactions ADD COLUMN payee_id INTEGER "
            "CONSTRAINT fk_transactions_payee_id_payees REFERENCES payees (id)"
        )
    else:
        op.add_column("transactions", sa.Column("payee_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_transactions_payee_id_payees"), "transactions", "payees", ["payee_id"], ["id"]
        )
    op.create_index(
        "ix_transactions_ws_payee_date_id",
        "transactions",
        ["workspace_id", "payee_id", "date", "id"],
    )
    with op.batch_alter_table("import_rules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("set_payee_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("add_tags", sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_import_rules_set_payee_id_payees"),
            "payees",
            ["set_payee_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("import_rules", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_import_rules_set_payee_id_payees"), type_="foreignkey")
        batch_op.drop_column("add_tags")
        batch_op.drop_column("set_payee_id")
    op.drop_index("ix_transactions_ws_payee_date_id", table_name="transactions")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column that names a foreign key only by copying the table, which
        # would drop the balance triggers of 0010: the column stays, emptied and unread.
        op.execute("UPDATE transactions SET payee_id = NULL")
    else:
        op.drop_constraint(
            op.f("fk_transactions_payee_id_payees"), "transactions", type_="foreignkey"
        )
        op.drop_column("transactions", "payee_id")
    op.drop_index("ix_transaction_tags_tag_id_transaction_id", table_name="transaction_tags")
    op.drop_table("transaction_tags")
    op.drop_table("tags")
    op.drop_table("payees")
