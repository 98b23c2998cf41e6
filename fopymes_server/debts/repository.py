"""All SQL of debts: the debts with their contact and category names, and their payments.

Balances are not summed here because interest depends on when each payment was made:
`debts/rules.py` replays the payments, which come for every listed debt in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.contacts.models import Contact
from fopymes_server.debts.models import Debt, DebtPayment


@dataclass(frozen=True, slots=True)
class DebtRow:
    id: int
    direction: str
    contact_id: int
    contact: str
    principal_minor: int
    currency: str
    start_date: date
    due_date: date | None
    category_id: int | None
    category: str | None
    annual_rate_ppm: int | None
    interest: str
    instalments: int | None
    instalment_minor: int | None
    description: str
    account_id: int | None
    account: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PaymentRow:
    id: int
    debt_id: int
    date: date
    amount_minor: int
    payment_method_id: int | None
    payment_method: str | None
    transaction_id: int | None
    interest_transaction_id: int | None
    note: str | None


class DebtsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, workspace_id: int, values: dict[str, Any]) -> int:
        debt = Debt(workspace_id=workspace_id, **values)
        self.session.add(debt)
        self.session.flush()
        return debt.id

    def list_debts(
        self, workspace_id: int, *, debt_id: int | None = None, direction: str | None = None
    ) -> list[DebtRow]:
        statement = (
            select(Debt, Contact.name, Category.name, Account.name)
            .join(Contact, Contact.id == Debt.contact_id)
            .outerjoin(Category, Category.id == Debt.category_id)
            .outerjoin(Account, Account.id == Debt.account_id)
            .where(Debt.workspace_id == workspace_id)
            .order_by(Debt.id)
        )
        if debt_id is not None:
            statement = statement.where(Debt.id == debt_id)
        if direction is not None:
            statement = statement.where(Debt.direction == direction)
        return [
            DebtRow(
                id=debt.id,
                direction=debt.direction,
                contact_id=debt.contact_id,
                contact=contact,
                principal_minor=debt.principal_minor,
                currency=debt.currency,
                start_date=debt.start_date,
                due_date=debt.due_date,
                category_id=debt.category_id,
                category=category,
                annual_rate_ppm=debt.annual_rate_ppm,
                interest=debt.interest,
                instalments=debt.instalments,
                instalment_minor=debt.instalment_minor,
                description=debt.description,
                account_id=debt.account_id,
                account=account,
                created_at=debt.created_at,
            )
            for debt, contact, category, account in self.session.execute(statement).all()
        ]

    def lock(self, workspace_id: int, debt_id: int) -> None:
        """Hold the debt's row until commit, so two payments cannot both pass the balance
        check (PostgreSQL row lock; SQLite's BEGIN IMMEDIATE already serialises writers)."""
        self.session.execute(
            select(Debt.id)
            .where(Debt.workspace_id == workspace_id, Debt.id == debt_id)
            .with_for_update()
        )

    def payments(self, workspace_id: int, debt_ids: Sequence[int]) -> list[PaymentRow]:
        """Payments of the given debts, in the order they apply (date, then id)."""
        if not debt_ids:
            return []
        rows = self.session.execute(
            select(DebtPayment, Account.name)
            .outerjoin(Account, Account.id == DebtPayment.payment_method_id)
            .where(DebtPayment.workspace_id == workspace_id, DebtPayment.debt_id.in_(debt_ids))
            .order_by(DebtPayment.debt_id, DebtPayment.date, DebtPayment.id)
        ).all()
        return [
            PaymentRow(
                id=payment.id,
                debt_id=payment.debt_id,
                date=payment.date,
                amount_minor=payment.amount_minor,
                payment_method_id=payment.payment_method_id,
                payment_method=method,
                transaction_id=payment.transaction_id,
                interest_transaction_id=payment.interest_transaction_id,
                note=payment.note,
            )
            for payment, method in rows
        ]

    def set_account(self, workspace_id: int, debt_id: int, account_id: int) -> None:
        self.session.execute(
            update(Debt)
            .where(Debt.workspace_id == workspace_id, Debt.id == debt_id)
            .values(account_id=account_id)
        )

    def add_payment(self, workspace_id: int, values: dict[str, Any]) -> int:
        payment = DebtPayment(workspace_id=workspace_id, **values)
        self.session.add(payment)
        self.session.flush()
        return payment.id

    def delete(self, workspace_id: int, debt_id: int) -> None:
        self.session.execute(
            delete(DebtPayment).where(
                DebtPayment.workspace_id == workspace_id, DebtPayment.debt_id == debt_id
            )
        )
        self.session.execute(
            delete(Debt).where(Debt.workspace_id == workspace_id, Debt.id == debt_id)
        )
