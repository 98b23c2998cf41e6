"""Budgets with limits over time, savings goals, contacts and debts.

Revision ID: 0003_budgets_goals_debts
Revises: 0002_events
"""

from collections.abc import Sequence

revision: str = "0003_budgets_goals_debts"
down_revision: str | None = "0002_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
