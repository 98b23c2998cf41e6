"""All SQL of accounts (the payment_methods table), always scoped by workspace."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fopymes_server.accounts.models import Account
from fopymes_server.accounts.schemas import AccountOut, AccountType
from fopymes_server.core.lookup import name_key
from fopymes_server.core.money import from_minor


def _out(row: Account) -> AccountOut:
    kind = AccountType(row.type)
    return AccountOut(
        id=row.id,
        name=row.name,
        type=kind,
        currency=row.currency,
        opening_balance=from_minor(row.opening_balance_minor, row.currency),
        opening_date=row.opening_date,
        institution=row.institution,
        last_four=row.last_four,
        liability=kind.liability,
        archived=row.archived_at is not None,
        created_at=row.created_at,
    )


class AccountsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        workspace_id: int,
        *,
        name: str,
        type: AccountType,
        last_four: str | None,
        now: datetime,
        currency: str | None = None,
        opening_balance_minor: int = 0,
        opening_date: date | None = None,
        institution: str | None = None,
    ) -> int:
        """Insert an account; `currency` defaults to the workspace's, the date to today."""
        if currency is None:
            from fopymes_server.identity.models import Workspace

            currency = self.session.scalar(
                select(Workspace.currency).where(Workspace.id == workspace_id)
            )
        method = Account(
            workspace_id=workspace_id,
            name=name,
            name_key=name_key(name),
            type=type.value,
            currency=currency,
            opening_balance_minor=opening_balance_minor,
            opening_date=opening_date or now.date(),
            institution=institution,
            last_four=last_four,
            created_at=now,
        )
        self.session.add(method)
        self.session.flush()
        return method.id

    def list(self, workspace_id: int, *, include_archived: bool = False) -> list[AccountOut]:
        query = (
            select(Account).where(Account.workspace_id == workspace_id).order_by(Account.name_key)
        )
        if not include_archived:
            query = query.where(Account.archived_at.is_(None))
        return [_out(row) for row in self.session.scalars(query).all()]

    def name_taken(self, workspace_id: int, name: str, *, except_id: int | None = None) -> bool:
        query = select(Account.id).where(
            Account.workspace_id == workspace_id, Account.name_key == name_key(name)
        )
        if except_id is not None:
            query = query.where(Account.id != except_id)
        return self.session.scalar(query) is not None

    def rename(self, workspace_id: int, method_id: int, name: str) -> None:
        self._update(workspace_id, method_id, name=name, name_key=name_key(name))

    def change(self, workspace_id: int, method_id: int, values: dict[str, Any]) -> None:
        """Set columns of one account (type, opening, institution, last four)."""
        if "name" in values:
            values = {**values, "name_key": name_key(values["name"])}
        self._update(workspace_id, method_id, **values)

    def set_archived(self, workspace_id: int, method_id: int, when: datetime | None) -> None:
        self._update(workspace_id, method_id, archived_at=when)

    def _update(self, workspace_id: int, method_id: int, **values: Any) -> None:
        self.session.execute(
            update(Account)
            .where(Account.workspace_id == workspace_id, Account.id == method_id)
            .values(**values)
        )

    def delete(self, workspace_id: int, method_id: int) -> bool:
        """Delete the method; False (nothing changed) when a row still refers to it.

        Transactions are counted before (the service refuses those with a count); whatever
        else may come to require a method, its foreign key decides, inside a savepoint, so
        a refusal leaves the unit of work usable.
        """
        try:
            with self.session.begin_nested():
                self.session.execute(
                    delete(Account).where(
                        Account.workspace_id == workspace_id, Account.id == method_id
                    )
                )
        except IntegrityError:
            return False
        return True
