"""All SQL of tags: lookups by key, links to transactions, the list with counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from fopymes_server.core.orm import ensure_named, named_ids
from fopymes_server.tags.models import Tag, TransactionTag
from fopymes_server.tags.rules import tag_key
from fopymes_server.tags.schemas import TagOut
from fopymes_server.transactions.models import Transaction


class TagsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ids_by_key(self, workspace_id: int, keys: Iterable[str]) -> dict[str, int]:
        """The ids of the existing rows whose keys are in `keys`."""
        return named_ids(self.session, Tag, workspace_id, keys)

    def ensure(
        self, workspace_id: int, spellings: dict[str, str], *, now: datetime
    ) -> dict[str, int]:
        """Ids by key for every key of `spellings`, adding the missing names."""
        return ensure_named(self.session, Tag, workspace_id, spellings, now)

    def names(self, workspace_id: int) -> list[TagOut]:
        """The workspace's tags by name, without counts (lookups: no scan of the links)."""
        rows = self.session.execute(
            select(Tag.id, Tag.name).where(Tag.workspace_id == workspace_id).order_by(Tag.name_key)
        ).all()
        return [TagOut(id=row.id, name=row.name) for row in rows]

    def with_counts(self, workspace_id: int) -> list[TagOut]:
        """Tags by name with how many transactions carry each (counted in SQL)."""
        counts = (
            select(TransactionTag.tag_id, func.count().label("n"))
            .join(Tag, Tag.id == TransactionTag.tag_id)
            .where(Tag.workspace_id == workspace_id)
            .group_by(TransactionTag.tag_id)
            .subquery()
        )
        rows = self.session.execute(
            select(Tag.id, Tag.name, func.coalesce(counts.c.n, 0).label("n"))
            .outerjoin(counts, counts.c.tag_id == Tag.id)
            .where(Tag.workspace_id == workspace_id)
            .order_by(Tag.name_key)
        ).all()
        return [TagOut(id=row.id, name=row.name, transactions=row.n) for row in rows]

    def names_of(self, transaction_ids: Sequence[int]) -> dict[int, list[str]]:
        """The tags of each transaction of `transaction_ids`, by name (one query)."""
        if not transaction_ids:
            return {}
        rows = self.session.execute(
            select(TransactionTag.transaction_id, Tag.name)
            .join(Tag, Tag.id == TransactionTag.tag_id)
            .where(TransactionTag.transaction_id.in_(list(transaction_ids)))
            .order_by(TransactionTag.transaction_id, Tag.name_key)
        ).all()
        found: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            found[row.transaction_id].append(row.name)
        return found

    def attach(self, links: Sequence[tuple[int, int]]) -> None:
        """Insert (transaction_id, tag_id) links in one statement."""
        if links:
            self.session.execute(
                insert(TransactionTag),
                [{"transaction_id": tx, "tag_id": tag} for tx, tag in links],
            )

    def replace(self, workspace_id: int, transaction_id: int, tag_ids: Sequence[int]) -> None:
        """The transaction's tags become exactly `tag_ids`."""
        owned = select(Transaction.id).where(
            Transaction.workspace_id == workspace_id, Transaction.id == transaction_id
        )
        self.session.execute(delete(TransactionTag).where(TransactionTag.transaction_id.in_(owned)))
        self.attach([(transaction_id, tag_id) for tag_id in tag_ids])

    def rename(self, workspace_id: int, tag_id: int, name: str) -> None:
        self.session.execute(
            update(Tag)
            .where(Tag.workspace_id == workspace_id, Tag.id == tag_id)
            .values(name=name, name_key=tag_key(name))
        )

    def delete(self, workspace_id: int, tag_id: int) -> None:
        """Delete a tag; its links go with it (foreign key cascade, and explicitly for
        SQLite connections that did not turn foreign keys on)."""
        self.session.execute(delete(TransactionTag).where(TransactionTag.tag_id == tag_id))
        self.session.execute(delete(Tag).where(Tag.workspace_id == workspace_id, Tag.id == tag_id))
