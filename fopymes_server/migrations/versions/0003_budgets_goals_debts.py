"""Budgets with limits over time, savings goals, contacts and debts.

Revision ID: 0003_budgets_goals_debts
Revises: 0002_events
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import fopymes_server.core.orm

revision: str = "0003_budgets_goals_debts"
down_revision: str | None = "0002_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_contacts_user_id_users")),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_contacts_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint(
            "workspace_id", "name_key", name=op.f("uq_contacts_workspace_id_name_key")
        ),
    )
    op.create_table(
        "budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("category_key", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("anchor_day", sa.Integer(), nullable=False),
        sa.Column("anchor_month", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Integer(), nullable=False),
        sa.Column("anchor_date", sa.Date(), nullable=True),
        sa.Column("rollover", sa.String(length=10), nullable=False),
        sa.Column("rollover_cap_minor", sa.BigInteger(), nullable=True),
        sa.Column("thresholds", sa.String(length=100), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "period IN ('weekly', 'fortnightly', 'monthly', 'quarterly', 'yearly')",
            name=op.f("ck_budgets_period"),
        ),
        sa.CheckConstraint(
            "rollover IN ('none', 'unspent', 'overspent', 'both')", name=op.f("ck_budgets_rollover")
        ),
        sa.CheckConstraint("anchor_day BETWEEN 1 AND 31", name=op.f("ck_budgets_anchor_day")),
        sa.CheckConstraint("anchor_month BETWEEN 1 AND 12", name=op.f("ck_budgets_anchor_month")),
        sa.CheckConstraint(
            "rollover_cap_minor IS NULL OR rollover_cap_minor >= 0",
            name=op.f("ck_budgets_cap_not_negative"),
        ),
        sa.CheckConstraint("week_start BETWEEN 0 AND 6", name=op.f("ck_budgets_week_start")),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_budgets_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_budgets_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_budgets_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budgets")),
        sa.UniqueConstraint(
            "workspace_id", "category_key", name=op.f("uq_budgets_workspace_id_category_key")
        ),
    )
    op.create_table(
        "debts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=12), nullable=False),
        sa.Column("principal_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("annual_rate_ppm", sa.Integer(), nullable=True),
        sa.Column("interest", sa.String(length=20), nullable=False),
        sa.Column("instalments", sa.Integer(), nullable=True),
        sa.Column("instalment_minor", sa.BigInteger(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("direction IN ('i_owe', 'owed_to_me')", name=op.f("ck_debts_direction")),
        sa.CheckConstraint(
            "interest IN ('simple', 'compound_monthly')", name=op.f("ck_debts_interest")
        ),
        sa.CheckConstraint(
            "annual_rate_ppm IS NULL OR annual_rate_ppm BETWEEN 0 AND 10000000",
            name=op.f("ck_debts_rate"),
        ),
        sa.CheckConstraint(
            "instalment_minor IS NULL OR instalment_minor > 0",
            name=op.f("ck_debts_instalment_positive"),
        ),
        sa.CheckConstraint(
            "instalments IS NULL OR instalments > 0", name=op.f("ck_debts_instalments_positive")
        ),
        sa.CheckConstraint("principal_minor > 0", name=op.f("ck_debts_principal_positive")),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_debts_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_debts_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_debts_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_debts_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debts")),
    )
    with op.batch_alter_table("debts", schema=None) as batch_op:
        batch_op.create_index("ix_debts_ws_contact", ["workspace_id", "contact_id"], unique=False)

    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("target_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("frequency", sa.String(length=12), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column(
            "cancelled_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "frequency IN ('weekly', 'fortnightly', 'monthly')", name=op.f("ck_goals_frequency")
        ),
        sa.CheckConstraint("target_minor > 0", name=op.f("ck_goals_target_positive")),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_goals_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_goals_owner_id_users")),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_goals_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
        sa.UniqueConstraint(
            "workspace_id", "name_key", name=op.f("uq_goals_workspace_id_name_key")
        ),
    )
    op.create_table(
        "budget_limits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_minor >= 0", name=op.f("ck_budget_limits_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budgets.id"],
            name=op.f("fk_budget_limits_budget_id_budgets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_budget_limits_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_budget_limits_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_limits")),
        sa.UniqueConstraint(
            "budget_id", "effective_from", name=op.f("uq_budget_limits_budget_id_effective_from")
        ),
    )
    with op.batch_alter_table("budget_limits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_budget_limits_ws_budget_from",
            ["workspace_id", "budget_id", "effective_from"],
            unique=False,
        )

    op.create_table(
        "debt_payments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("debt_id", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("payment_method_id", sa.Integer(), nullable=True),
        sa.Column(
            "transaction_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_debt_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_debt_payments_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["debt_id"],
            ["debts.id"],
            name=op.f("fk_debt_payments_debt_id_debts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["payment_method_id"],
            ["payment_methods.id"],
            name=op.f("fk_debt_payments_payment_method_id_payment_methods"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_debt_payments_transaction_id_transactions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_debt_payments_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debt_payments")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_debt_payments_transaction_id")),
    )
    with op.batch_alter_table("debt_payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_debt_payments_ws_debt_date_id",
            ["workspace_id", "debt_id", "date", "id"],
            unique=False,
        )

    op.create_table(
        "goal_contributions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "transaction_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_minor <> 0", name=op.f("ck_goal_contributions_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_goal_contributions_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_contributions_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_goal_contributions_transaction_id_transactions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_goal_contributions_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_contributions")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_goal_contributions_transaction_id")),
    )
    with op.batch_alter_table("goal_contributions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_goal_contributions_ws_goal_date_id",
            ["workspace_id", "goal_id", "date", "id"],
            unique=False,
        )

    op.create_table(
        "goal_milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.Integer(), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=False),
        sa.Column("created_at", fopymes_server.core.orm.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "milestone IN (25, 50, 75, 100)", name=op.f("ck_goal_milestones_milestone")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_milestones_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_goal_milestones_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_milestones")),
        sa.UniqueConstraint(
            "goal_id", "milestone", name=op.f("uq_goal_milestones_goal_id_milestone")
        ),
    )
    with op.batch_alter_table("goal_milestones", schema=None) as batch_op:
        batch_op.create_index("ix_goal_milestones_workspace_id", ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("goal_milestones", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_milestones_workspace_id")

    op.drop_table("goal_milestones")
    with op.batch_alter_table("goal_contributions", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_contributions_ws_goal_date_id")

    op.drop_table("goal_contributions")
    with op.batch_alter_table("debt_payments", schema=None) as batch_op:
        batch_op.drop_index("ix_debt_payments_ws_debt_date_id")

    op.drop_table("debt_payments")
    with op.batch_alter_table("budget_limits", schema=None) as batch_op:
        batch_op.drop_index("ix_budget_limits_ws_budget_from")

    op.drop_table("budget_limits")
    op.drop_table("goals")
    with op.batch_alter_table("debts", schema=None) as batch_op:
        batch_op.drop_index("ix_debts_ws_contact")

    op.drop_table("debts")
    op.drop_table("budgets")
    op.drop_table("contacts")
