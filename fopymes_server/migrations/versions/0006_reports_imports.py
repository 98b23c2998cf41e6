"""Import profiles, categorisation rules, statement fingerprints, report schedules.

Revision ID: 0006_reports_imports
Revises: 0005_scheduling
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fopymes_server.core.orm import UtcDateTime

revision: str = "0006_reports_imports"
down_revision: str | None = "0005_scheduling"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _workspace_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspaces.id"],
        name=op.f(f"fk_{table}_workspace_id_workspaces"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "import_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        _workspace_fk("import_profiles"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_profiles")),
        sa.UniqueConstraint(
            "workspace_id", "name_key", name=op.f("uq_import_profiles_workspace_id_name_key")
        ),
    )
    op.create_table(
        "import_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("condition", sa.String(length=500), nullable=False),
        sa.Column("set_category_id", sa.Integer(), nullable=True),
        sa.Column("set_method_id", sa.Integer(), nullable=True),
        sa.Column("set_description", sa.String(length=500), nullable=True),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        _workspace_fk("import_rules"),
        sa.ForeignKeyConstraint(
            ["set_category_id"],
            ["categories.id"],
            name=op.f("fk_import_rules_set_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["set_method_id"],
            ["payment_methods.id"],
            name=op.f("fk_import_rules_set_method_id_payment_methods"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_rules")),
    )
    with op.batch_alter_table("import_rules", schema=None) as batch_op:
        batch_op.create_index(
            "ix_import_rules_workspace_id_position", ["workspace_id", "position"], unique=False
        )

    op.create_table(
        "statement_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("account_key", sa.String(length=200), nullable=False),
        sa.Column("payment_method_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        _workspace_fk("statement_accounts"),
        sa.ForeignKeyConstraint(
            ["payment_method_id"],
            ["payment_methods.id"],
            name=op.f("fk_statement_accounts_payment_method_id_payment_methods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_accounts")),
        sa.UniqueConstraint(
            "workspace_id",
            "account_key",
            name=op.f("uq_statement_accounts_workspace_id_account_key"),
        ),
    )
    op.create_table(
        "import_fingerprints",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column(
            "transaction_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        _workspace_fk("import_fingerprints"),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_import_fingerprints_transaction_id_transactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_fingerprints")),
        sa.UniqueConstraint(
            "workspace_id",
            "fingerprint",
            name=op.f("uq_import_fingerprints_workspace_id_fingerprint"),
        ),
    )
    with op.batch_alter_table("import_fingerprints", schema=None) as batch_op:
        batch_op.create_index(
            "ix_import_fingerprints_transaction_id", ["transaction_id"], unique=False
        )

    op.create_table(
        "report_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("format", sa.String(length=4), nullable=False),
        sa.Column("recipients", sa.String(length=1000), nullable=False),
        sa.Column("next_run_on", sa.Date(), nullable=False),
        sa.Column("last_run_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "frequency IN ('monthly', 'quarterly', 'yearly')",
            name=op.f("ck_report_schedules_frequency"),
        ),
        sa.CheckConstraint(
            "format IN ('pdf', 'xlsx', 'csv')", name=op.f("ck_report_schedules_format")
        ),
        _workspace_fk("report_schedules"),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_report_schedules_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_schedules")),
    )
    with op.batch_alter_table("report_schedules", schema=None) as batch_op:
        batch_op.create_index("ix_report_schedules_next_run_on", ["next_run_on"], unique=False)
        batch_op.create_index("ix_report_schedules_workspace_id", ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_schedules", schema=None) as batch_op:
        batch_op.drop_index("ix_report_schedules_workspace_id")
        batch_op.drop_index("ix_report_schedules_next_run_on")
    op.drop_table("report_schedules")
    with op.batch_alter_table("import_fingerprints", schema=None) as batch_op:
        batch_op.drop_index("ix_import_fingerprints_transaction_id")
    op.drop_table("import_fingerprints")
    op.drop_table("statement_accounts")
    with op.batch_alter_table("import_rules", schema=None) as batch_op:
        batch_op.drop_index("ix_import_rules_workspace_id_position")
    op.drop_table("import_rules")
    op.drop_table("import_profiles")
