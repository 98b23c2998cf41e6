"""The optimistic-concurrency check of transactions, done by the database itself."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from fopymes_server.transactions.models import Transaction


class TransactionVersionsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim(self, workspace_id: int, transaction_id: int, expected_version: int) -> bool:
        """Lock the row if it is still at `expected_version`; False when it is not.

        `UPDATE ... WHERE version = :expected` takes the row lock on PostgreSQL; a second
        writer with the same expectation waits, re-reads the committed row, no longer
        matches and gets False. On SQLite the write lock of BEGIN IMMEDIATE serialises
        writers the same way. The change itself (and the version bump) follows in the same
        transaction.
        """
        result = self.session.execute(
            update(Transaction)
            .where(
                Transaction.workspace_id == workspace_id,
                Transaction.id == transaction_id,
                Transaction.version == expected_version,
            )
            .values(version=Transaction.version)
        )
        return bool(getattr(result, "rowcount", 0))
