"""Import profiles, categorisation rules, statement fingerprints, report schedules.

Revision ID: 0006_reports_imports
Revises: 0005_scheduling
"""

from collections.abc import Sequence

revision: str = "0006_reports_imports"
down_revision: str | None = "0005_scheduling"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
