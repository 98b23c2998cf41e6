"""Category data in and out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class CategoryKind(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"


class CategoryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    name: str
    kind: CategoryKind
    parent_id: int | None
    parent: str | None = None
    archived: bool = False
    created_at: datetime
