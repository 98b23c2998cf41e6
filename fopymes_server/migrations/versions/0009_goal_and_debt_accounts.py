"""Savings goals and debts get accounts; the money they moved becomes transfers.

Schedules may be transfers too: `counter_account_id` is a scheduled transfer's other account
(a downgrade deletes such schedules, which the older schema cannot hold).

Until now a contribution to a goal "from" an account was an expense row, and a recorded debt
payment an expense (or income) row, which every total had to recognise by their links and
leave out. From here on:

- a goal names the savings account its money is moved to. Each goal that has contributions
  recorded from an account gets "<goal> savings" (a savings account in the goal's currency,
  opening at 0 on its first contribution's date), and each such row becomes a transfer: a
  contribution from its account to the goal's, a withdrawal from the goal's back to it;
- a debt names the loan account that holds what is still owed: "Loan from <contact>" (a
  loan, a liability) for money borrowed, "Loan to <contact>" (another asset) for money
  lent, opening with the principal on the debt's start date. A recorded payment is divided
  as the debt's own replay divides it, interest first: the principal part becomes a
  transfer between the paying account and the loan account, the interest part stays an
  expense (borrowed) or income (lent) row of its own, linked as the payment's interest.

An account's balance does not change (the same money leaves or reaches it), incomes and
expenses lose exactly what was never income or expense. A linked row without an account has
no account to transfer from: it is unlinked and kept as the income or expense it was
stored as. Account names already taken get the goal's or debt's number.

Revision ID: 0009_goal_and_debt_accounts
Revises: 0008_reconciliation
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

from fopymes_server.accounts import naming
from fopymes_server.core.lookup import name_key
from fopymes_server.core.money import from_minor, to_minor
from fopymes_server.core.orm import UtcDateTime
from fopymes_server.debts.rules import DebtTerms, InterestMode, Payment, payment_parts
from fopymes_server.debts.stored import rate_percent

revision: str = "0009_goal_and_debt_accounts"
down_revision: str | None = "0008_reconciliation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEDULED_TRANSFER_LEGS = (
    "(kind = 'transfer' AND counter_account_id IS NOT NULL AND payment_method_id IS NOT NULL "
    "AND category_id IS NULL) OR (kind <> 'transfer' AND counter_account_id IS NULL)"
)


def _columns() -> None:
    with op.batch_alter_table("scheduled_transactions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_scheduled_transactions_kind"), type_="check")
        batch_op.add_column(sa.Column("counter_account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_scheduled_transactions_counter_account_id_payment_methods"),
            "payment_methods",
            ["counter_account_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_check_constraint(
            op.f("ck_scheduled_transactions_kind"), "kind IN ('income', 'expense', 'transfer')"
        )
        batch_op.create_check_constraint(
            op.f("ck_scheduled_transactions_transfer_legs"), SCHEDULED_TRANSFER_LEGS
        )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_goals_account_id_payment_methods"),
            "payment_methods",
            ["account_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("debts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_debts_account_id_payment_methods"),
            "payment_methods",
            ["account_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("debt_payments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "interest_transaction_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            op.f("fk_debt_payments_interest_transaction_id_transactions"),
            "transactions",
            ["interest_transaction_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint(
            op.f("uq_debt_payments_interest_transaction_id"), ["interest_transaction_id"]
        )


class _Accounts:
    """Opens accounts with names free in their workspace."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.now = datetime.now(UTC)
        self.taken: dict[int, set[str]] = {}
        for workspace_id, key in connection.execute(
            sa.text("SELECT workspace_id, name_key FROM payment_methods")
        ):
            self.taken.setdefault(workspace_id, set()).add(key)

    def open(
        self,
        workspace_id: int,
        wanted: str,
        number: int,
        *,
        type: str,
        currency: str,
        opening_minor: int,
        opening_date: date,
    ) -> int:
        taken = self.taken.setdefault(workspace_id, set())
        name = naming.free(wanted, taken, number)
        taken.add(name_key(name))
        return int(
            self.connection.execute(
                sa.text(
                    "INSERT INTO payment_methods (workspace_id, name, name_key, type, currency, "
                    "opening_balance_minor, opening_date, created_at) VALUES (:ws, :name, :key, "
                    ":type, :currency, :opening, :day, :now) RETURNING id"
                ).bindparams(sa.bindparam("now", type_=UtcDateTime())),
                {
                    "ws": workspace_id,
                    "name": name,
                    "key": name_key(name),
                    "type": type,
                    "currency": currency,
                    "opening": opening_minor,
                    "day": opening_date,
                    "now": self.now,
                },
            ).scalar_one()
        )


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _to_transfer(
    connection: sa.Connection, row_id: int, source: int, target: int, amount_minor: int
) -> None:
    connection.execute(
        sa.text(
            "UPDATE transactions SET kind = 'transfer', category_id = NULL, "
            "payment_method_id = :source, counter_account_id = :target, "
            "amount_minor = :amount, counter_amount_minor = :amount, version = version + 1 "
            "WHERE id = :id"
        ),
        {"source": source, "target": target, "amount": amount_minor, "id": row_id},
    )


def _goals(connection: sa.Connection, accounts: _Accounts) -> None:
    linked = connection.execute(
        sa.text(
            "SELECT g.id, g.workspace_id, g.name, g.currency, c.amount_minor, c.date, "
            "c.id, t.id, t.payment_method_id FROM goal_contributions c "
            "JOIN goals g ON g.id = c.goal_id JOIN transactions t ON t.id = c.transaction_id "
            "ORDER BY g.id, c.date, c.id"
        )
    ).all()
    opened: dict[int, int] = {}
    for (
        goal_id,
        workspace_id,
        name,
        currency,
        amount,
        day,
        contribution_id,
        row_id,
        method,
    ) in linked:
        if method is None:
            connection.execute(
                sa.text("UPDATE goal_contributions SET transaction_id = NULL WHERE id = :id"),
                {"id": contribution_id},
            )
            continue
        if goal_id not in opened:
            opened[goal_id] = accounts.open(
                workspace_id,
                naming.goal_account(name),
                goal_id,
                type="savings",
                currency=currency,
                opening_minor=0,
                opening_date=_as_date(day),
            )
            connection.execute(
                sa.text("UPDATE goals SET account_id = :account WHERE id = :id"),
                {"account": opened[goal_id], "id": goal_id},
            )
        source, target = (method, opened[goal_id]) if amount > 0 else (opened[goal_id], method)
        _to_transfer(connection, row_id, source, target, abs(amount))


def _debt_accounts(connection: sa.Connection, accounts: _Accounts) -> dict[int, int]:
    opened: dict[int, int] = {}
    for (
        debt_id,
        workspace_id,
        contact,
        direction,
        principal_minor,
        currency,
        start,
    ) in connection.execute(
        sa.text(
            "SELECT d.id, d.workspace_id, c.name, d.direction, d.principal_minor, "
            "d.currency, d.start_date FROM debts d JOIN contacts c ON c.id = d.contact_id "
            "ORDER BY d.id"
        )
    ).all():
        lent = direction == "owed_to_me"
        opened[debt_id] = accounts.open(
            workspace_id,
            naming.debt_account(contact, owed_to_me=lent),
            debt_id,
            type="other_asset" if lent else "loan",
            currency=currency,
            opening_minor=principal_minor if lent else -principal_minor,
            opening_date=_as_date(start),
        )
        connection.execute(
            sa.text("UPDATE debts SET account_id = :account WHERE id = :id"),
            {"account": opened[debt_id], "id": debt_id},
        )
    return opened


def _debt_terms(row: Any) -> DebtTerms:
    return DebtTerms(
        principal=from_minor(row.principal_minor, row.currency),
        currency=row.currency,
        start=_as_date(row.start_date),
        annual_rate=rate_percent(row.annual_rate_ppm),
        interest=InterestMode(row.interest),
    )


def _debts(connection: sa.Connection, accounts: _Accounts) -> None:
    loan_accounts = _debt_accounts(connection, accounts)
    debts = connection.execute(
        sa.text(
            "SELECT id, direction, principal_minor, currency, start_date, annual_rate_ppm, "
            "interest FROM debts"
        )
    ).all()
    for debt in debts:
        payments = connection.execute(
            sa.text(
                "SELECT p.id, p.amount_minor, p.date, t.id AS row_id, t.payment_method_id "
                "FROM debt_payments p LEFT JOIN transactions t ON t.id = p.transaction_id "
                "WHERE p.debt_id = :debt ORDER BY p.date, p.id"
            ),
            {"debt": debt.id},
        ).all()
        if not payments:
            continue
        parts = payment_parts(
            _debt_terms(debt),
            [
                Payment(_as_date(p.date), from_minor(p.amount_minor, debt.currency))
                for p in payments
            ],
        )
        loan = loan_accounts[debt.id]
        lent = debt.direction == "owed_to_me"
        for payment, (interest, principal) in zip(payments, parts, strict=True):
            if payment.row_id is None:
                continue
            _split(connection, debt.currency, payment, interest, principal, loan, lent)


def _split(
    connection: sa.Connection,
    currency: str,
    payment: Any,
    interest: Decimal,
    principal: Decimal,
    loan: int,
    lent: bool,
) -> None:
    """Turn one recorded payment into its principal transfer and its interest row."""
    if payment.payment_method_id is None:
        connection.execute(
            sa.text("UPDATE debt_payments SET transaction_id = NULL WHERE id = :id"),
            {"id": payment.id},
        )
        return
    interest_minor, principal_minor = to_minor(interest, currency), to_minor(principal, currency)
    if principal_minor == 0:
        connection.execute(
            sa.text(
                "UPDATE debt_payments SET transaction_id = NULL, interest_transaction_id = :row "
                "WHERE id = :id"
            ),
            {"row": payment.row_id, "id": payment.id},
        )
        return
    interest_row = None
    if interest_minor:
        interest_row = connection.execute(
            sa.text(
                "INSERT INTO transactions (workspace_id, kind, amount_minor, currency, date, "
                "category_id, payment_method_id, description, note, created_by, created_at, "
                "updated_by, updated_at, version, status) SELECT workspace_id, kind, :amount, "
                "currency, date, category_id, payment_method_id, "
                "SUBSTR(description || ' (interest)', 1, 500), note, created_by, created_at, "
                "updated_by, updated_at, 1, status FROM transactions WHERE id = :row "
                "RETURNING id"
            ),
            {"amount": interest_minor, "row": payment.row_id},
        ).scalar_one()
    method = payment.payment_method_id
    source, target = (loan, method) if lent else (method, loan)
    _to_transfer(connection, payment.row_id, source, target, principal_minor)
    connection.execute(
        sa.text("UPDATE debt_payments SET interest_transaction_id = :row WHERE id = :id"),
        {"row": interest_row, "id": payment.id},
    )


def upgrade() -> None:
    _columns()
    connection = op.get_bind()
    accounts = _Accounts(connection)
    _goals(connection, accounts)
    _debts(connection, accounts)


def downgrade() -> None:
    with op.batch_alter_table("debt_payments", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_debt_payments_interest_transaction_id"), type_="unique")
        batch_op.drop_constraint(
            op.f("fk_debt_payments_interest_transaction_id_transactions"), type_="foreignkey"
        )
        batch_op.drop_column("interest_transaction_id")
    op.execute("DELETE FROM scheduled_transactions WHERE kind = 'transfer'")
    with op.batch_alter_table("scheduled_transactions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_scheduled_transactions_transfer_legs"), type_="check")
        batch_op.drop_constraint(op.f("ck_scheduled_transactions_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_scheduled_transactions_kind"), "kind IN ('income', 'expense')"
        )
        batch_op.drop_constraint(
            op.f("fk_scheduled_transactions_counter_account_id_payment_methods"),
            type_="foreignkey",
        )
        batch_op.drop_column("counter_account_id")
    for table in ("debts", "goals"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(
                op.f(f"fk_{table}_account_id_payment_methods"), type_="foreignkey"
            )
            batch_op.drop_column("account_id")
