"""Scheduled transactions, notifications, mail outbox and job runs.

Revision ID: 0005_scheduling
Revises: 0004_api
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from fopymes_server.core.orm import UtcDateTime

revision: str = "0005_scheduling"
down_revision: str | None = "0004_api"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _utc(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, UtcDateTime(timezone=True), nullable=nullable)


def _workspace_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspaces.id"],
        name=op.f(f"fk_{table}_workspace_id_workspaces"),
        ondelete="CASCADE",
    )


def _user_fk(table: str, column: str = "user_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"))


def _create_schedules() -> None:
    op.create_table(
        "scheduled_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("payment_method_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=True),
        sa.Column("day", sa.String(length=4), nullable=True),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("until_date", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        _utc("paused_at", nullable=True),
        sa.Column("pause_reason", sa.String(length=200), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('income', 'expense')", name=op.f("ck_scheduled_transactions_kind")
        ),
        sa.CheckConstraint(
            "mode IN ('post', 'remind')", name=op.f("ck_scheduled_transactions_mode")
        ),
        sa.CheckConstraint(
            "amount_minor > 0", name=op.f("ck_scheduled_transactions_amount_positive")
        ),
        sa.CheckConstraint(
            "frequency IN ('daily', 'weekly', 'monthly', 'yearly')",
            name=op.f("ck_scheduled_transactions_frequency"),
        ),
        _workspace_fk("scheduled_transactions"),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_scheduled_transactions_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["payment_method_id"],
            ["payment_methods.id"],
            name=op.f("fk_scheduled_transactions_payment_method_id_payment_methods"),
            ondelete="SET NULL",
        ),
        _user_fk("scheduled_transactions", "owner_id"),
        _user_fk("scheduled_transactions", "created_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_transactions")),
        sa.UniqueConstraint(
            "workspace_id", "name_key", name=op.f("uq_scheduled_transactions_workspace_id_name_key")
        ),
    )
    with op.batch_alter_table("scheduled_transactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scheduled_transactions_next_due", ["next_due", "id"], unique=False
        )
    op.create_table(
        "schedule_occurrences",
        sa.Column("id", _BIG_ID, nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("occurrence_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("transaction_id", _BIG_ID, nullable=True),
        _utc("created_at"),
        _utc("resolved_at", nullable=True),
        sa.CheckConstraint(
            "status IN ('posted', 'pending', 'confirmed', 'skipped')",
            name=op.f("ck_schedule_occurrences_status"),
        ),
        _workspace_fk("schedule_occurrences"),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["scheduled_transactions.id"],
            name=op.f("fk_schedule_occurrences_schedule_id_scheduled_transactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_schedule_occurrences_transaction_id_transactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_occurrences")),
        sa.UniqueConstraint(
            "schedule_id",
            "occurrence_date",
            name=op.f("uq_schedule_occurrences_schedule_id_occurrence_date"),
        ),
    )
    with op.batch_alter_table("schedule_occurrences", schema=None) as batch_op:
        batch_op.create_index(
            "ix_schedule_occurrences_ws_status", ["workspace_id", "status"], unique=False
        )


def _create_notifications() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", _BIG_ID, nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=True),
        sa.Column("entity_id", sa.BigInteger(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        _utc("created_at"),
        _utc("read_at", nullable=True),
        _workspace_fk("notifications"),
        _user_fk("notifications"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint(
            "user_id",
            "workspace_id",
            "dedupe_key",
            name=op.f("uq_notifications_user_id_workspace_id_dedupe_key"),
        ),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notifications_user_ws_id", ["user_id", "workspace_id", "id"], unique=False
        )
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("email_types", sa.JSON(), nullable=False),
        sa.Column("quiet", sa.Boolean(), nullable=False),
        _utc("updated_at"),
        _user_fk("notification_preferences"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_preferences")),
    )


def _create_mail() -> None:
    op.create_table(
        "mail_outbox",
        sa.Column("id", _BIG_ID, nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("to_address", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("message_key", sa.String(length=64), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _utc("next_attempt_at"),
        _utc("lease_until", nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        _utc("created_at"),
        _utc("sent_at", nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'dead')", name=op.f("ck_mail_outbox_status")
        ),
        _workspace_fk("mail_outbox"),
        _user_fk("mail_outbox"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
        sa.UniqueConstraint("message_key", name=op.f("uq_mail_outbox_message_key")),
    )
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mail_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            "ix_mail_outbox_workspace_id_id", ["workspace_id", "id"], unique=False
        )
    op.create_table(
        "mail_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", _BIG_ID, nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["mail_outbox.id"],
            name=op.f("fk_mail_attachments_outbox_id_mail_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachments")),
    )
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.create_index("ix_mail_attachments_outbox_id", ["outbox_id"], unique=False)


def _create_resets_and_runs() -> None:
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _utc("created_at"),
        _utc("expires_at"),
        _utc("used_at", nullable=True),
        _user_fk("password_resets"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_resets")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_resets_token_hash")),
    )
    with op.batch_alter_table("password_resets", schema=None) as batch_op:
        batch_op.create_index("ix_password_resets_user_id", ["user_id"], unique=False)
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=50), nullable=False),
        sa.Column("slot", sa.String(length=40), nullable=False),
        _utc("started_at"),
        _utc("finished_at", nullable=True),
        sa.Column("summary", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
        sa.UniqueConstraint("job", "slot", name=op.f("uq_job_runs_job_slot")),
    )


def upgrade() -> None:
    _create_schedules()
    _create_notifications()
    _create_mail()
    _create_resets_and_runs()


def downgrade() -> None:
    op.drop_table("job_runs")
    with op.batch_alter_table("password_resets", schema=None) as batch_op:
        batch_op.drop_index("ix_password_resets_user_id")
    op.drop_table("password_resets")
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_attachments_outbox_id")
    op.drop_table("mail_attachments")
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_outbox_workspace_id_id")
        batch_op.drop_index("ix_mail_outbox_status_next_attempt_at")
    op.drop_table("mail_outbox")
    op.drop_table("notification_preferences")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_ws_id")
    op.drop_table("notifications")
    with op.batch_alter_table("schedule_occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_schedule_occurrences_ws_status")
    op.drop_table("schedule_occurrences")
    with op.batch_alter_table("scheduled_transactions", schema=None) as batch_op:
        batch_op.drop_index("ix_scheduled_transactions_next_due")
    op.drop_table("scheduled_transactions")
