"""Upgrading a database of the previous release turns goal and debt money into transfers.

The previous head (0008) is built with its own migrations and filled with raw SQL as that
release wrote it: a contribution to a goal and a withdrawal from it recorded as an expense
and an income from Cash, a debt payment recorded as an expense that was part interest, a
repayment of money lent recorded as an income, and a plain expense. After `db upgrade`
every account's balance is what it was, the goal and the debts have their accounts, and the
totals count only the plain expense and the interest, as the new rules give.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from fopymes_server.accounts import service as accounts
from fopymes_server.core.context import AppContext
from fopymes_server.core.database import Database
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.settings import Settings
from fopymes_server.debts import service as debts
from fopymes_server.goals import service as goals
from fopymes_server.migrations import runner
from fopymes_server.transactions import service as transactions
from tests.old_schemas import NOW, add_owner, old_database_fixture

PREVIOUS_HEAD = "0008_reconciliation"
INSERT_TX = (
    "INSERT INTO transactions (id, workspace_id, kind, amount_minor, currency, date, "
    "category_id, payment_method_id, description, created_by, created_at, updated_by, "
    "updated_at, version, status) VALUES (:id, 1, :kind, :amount, 'EUR', :day, :category, "
    ":method, :text, 1, :now, 1, :now, 1, :status)"
)


old_database = old_database_fixture(PREVIOUS_HEAD)


def _fill(database: Database) -> None:
    with database.engine.begin() as c:
        add_owner(c, "EUR")
        c.execute(
            text(
                "INSERT INTO memberships (workspace_id, user_id, role, created_at) "
                "VALUES (1, 1, 'owner', :now)"
            ),
            {"now": NOW},
        )
        c.execute(
            text(
                "INSERT INTO categories (id, workspace_id, name, name_key, kind, created_at) "
                "VALUES (1, 1, 'Housing', 'housing', 'expense', :now)"
            ),
            {"now": NOW},
        )
        c.execute(
            text(
                "INSERT INTO payment_methods (id, workspace_id, name, name_key, type, currency, "
                "opening_balance_minor, opening_date, created_at) VALUES (1, 1, 'Cash', 'cash', "
                "'cash', 'EUR', 100000, '2026-01-01', :now)"
            ),
            {"now": NOW},
        )
        # A reader's own account already named as the goal's would be: the goal gets "(1)".
        c.execute(
            text(
                "INSERT INTO payment_methods (id, workspace_id, name, name_key, type, currency, "
                "opening_balance_minor, opening_date, created_at) VALUES (2, 1, 'Bike savings', "
                "'bike savings', 'savings', 'EUR', 0, '2026-01-01', :now)"
            ),
            {"now": NOW},
        )
        rows = [
            (1, "expense", 25000, "2026-03-01", None, 1, "Savings: Bike", "cleared"),
            (2, "income", 5000, "2026-04-01", None, 1, "From savings: Bike", "reconciled"),
            (3, "expense", 12000, "2026-02-15", 1, 1, "Debt payment to Ana", "cleared"),
            (4, "income", 8000, "2026-03-10", None, 1, "Debt repayment from Bo", "cleared"),
            (5, "expense", 4550, "2026-03-12", 1, 1, "Rent share", "cleared"),
        ]
        for tid, kind, amount, day, category, method, description, status in rows:
            c.execute(
                text(INSERT_TX),
                {
                    "id": tid,
                    "kind": kind,
                    "amount": amount,
                    "day": day,
                    "category": category,
                    "method": method,
                    "text": description,
                    "status": status,
                    "now": NOW,
                },
            )
        c.execute(
            text(
                "INSERT INTO goals (id, workspace_id, name, name_key, target_minor, currency, "
                "frequency, owner_id, start_date, created_at, updated_at) VALUES (1, 1, 'Bike', "
                "'bike', 100000, 'EUR', 'monthly', 1, '2026-02-01', :now, :now)"
            ),
            {"now": NOW},
        )
        for cid, amount, day, tid in ((1, 25000, "2026-03-01", 1), (2, -5000, "2026-04-01", 2)):
            c.execute(
                text(
                    "INSERT INTO goal_contributions (id, workspace_id, goal_id, amount_minor, "
                    "date, transaction_id, created_by, created_at) VALUES "
                    "(:id, 1, 1, :amount, :day, :tid, 1, :now)"
                ),
                {"id": cid, "amount": amount, "day": day, "tid": tid, "now": NOW},
            )
        for contact_id, name in ((1, "Ana"), (2, "Bo")):
            c.execute(
                text(
                    "INSERT INTO contacts (id, workspace_id, name, name_key, created_at) "
                    "VALUES (:id, 1, :name, :key, :now)"
                ),
                {"id": contact_id, "name": name, "key": name.lower(), "now": NOW},
            )
        # 1,200.00 borrowed from Ana at 12 % simple on 15 Jan: 31 days of interest are 12.23
        # by 15 Feb, so the 120.00 paid then was 12.23 of interest and 107.77 of principal.
        debts_rows = (
            (1, 1, "i_owe", 120000, "2026-01-15", 1, 120000),
            (2, 2, "owed_to_me", 8000, "2026-02-01", None, None),
        )
        for did, contact, direction, principal, start, category, rate in debts_rows:
            c.execute(
                text(
                    "INSERT INTO debts (id, workspace_id, contact_id, direction, "
                    "principal_minor, currency, start_date, category_id, annual_rate_ppm, "
                    "interest, description, created_by, created_at) VALUES (:id, 1, :contact, "
                    ":direction, :principal, 'EUR', :start, :category, :rate, 'simple', '', 1, "
                    ":now)"
                ),
                {
                    "id": did,
                    "contact": contact,
                    "direction": direction,
                    "principal": principal,
                    "start": start,
                    "category": category,
                    "rate": rate,
                    "now": NOW,
                },
            )
        for pid, did, amount, day, tid in (
            (1, 1, 12000, "2026-02-15", 3),
            (2, 2, 8000, "2026-03-10", 4),
        ):
            c.execute(
                text(
                    "INSERT INTO debt_payments (id, workspace_id, debt_id, amount_minor, date, "
                    "payment_method_id, transaction_id, created_by, created_at) VALUES "
                    "(:id, 1, :debt, :amount, :day, 1, :tid, 1, :now)"
                ),
                {"id": pid, "debt": did, "amount": amount, "day": day, "tid": tid, "now": NOW},
            )


def _sequences_past_the_ids(database: Database) -> None:
    """The rows above were given ids by hand; on PostgreSQL the migration's own inserts take
    theirs from the sequences, as the previous release's would have."""
    if database.engine.dialect.name != "postgresql":
        return
    with database.engine.begin() as c:
        for table in ("payment_methods", "transactions"):
            c.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )


def _context(database: Database, tmp_path: Path) -> AppContext:
    return AppContext(settings=Settings(home=tmp_path), database=database)


def test_goal_and_debt_money_becomes_transfers_between_their_accounts_on_upgrade(
    old_database: Database, tmp_path: Path
) -> None:
    _fill(old_database)
    _sequences_past_the_ids(old_database)
    runner.upgrade(old_database)
    ctx = _context(old_database, tmp_path)
    owner = Principal(user_id=1, workspace_id=1, role=Role.OWNER)
    with ctx.uow(write=False) as uow:
        sheet = accounts.balance_sheet(uow, owner, on=uow.clock.today())
        listed = transactions.list_transactions(uow, owner)
        goal = goals.show(uow, owner, "Bike").goal
        owed = debts.show(uow, owner, 1)
        lent = debts.show(uow, owner, 2)
    balances = {line.name: (line.balance, line.cleared_balance) for line in sheet.accounts}
    # Cash: 1,000 - 250 + 50 - 120 + 80 - 45.50, exactly as before the upgrade.
    assert balances["Cash"] == (Decimal("714.50"), Decimal("714.50"))
    assert balances["Bike savings"] == (Decimal(0), Decimal(0))
    assert balances["Bike savings (1)"] == (Decimal("200.00"), Decimal("200.00"))
    assert balances["Loan from Ana"][0] == Decimal("-1092.23")
    assert balances["Loan to Bo"][0] == Decimal("0.00")
    assert goal.account == "Bike savings (1)"
    assert goal.saved == Decimal("200.00")
    assert (owed.debt.account, lent.debt.account) == ("Loan from Ana", "Loan to Bo")
    assert owed.debt.principal_outstanding == Decimal("1092.23")

    by_text = {t.description: t for t in listed.items}
    assert [(t.kind.value, t.amount) for t in listed.items if t.kind.value != "transfer"] == [
        ("expense", Decimal("45.50")),
        ("expense", Decimal("12.23")),
    ]
    assert (listed.totals[0].income, listed.totals[0].expense) == (Decimal(0), Decimal("57.73"))
    withdrawal = by_text["From savings: Bike"]
    assert (withdrawal.payment_method, withdrawal.counter_account, withdrawal.status) == (
        "Bike savings (1)",
        "Cash",
        "reconciled",
    )
    principal = by_text["Debt payment to Ana"]
    assert (principal.kind.value, principal.amount, principal.counter_account) == (
        "transfer",
        Decimal("107.77"),
        "Loan from Ana",
    )
    interest = by_text["Debt payment to Ana (interest)"]
    assert (interest.category, interest.payment_method) == ("Housing", "Cash")
    assert owed.payments[0].transaction_id == principal.id
    assert owed.payments[0].interest_transaction_id == interest.id
    assert by_text["Debt repayment from Bo"].payment_method == "Loan to Bo"
    with old_database.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM transactions")).scalar() == 6
