"""Server sessions: refresh-token families, idempotency keys, login throttling.

Revision ID: 0004_api
Revises: 0003_budgets_goals_debts
"""

from collections.abc import Sequence

revision: str = "0004_api"
down_revision: str | None = "0003_budgets_goals_debts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
