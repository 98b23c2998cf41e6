"""Category data in and out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field

from fopymes_server.core.contract import Contract, examples


class CategoryKind(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"


class CategoryOut(Contract):
    """A category; a sub-category names its top-level `parent` of the same kind."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "id": 12,
                "name": "Groceries",
                "kind": "expense",
                "parent_id": None,
                "parent": None,
                "archived": False,
                "created_at": "2026-11-27T09:30:00Z",
            }
        )
    )

    id: int
    name: str
    kind: CategoryKind
    parent_id: int | None
    parent: str | None = Field(default=None, description="The parent's name, if any.")
    archived: bool = False
    created_at: datetime
