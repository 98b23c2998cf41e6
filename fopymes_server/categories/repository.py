"""All SQL of categories, always scoped by workspace."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from fopymes_server.categories.models import Category
from fopymes_server.categories.schemas import CategoryKind, CategoryOut
from fopymes_server.core.lookup import name_key


class CategoriesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        workspace_id: int,
        *,
        name: str,
        kind: CategoryKind,
        parent_id: int | None,
        now: datetime,
    ) -> int:
        category = Category(
            workspace_id=workspace_id,
            name=name,
            name_key=name_key(name),
            kind=kind.value,
            parent_id=parent_id,
            created_at=now,
        )
        self.session.add(category)
        self.session.flush()
        return category.id

    def list(self, workspace_id: int, *, include_archived: bool = False) -> list[CategoryOut]:
        parent = aliased(Category)
        # Columns, not entities: every filter by category reads this list, and loading
        # ORM objects into the identity map cost more than the query itself.
        query = (
            select(
                Category.id,
                Category.name,
                Category.kind,
                Category.parent_id,
                Category.archived_at,
                Category.created_at,
                parent.name.label("parent_name"),
            )
            .outerjoin(parent, parent.id == Category.parent_id)
            .where(Category.workspace_id == workspace_id)
            .order_by(
                Category.kind,
                func.coalesce(parent.name_key, Category.name_key),
                Category.parent_id.is_not(None),
                Category.name_key,
            )
        )
        if not include_archived:
            query = query.where(Category.archived_at.is_(None))
        return [
            CategoryOut(
                id=row.id,
                name=row.name,
                kind=CategoryKind(row.kind),
                parent_id=row.parent_id,
                parent=row.parent_name,
                archived=row.archived_at is not None,
                created_at=row.created_at,
            )
            for row in self.session.execute(query).all()
        ]

    def name_taken(self, workspace_id: int, name: str, *, except_id: int | None = None) -> bool:
        query = select(Category.id).where(
            Category.workspace_id == workspace_id, Category.name_key == name_key(name)
        )
        if except_id is not None:
            query = query.where(Category.id != except_id)
        return self.session.scalar(query) is not None

    def rename(self, workspace_id: int, category_id: int, name: str) -> None:
        self.session.execute(
            update(Category)
            .where(Category.workspace_id == workspace_id, Category.id == category_id)
            .values(name=name, name_key=name_key(name))
        )

    def set_archived(self, workspace_id: int, category_id: int, when: datetime | None) -> None:
        self.session.execute(
            update(Category)
            .where(Category.workspace_id == workspace_id, Category.id == category_id)
            .values(archived_at=when)
        )

    def children_count(self, workspace_id: int, category_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(Category)
                .where(Category.workspace_id == workspace_id, Category.parent_id == category_id)
            )
            or 0
        )

    def delete(self, workspace_id: int, category_id: int) -> bool:
        """Delete the category; False (nothing changed) when a row still refers to it.

        A budget's category must exist (goals, debts, schedules and rules let go of it);
        the foreign keys decide, inside a savepoint, so a refusal leaves the unit of work
        usable.
        """
        try:
            with self.session.begin_nested():
                self.session.execute(
                    delete(Category).where(
                        Category.workspace_id == workspace_id, Category.id == category_id
                    )
                )
        except IntegrityError:
            return False
        return True
