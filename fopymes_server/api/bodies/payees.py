"""Request bodies and lists of payees and tags (the items are the services' schemas)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from fopymes_server.api.bodies.common import Id, RequestModel, ResponseModel, Text
from fopymes_server.payees.schemas import PayeeOut
from fopymes_server.tags.schemas import TagOut

PayeeName = Annotated[Text, Field(min_length=1, max_length=200)]
TagName = Annotated[Text, Field(min_length=1, max_length=50)]


class PayeeList(ResponseModel):
    """All payees of the workspace by name, with counts and totals per currency."""

    items: list[PayeeOut]


class PayeeRename(RequestModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Mercadona"}]})

    name: PayeeName = Field(description="Refused (409) when it is another payee's name.")


class PayeeMerge(RequestModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"into_id": 7}]})

    into_id: Id = Field(description="The payee that stays; the one in the path is deleted.")


class TagList(ResponseModel):
    items: list[TagOut]


class TagRename(RequestModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "trip-2026"}]})

    name: TagName = Field(description="Letters, digits and - _ / .; 409 for another tag's.")
