"""Upgrading a database at 0007 gives every transaction a status and adds reconciliations.

The previous head is built with its own migrations and filled with raw SQL, then upgraded:
every existing row is cleared, new rows are cleared unless they say otherwise, an unknown
status is refused, and reconciliations can be stored.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from fopymes_server.core.database import Database
from fopymes_server.migrations import runner
from tests.old_schemas import NOW, add_owner, old_database_fixture

PREVIOUS_HEAD = "0007_accounts_transfers"
INSERT_TX = (
    "INSERT INTO transactions (id, workspace_id, kind, amount_minor, currency, date, "
    "payment_method_id, description, created_by, created_at, updated_by, updated_at, "
    "version{extra}) VALUES (:id, 1, 'expense', 1000, 'EUR', '2026-06-01', 1, 'x', 1, :now, "
    "1, :now, 1{values})"
)


old_database = old_database_fixture(PREVIOUS_HEAD)


def _fill(database: Database) -> None:
    with database.engine.begin() as c:
        add_owner(c, "EUR")
        c.execute(
            text(
                "INSERT INTO payment_methods (id, workspace_id, name, name_key, type, currency, "
                "opening_balance_minor, opening_date, created_at) VALUES "
                "(1, 1, 'Bank', 'bank', 'checking', 'EUR', 0, '2026-01-01', :now)"
            ),
            {"now": NOW},
        )
        for tid in (1, 2, 3):
            c.execute(text(INSERT_TX.format(extra="", values="")), {"id": tid, "now": NOW})


def test_existing_transactions_become_cleared_on_upgrade(old_database: Database) -> None:
    _fill(old_database)
    runner.upgrade(old_database)
    with old_database.engine.begin() as c:
        statuses = c.execute(text("SELECT id, status FROM transactions ORDER BY id")).all()
        c.execute(text(INSERT_TX.format(extra="", values="")), {"id": 4, "now": NOW})
        c.execute(
            text(INSERT_TX.format(extra=", status", values=", 'pending'")), {"id": 5, "now": NOW}
        )
        after = c.execute(text("SELECT id, status FROM transactions WHERE id > 3 ORDER BY id"))
        added = after.all()
        c.execute(
            text(
                "INSERT INTO reconciliations (workspace_id, account_id, on_date, currency, "
                "balance_minor, marked, created_by, created_at) VALUES "
                "(1, 1, '2026-06-30', 'EUR', -3000, 3, 1, :now)"
            ),
            {"now": NOW},
        )
        kept = c.execute(text("SELECT account_id, balance_minor FROM reconciliations")).all()
    assert [tuple(r) for r in statuses] == [(1, "cleared"), (2, "cleared"), (3, "cleared")]
    assert [tuple(r) for r in added] == [(4, "cleared"), (5, "pending")]
    assert [tuple(r) for r in kept] == [(1, -3000)]


def test_the_upgraded_schema_refuses_an_unknown_status(old_database: Database) -> None:
    _fill(old_database)
    runner.upgrade(old_database)
    with pytest.raises(IntegrityError), old_database.engine.begin() as c:
        c.execute(
            text(INSERT_TX.format(extra=", status", values=", 'maybe'")), {"id": 9, "now": NOW}
        )
