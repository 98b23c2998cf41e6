"""All SQL of imports: profiles, rules, statement accounts, fingerprints, and the bulk insert.

`add_lines` writes transactions itself rather than through TransactionsRepository because
each fingerprint row must point at its transaction: the ids are reserved first (the
PostgreSQL sequence, or past the largest id under SQLite's write lock), then both tables
are loaded with COPY on PostgreSQL and multi-row INSERTs on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from fopymes_server.accounts.models import Account
from fopymes_server.categories.models import Category
from fopymes_server.core.lookup import name_key
from fopymes_server.imports.models import (
    ImportFingerprint,
    ImportProfile,
    ImportRule,
    StatementAccount,
)
from fopymes_server.imports.schemas import CsvMapping, ProfileOut, RuleOut
from fopymes_server.payees.models import Payee
from fopymes_server.transactions.models import Transaction

LOOKUP_CHUNK = 5_000  # under SQLite's 32,766 bound parameters, few round trips
_LINE_COLUMNS = (
    "kind",
    "amount_minor",
    "currency",
    "date",
    "category_id",
    "payment_method_id",
    "description",
    "note",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "payee_id",
)


class ImportsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- profiles ------------------------------------------------------------------------
    def profiles(self, workspace_id: int) -> list[ProfileOut]:
        rows = self.session.scalars(
            select(ImportProfile)
            .where(ImportProfile.workspace_id == workspace_id)
            .order_by(ImportProfile.name_key)
        ).all()
        return [
            ProfileOut(
                id=row.id,
                name=row.name,
                mapping=CsvMapping.model_validate(row.mapping),
                created_at=row.created_at,
            )
            for row in rows
        ]

    def add_profile(
        self, workspace_id: int, name: str, mapping: dict[str, Any], now: datetime
    ) -> int:
        row = ImportProfile(
            workspace_id=workspace_id,
            name=name,
            name_key=name_key(name),
            mapping=mapping,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def delete_profile(self, workspace_id: int, profile_id: int) -> None:
        self.session.execute(
            delete(ImportProfile).where(
                ImportProfile.workspace_id == workspace_id, ImportProfile.id == profile_id
            )
        )

    # --- rules ---------------------------------------------------------------------------
    def rules(self, workspace_id: int) -> list[RuleOut]:
        statement = (
            select(ImportRule, Category.name, Account.name, Payee.name)
            .outerjoin(Category, Category.id == ImportRule.set_category_id)
            .outerjoin(Account, Account.id == ImportRule.set_method_id)
            .outerjoin(Payee, Payee.id == ImportRule.set_payee_id)
            .where(ImportRule.workspace_id == workspace_id)
            .order_by(ImportRule.position, ImportRule.id)
        )
        return [
            RuleOut(
                id=rule.id,
                position=rule.position,
                condition=rule.condition,
                set_category=category,
                set_category_id=rule.set_category_id,
                set_method=method,
                set_method_id=rule.set_method_id,
                set_description=rule.set_description,
                created_at=rule.created_at,
                set_payee=payee,
                set_payee_id=rule.set_payee_id,
                add_tags=rule.add_tags or [],
            )
            for rule, category, method, payee in self.session.execute(statement).all()
        ]

    def add_rule(self, workspace_id: int, values: dict[str, Any], now: datetime) -> int:
        last = self.session.scalar(
            select(func.max(ImportRule.position)).where(ImportRule.workspace_id == workspace_id)
        )
        row = ImportRule(
            workspace_id=workspace_id, position=(last or 0) + 1, created_at=now, **values
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def delete_rule(self, workspace_id: int, rule_id: int) -> bool:
        result = self.session.execute(
            delete(ImportRule).where(
                ImportRule.workspace_id == workspace_id, ImportRule.id == rule_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    # --- statement accounts --------------------------------------------------------------
    def linked_method(self, workspace_id: int, account_key: str) -> int | None:
        return self.session.scalar(
            select(StatementAccount.payment_method_id).where(
                StatementAccount.workspace_id == workspace_id,
                StatementAccount.account_key == account_key,
            )
        )

    def link_account(
        self, workspace_id: int, account_key: str, method_id: int, now: datetime
    ) -> None:
        updated = self.session.execute(
            update(StatementAccount)
            .where(
                StatementAccount.workspace_id == workspace_id,
                StatementAccount.account_key == account_key,
            )
            .values(payment_method_id=method_id)
        )
        if not getattr(updated, "rowcount", 0):
            self.session.add(
                StatementAccount(
                    workspace_id=workspace_id,
                    account_key=account_key,
                    payment_method_id=method_id,
                    created_at=now,
                )
            )
            self.session.flush()

    # --- fingerprints and the bulk insert ------------------------------------------------
    def known_fingerprints(self, workspace_id: int, candidates: Sequence[str]) -> set[str]:
        """Which of `candidates` this workspace has imported before.

        PostgreSQL takes them all as one array (`= ANY`); SQLite in chunks of IN lists.
        """
        unique = sorted(set(candidates))
        if not unique:
            return set()
        if self.session.get_bind().dialect.name == "postgresql":
            return set(
                self.session.scalars(
                    text(
                        "SELECT fingerprint FROM import_fingerprints "
                        "WHERE workspace_id = :workspace_id AND fingerprint = ANY(:candidates)"
                    ),
                    {"workspace_id": workspace_id, "candidates": unique},
                )
            )
        known: set[str] = set()
        for start in range(0, len(unique), LOOKUP_CHUNK):
            known.update(
                self.session.scalars(
                    select(ImportFingerprint.fingerprint).where(
                        ImportFingerprint.workspace_id == workspace_id,
                        ImportFingerprint.fingerprint.in_(unique[start : start + LOOKUP_CHUNK]),
                    )
                ).all()
            )
        return known

    def reserve_ids(self, count: int) -> list[int]:
        """`count` new transaction ids, taken before the rows are inserted.

        PostgreSQL hands them out from the table's own sequence (safe with any number of
        concurrent writers); SQLite continues after the largest id, which is safe because a
        writing unit of work holds SQLite's write lock (BEGIN IMMEDIATE) until it commits.
        """
        if count == 0:
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            return list(
                self.session.scalars(
                    text(
                        "SELECT nextval(pg_get_serial_sequence('transactions', 'id')) "
                        "FROM generate_series(1, :count)"
                    ),
                    {"count": count},
                )
            )
        last = self.session.scalar(select(func.max(Transaction.id))) or 0
        return list(range(last + 1, last + count + 1))

    def add_lines(
        self,
        workspace_id: int,
        rows: Sequence[dict[str, Any]],
        fingerprints: Sequence[str],
        now: datetime,
    ) -> list[int]:
        """Insert transactions and their fingerprints, in the caller's transaction; the
        new ids in row order.

        Ids are reserved first so that both inserts are plain multi-row INSERTs (no
        RETURNING, which SQLAlchemy can only order row by row on SQLite).
        """
        if not rows:
            return []
        ids = self.reserve_ids(len(rows))
        if self.session.get_bind().dialect.name == "postgresql":
            self._copy_lines(workspace_id, rows, ids, fingerprints, now)
            return ids
        self.session.execute(
            insert(Transaction.metadata.tables["transactions"]),
            [
                {"id": new_id, "workspace_id": workspace_id, "version": 1, **row}
                for new_id, row in zip(ids, rows, strict=True)
            ],
        )
        self.add_fingerprints(workspace_id, fingerprints, ids, now)
        return ids

    def add_fingerprints(
        self,
        workspace_id: int,
        fingerprints: Sequence[str],
        transaction_ids: Sequence[int],
        now: datetime,
    ) -> None:
        """Remember the lines of rows already written (a transfer: `add_transfer` wrote it)."""
        if not fingerprints:
            return
        self.session.execute(
            insert(ImportFingerprint.metadata.tables["import_fingerprints"]),
            [
                {
                    "workspace_id": workspace_id,
                    "fingerprint": fingerprint,
                    "transaction_id": transaction_id,
                    "created_at": now,
                }
                for fingerprint, transaction_id in zip(fingerprints, transaction_ids, strict=True)
            ],
        )

    def _copy_lines(
        self,
        workspace_id: int,
        rows: Sequence[dict[str, Any]],
        ids: Sequence[int],
        fingerprints: Sequence[str],
        now: datetime,
    ) -> None:
        """PostgreSQL: COPY both tables on the session's own connection (same transaction).

        COPY is several times faster than multi-row INSERTs and still checks every
        constraint; a failure rolls back with the rest of the unit of work.
        """
        cursor = self.session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        columns = ", ".join(("id", "workspace_id", "version", *_LINE_COLUMNS))
        with cursor.copy(f"COPY transactions ({columns}) FROM STDIN") as copy:
            for new_id, row in zip(ids, rows, strict=True):
                copy.write_row((new_id, workspace_id, 1, *(row.get(c) for c in _LINE_COLUMNS)))
        with cursor.copy(
            "COPY import_fingerprints (workspace_id, fingerprint, transaction_id, created_at) "
            "FROM STDIN"
        ) as copy:
            for fingerprint, transaction_id in zip(fingerprints, ids, strict=True):
                copy.write_row((workspace_id, fingerprint, transaction_id, now))
