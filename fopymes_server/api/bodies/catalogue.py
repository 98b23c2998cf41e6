"""Bodies of categories and payment methods."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import Flag, Id, RequestModel, ResponseModel, Text
from fopymes_server.categories.schemas import CategoryKind, CategoryOut

_WHEN = "2026-11-27T09:30:00Z"
Name = Annotated[Text, Field(min_length=1, max_length=100)]


class CategoryList(ResponseModel):
    items: list[CategoryOut]


class CategoryIn(RequestModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Coffee", "kind": "expense", "parent_id": None}]}
    )

    name: Name
    kind: CategoryKind = CategoryKind.EXPENSE
    parent_id: Id | None = Field(default=None, description="A top-level category of the same kind.")


class CatalogueChange(RequestModel):
    """Rename and/or archive (true) or restore (false); at least one field."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Food", "archived": False}]})

    name: Name | None = None
    archived: Flag | None = None
