"""The schema revisions this version of fopymes knows, oldest first.

Kept as plain constants so that the schema check on every command does not import Alembic;
a test asserts they match the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_events",
    "0003_budgets_goals_debts",
    "0004_api",
    "0005_scheduling",
    "0006_reports_imports",
    "0007_accounts_transfers",
    "0008_reconciliation",
    "0009_goal_and_debt_accounts",
    "0010_account_month_flows",
    "0011_payees_tags",
    "0012_splits",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
