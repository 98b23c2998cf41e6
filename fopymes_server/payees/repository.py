"""All SQL of payees: lookups by key, the list with counts and totals, rename and merge."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from fopymes_server.core.money import from_minor
from fopymes_server.core.orm import ensure_named, named_ids
from fopymes_server.imports.models import ImportRule
from fopymes_server.payees.models import Payee
from fopymes_server.payees.rules import payee_key
from fopymes_server.payees.schemas import PayeeOut, PayeeTotals
from fopymes_server.transactions import movements
from fopymes_server.transactions.models import Transaction


class PayeesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ids_by_key(self, workspace_id: int, keys: Iterable[str]) -> dict[str, int]:
        """The ids of the existing rows whose keys are in `keys`."""
        return named_ids(self.session, Payee, workspace_id, keys)

    def ensure(
        self, workspace_id: int, spellings: dict[str, str], *, now: datetime
    ) -> dict[str, int]:
        """Ids by key for every key of `spellings`, adding the missing names."""
        return ensure_named(self.session, Payee, workspace_id, spellings, now)

    def names(self, workspace_id: int, payee_id: int | None = None) -> list[PayeeOut]:
        """The workspace's payees by name (or the one `payee_id`), without counts."""
        statement = select(Payee.id, Payee.name).where(Payee.workspace_id == workspace_id)
        if payee_id is not None:
            statement = statement.where(Payee.id == payee_id)
        rows = self.session.execute(statement.order_by(Payee.name_key)).all()
        return [PayeeOut(id=row.id, name=row.name) for row in rows]

    def list(self, workspace_id: int, payee_id: int | None = None) -> list[PayeeOut]:
        """Payees by name (or the one `payee_id`) with their transaction counts and
        income/expense per currency, summed in SQL."""
        mine = [Transaction.workspace_id == workspace_id, Transaction.payee_id.is_not(None)]
        if payee_id is not None:
            mine.append(Transaction.payee_id == payee_id)
        sums = self.session.execute(
            select(
                Transaction.payee_id,
                Transaction.currency,
                func.count().label("n"),
                movements.sum_of(movements.is_income()).label("income"),
                movements.sum_of(movements.is_expense()).label("expense"),
            )
            .where(*mine)
            .group_by(Transaction.payee_id, Transaction.currency)
            .order_by(Transaction.currency)
        ).all()
        counts: dict[int, int] = defaultdict(int)
        totals: dict[int, list[PayeeTotals]] = defaultdict(list)
        for row in sums:
            counts[row.payee_id] += row.n
            totals[row.payee_id].append(
                PayeeTotals(
                    currency=row.currency,
                    income=from_minor(int(row.income), row.currency),
                    expense=from_minor(int(row.expense), row.currency),
                )
            )
        return [
            PayeeOut(
                id=payee.id,
                name=payee.name,
                transactions=counts[payee.id],
                totals=totals[payee.id],
            )
            for payee in self.names(workspace_id, payee_id)
        ]

    def rename(self, workspace_id: int, payee_id: int, name: str) -> None:
        self.session.execute(
            update(Payee)
            .where(Payee.workspace_id == workspace_id, Payee.id == payee_id)
            .values(name=name, name_key=payee_key(name))
        )

    def move_transactions(self, workspace_id: int, source_id: int, target_id: int) -> int:
        """Point every transaction of `source_id` at `target_id`; how many moved."""
        result = self.session.execute(
            update(Transaction)
            .where(Transaction.workspace_id == workspace_id, Transaction.payee_id == source_id)
            .values(payee_id=target_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def move_rules(self, workspace_id: int, source_id: int, target_id: int) -> int:
        result = self.session.execute(
            update(ImportRule)
            .where(ImportRule.workspace_id == workspace_id, ImportRule.set_payee_id == source_id)
            .values(set_payee_id=target_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def delete(self, workspace_id: int, payee_id: int) -> None:
        self.session.execute(
            delete(Payee).where(Payee.workspace_id == workspace_id, Payee.id == payee_id)
        )
