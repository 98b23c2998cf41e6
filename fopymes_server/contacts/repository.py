"""All SQL of contacts, always scoped by workspace."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fopymes_server.contacts.models import Contact
from fopymes_server.contacts.schemas import ContactOut
from fopymes_server.core.lookup import name_key
from fopymes_server.debts.models import Debt


class ContactsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        workspace_id: int,
        *,
        name: str,
        email: str | None,
        user_id: int | None,
        now: datetime,
    ) -> int:
        contact = Contact(
            workspace_id=workspace_id,
            name=name,
            name_key=name_key(name),
            email=email,
            user_id=user_id,
            created_at=now,
        )
        self.session.add(contact)
        self.session.flush()
        return contact.id

    def list(self, workspace_id: int) -> list[ContactOut]:
        rows = self.session.scalars(
            select(Contact).where(Contact.workspace_id == workspace_id).order_by(Contact.name_key)
        ).all()
        return [
            ContactOut(
                id=row.id,
                name=row.name,
                email=row.email,
                user_id=row.user_id,
                created_at=row.created_at,
            )
            for row in rows
        ]

    def name_taken(self, workspace_id: int, name: str) -> bool:
        return (
            self.session.scalar(
                select(Contact.id).where(
                    Contact.workspace_id == workspace_id, Contact.name_key == name_key(name)
                )
            )
            is not None
        )

    def debts_count(self, workspace_id: int, contact_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(Debt)
                .where(Debt.workspace_id == workspace_id, Debt.contact_id == contact_id)
            )
            or 0
        )

    def delete(self, workspace_id: int, contact_id: int) -> None:
        self.session.execute(
            delete(Contact).where(Contact.workspace_id == workspace_id, Contact.id == contact_id)
        )
