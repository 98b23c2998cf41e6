"""Upgrading a database of the previous release turns payment methods into accounts.

The previous head is built with its own migrations and filled with raw SQL (as that release
wrote it), then upgraded: ids, names, archived state and transactions stay, types map to
account types, and each account opens at 0 in the workspace currency on its first
transaction's date.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from fopymes_server.core.database import Database
from fopymes_server.migrations import runner
from tests.old_schemas import NOW, add_owner, old_database_fixture

PREVIOUS_HEAD = "0006_reports_imports"


old_database = old_database_fixture(PREVIOUS_HEAD)


def _fill(database: Database) -> None:
    with database.engine.begin() as c:
        add_owner(c, "MXN")
        methods = [
            (1, "Cash", "cash", None),
            (2, "Debit", "debit_card", None),
            (3, "Bank", "bank_account", NOW),
            (4, "Visa", "credit_card", None),
            (5, "Jar", "other", None),
        ]
        for mid, name, kind, archived in methods:
            c.execute(
                text(
                    "INSERT INTO payment_methods (id, workspace_id, name, name_key, type, "
                    "last_four, archived_at, created_at) VALUES "
                    "(:id, 1, :name, :key, :type, NULL, :archived, :now)"
                ),
                {
                    "id": mid,
                    "name": name,
                    "key": name.lower(),
                    "type": kind,
                    "archived": archived,
                    "now": NOW,
                },
            )
        for tid, method, day in ((1, 4, "2026-03-05"), (2, 4, "2026-02-01"), (3, 1, "2026-06-01")):
            c.execute(
                text(
                    "INSERT INTO transactions (id, workspace_id, kind, amount_minor, currency, "
                    "date, category_id, payment_method_id, description, note, created_by, "
                    "created_at, updated_by, updated_at, version) VALUES "
                    "(:id, 1, 'expense', 1000, 'MXN', :day, NULL, :method, 'x', NULL, 1, :now, "
                    "1, :now, 1)"
                ),
                {"id": tid, "day": day, "method": method, "now": NOW},
            )


def test_payment_methods_become_accounts_on_upgrade(old_database: Database) -> None:
    _fill(old_database)
    runner.upgrade(old_database)
    with old_database.engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT id, name, type, currency, opening_balance_minor, opening_date, "
                "institution, archived_at IS NOT NULL FROM payment_methods ORDER BY id"
            )
        ).all()
        kept = c.execute(text("SELECT count(*) FROM transactions")).scalar()
    today = date.today()
    as_date = [
        (r[0], r[1], r[2], r[3], r[4], date.fromisoformat(str(r[5])), r[6], bool(r[7]))
        for r in rows
    ]
    assert as_date == [
        (1, "Cash", "cash", "MXN", 0, date(2026, 6, 1), None, False),
        (2, "Debit", "checking", "MXN", 0, today, None, False),
        (3, "Bank", "checking", "MXN", 0, today, None, True),
        (4, "Visa", "credit_card", "MXN", 0, date(2026, 2, 1), None, False),
        (5, "Jar", "other_asset", "MXN", 0, today, None, False),
    ]
    assert kept == 3


def test_the_upgraded_schema_refuses_a_transfer_without_its_other_account(
    old_database: Database,
) -> None:
    _fill(old_database)
    runner.upgrade(old_database)
    with pytest.raises(IntegrityError), old_database.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO transactions (id, workspace_id, kind, amount_minor, currency, "
                "date, payment_method_id, description, created_by, created_at, updated_by, "
                "updated_at, version) VALUES (9, 1, 'transfer', 500, 'MXN', '2026-06-02', 1, "
                "'x', 1, :now, 1, :now, 1)"
            ),
            {"now": NOW},
        )
