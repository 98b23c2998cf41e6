"""Payment methods become accounts (type, currency, opening balance); transfers between them.

Existing methods keep their ids, names, archived state and transactions. Their types map to
the account types: cash stays cash, a debit card or bank account becomes a checking account,
a credit card stays one, "other" becomes another asset. Each opens at 0 in the workspace's
currency on the date of its first transaction (today when it has none).

A transfer is one transactions row of kind 'transfer': `payment_method_id` is the account
the money leaves, `counter_account_id` the account it reaches and `counter_amount_minor`
what arrived there (different when the currencies differ). A CHECK keeps both columns on
transfers and off incomes and expenses.

Revision ID: 0007_accounts_transfers
Revises: 0006_reports_imports
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_accounts_transfers"
down_revision: str | None = "0006_reports_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACCOUNT_TYPES = (
    "type IN ('cash', 'checking', 'savings', 'credit_card', 'loan', 'mortgage', "
    "'other_asset', 'other_liability')"
)
TRANSFER_LEGS = (
    "(kind = 'transfer' AND counter_account_id IS NOT NULL AND counter_amount_minor > 0 "
    "AND payment_method_id IS NOT NULL AND category_id IS NULL) OR "
    "(kind <> 'transfer' AND counter_account_id IS NULL AND counter_amount_minor IS NULL)"
)


def _accounts() -> None:
    with op.batch_alter_table("payment_methods", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_payment_methods_type"), type_="check")
        batch_op.add_column(sa.Column("currency", sa.String(length=3), nullable=True))
        batch_op.add_column(
            sa.Column("opening_balance_minor", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("opening_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("institution", sa.String(length=100), nullable=True))
    op.execute(
        "UPDATE payment_methods SET type = CASE type "
        "WHEN 'debit_card' THEN 'checking' WHEN 'bank_account' THEN 'checking' "
        "WHEN 'other' THEN 'other_asset' ELSE type END"
    )
    op.execute(
        "UPDATE payment_methods SET currency = (SELECT w.currency FROM workspaces w "
        "WHERE w.id = payment_methods.workspace_id)"
    )
    op.execute(
        "UPDATE payment_methods SET opening_date = COALESCE((SELECT MIN(t.date) "
        "FROM transactions t WHERE t.payment_method_id = payment_methods.id), CURRENT_DATE)"
    )
    with op.batch_alter_table("payment_methods", schema=None) as batch_op:
        batch_op.alter_column("currency", existing_type=sa.String(length=3), nullable=False)
        batch_op.alter_column("opening_date", existing_type=sa.Date(), nullable=False)
        batch_op.create_check_constraint(op.f("ck_payment_methods_type"), ACCOUNT_TYPES)


def _transfers() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_transactions_kind"), type_="check")
        batch_op.add_column(sa.Column("counter_account_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("counter_amount_minor", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_transactions_counter_account_id_payment_methods"),
            "payment_methods",
            ["counter_account_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            op.f("ck_transactions_kind"), "kind IN ('income', 'expense', 'transfer')"
        )
        batch_op.create_check_constraint(op.f("ck_transactions_transfer_legs"), TRANSFER_LEGS)
        batch_op.create_index(
            "ix_transactions_ws_counter_date_id",
            ["workspace_id", "counter_account_id", "date", "id"],
            unique=False,
        )


def upgrade() -> None:
    _accounts()
    _transfers()


def downgrade() -> None:
    """Back to methods: transfers are deleted (the old schema cannot hold them)."""
    op.execute("DELETE FROM transactions WHERE kind = 'transfer'")
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index("ix_transactions_ws_counter_date_id")
        batch_op.drop_constraint(op.f("ck_transactions_transfer_legs"), type_="check")
        batch_op.drop_constraint(op.f("ck_transactions_kind"), type_="check")
        batch_op.drop_constraint(
            op.f("fk_transactions_counter_account_id_payment_methods"), type_="foreignkey"
        )
        batch_op.drop_column("counter_amount_minor")
        batch_op.drop_column("counter_account_id")
        batch_op.create_check_constraint(
            op.f("ck_transactions_kind"), "kind IN ('income', 'expense')"
        )
    with op.batch_alter_table("payment_methods", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_payment_methods_type"), type_="check")
    op.execute(
        "UPDATE payment_methods SET type = CASE type WHEN 'checking' THEN 'bank_account' "
        "WHEN 'cash' THEN 'cash' WHEN 'credit_card' THEN 'credit_card' ELSE 'other' END"
    )
    with op.batch_alter_table("payment_methods", schema=None) as batch_op:
        batch_op.drop_column("institution")
        batch_op.drop_column("opening_date")
        batch_op.drop_column("opening_balance_minor")
        batch_op.drop_column("currency")
        batch_op.create_check_constraint(
            op.f("ck_payment_methods_type"),
            "type IN ('cash', 'debit_card', 'credit_card', 'bank_account', 'other')",
        )
