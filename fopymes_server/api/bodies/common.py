"""Field types every API model shares: text the databases can store, bounded ids, money."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict

from fopymes_server.core.dates import RANGE_TEXT, check_day
from fopymes_server.core.errors import ValidationError

MAX_INT32 = 2**31 - 1
MAX_INT64 = 2**63 - 1


def _storable(value: str) -> str:
    """Refuse what PostgreSQL cannot store (NUL, lone surrogates) as a 422, never a 500."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def _decimal_text(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) else value


Text = Annotated[str, Field(pattern=r"^[^\x00]*$"), AfterValidator(_storable)]
"""Any text field: storable on both databases (the pattern documents "no NUL")."""


def _iso_day(value: object) -> object:
    """Only a YYYY-MM-DD string (or a date) is a date: `0` or `1700000000` is not the
    Unix epoch, and `2026-11-02T10:00` is not a day."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise ValueError(f"must be a date written YYYY-MM-DD, from {RANGE_TEXT}")


def _in_range(day: dt.date) -> dt.date:
    """core.dates' range check, as the ValueError pydantic turns into a 422 for the field."""
    try:
        return check_day(day)
    except ValidationError as outside:
        raise ValueError(outside.rule) from None


def _flag_text(value: object) -> object:
    """A query string carries a boolean as text: only `true` or `false` is one (`1`, `0`,
    `yes` or `off` is refused)."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError("must be true or false")


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Day = Annotated[
    dt.date,
    BeforeValidator(_iso_day),
    AfterValidator(_in_range),
    Field(description=f"YYYY-MM-DD, from {RANGE_TEXT}."),
]
"""A calendar date as input, in fopymes' one range (core.dates). Periods, plans, schedules
and interest step past a date; the range keeps every such step inside Python's calendar."""

Flag = Annotated[bool, Strict()]
"""A boolean in a request body: JSON true or false, never 0, 1 or "false"."""
FlagParam = Annotated[bool, BeforeValidator(_flag_text)]
"""A boolean query parameter: the text true or false."""

Id = Annotated[int, Field(ge=1, le=MAX_INT32)]
BigId = Annotated[int, Field(ge=1, le=MAX_INT64)]

AmountText = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{1,18}(\.[0-9]{1,4})?$",
        description='A positive decimal number as a string, e.g. "45.20"; never a float.',
        examples=["45.20"],
    ),
]
CurrencyCode = Annotated[
    str,
    Field(pattern=r"^[A-Za-z]{3}$", description="ISO 4217 code", examples=["EUR"]),
]
DecimalString = Annotated[
    str,
    BeforeValidator(_decimal_text),
    Field(description="An exact decimal amount as a string.", examples=["45.20"]),
]


class RequestModel(BaseModel):
    """Request bodies refuse unknown fields, so `id`, `workspace_id` or `role` smuggled into
    a body is a 422 rather than silently dropped or, worse, stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)
