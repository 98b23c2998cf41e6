"""All SQL of payment methods, always scoped by workspace."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fopymes_server.core.lookup import name_key
from fopymes_server.payment_methods.models import PaymentMethod
from fopymes_server.payment_methods.schemas import MethodType, PaymentMethodOut


def _out(row: PaymentMethod) -> PaymentMethodOut:
    return PaymentMethodOut(
        id=row.id,
        name=row.name,
        type=MethodType(row.type),
        last_four=row.last_four,
        archived=row.archived_at is not None,
        created_at=row.created_at,
    )


class PaymentMethodsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        workspace_id: int,
        *,
        name: str,
        type: MethodType,
        last_four: str | None,
        now: datetime,
    ) -> int:
        method = PaymentMethod(
            workspace_id=workspace_id,
            name=name,
            name_key=name_key(name),
            type=type.value,
            last_four=last_four,
            created_at=now,
        )
        self.session.add(method)
        self.session.flush()
        return method.id

    def list(self, workspace_id: int, *, include_archived: bool = False) -> list[PaymentMethodOut]:
        query = (
            select(PaymentMethod)
            .where(PaymentMethod.workspace_id == workspace_id)
            .order_by(PaymentMethod.name_key)
        )
        if not include_archived:
            query = query.where(PaymentMethod.archived_at.is_(None))
        return [_out(row) for row in self.session.scalars(query).all()]

    def name_taken(self, workspace_id: int, name: str, *, except_id: int | None = None) -> bool:
        query = select(PaymentMethod.id).where(
            PaymentMethod.workspace_id == workspace_id, PaymentMethod.name_key == name_key(name)
        )
        if except_id is not None:
            query = query.where(PaymentMethod.id != except_id)
        return self.session.scalar(query) is not None

    def rename(self, workspace_id: int, method_id: int, name: str) -> None:
        self._update(workspace_id, method_id, name=name, name_key=name_key(name))

    def set_archived(self, workspace_id: int, method_id: int, when: datetime | None) -> None:
        self._update(workspace_id, method_id, archived_at=when)

    def _update(self, workspace_id: int, method_id: int, **values: Any) -> None:
        self.session.execute(
            update(PaymentMethod)
            .where(PaymentMethod.workspace_id == workspace_id, PaymentMethod.id == method_id)
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
                    delete(PaymentMethod).where(
                        PaymentMethod.workspace_id == workspace_id, PaymentMethod.id == method_id
                    )
                )
        except IntegrityError:
            return False
        return True
