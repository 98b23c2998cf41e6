"""What leaves a feature: the base of every schema that the CLI prints and the API returns.

Each feature's `schemas.py` is the one description of its data on the way out. The API
uses those classes as its response models and the CLI prints `model_dump(mode="json")` of
the same objects for `-o json` and `-o csv`, so `fopymes tx list -o json` and
`GET .../transactions` agree by construction, not by discipline. Field descriptions and
OpenAPI examples live on the schemas too (`Field(description=...)`,
`json_schema_extra={"examples": [...]}`).

Pydantic only: nothing here knows HTTP or the terminal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


def _plain_decimal(value: Decimal) -> str:
    """`45.20`, never `4.52E+1`: an exact decimal written as people and parsers read it."""
    return format(value, "f")


Money = Annotated[
    Decimal,
    PlainSerializer(_plain_decimal, return_type=str, when_used="json"),
    Field(description="An exact decimal amount as a string.", examples=["45.20"]),
]
"""An amount on the way out: a Decimal in Python, a plain decimal string in JSON."""


class Contract(BaseModel):
    """Base of every outgoing schema: immutable, and buildable from rows or dataclasses."""

    model_config = ConfigDict(
        frozen=True, from_attributes=True, json_schema_serialization_defaults_required=True
    )


def examples(*values: dict[str, Any]) -> dict[str, Any]:
    """`model_config` extra that shows `values` as the schema's OpenAPI examples."""
    return {"examples": list(values)}
