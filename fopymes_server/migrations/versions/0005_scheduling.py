"""Scheduled transactions, notifications, mail outbox and job runs.

Revision ID: 0005_scheduling
Revises: 0004_api
"""

from collections.abc import Sequence

revision: str = "0005_scheduling"
down_revision: str | None = "0004_api"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
