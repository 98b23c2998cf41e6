"""Field types every API model shares: text the databases can store, bounded ids, money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

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

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
Day = Annotated[
    dt.date,
    Field(ge=FIRST_DAY, le=LAST_DAY, description="YYYY-MM-DD, years 1900 to 2999."),
]
"""A calendar date as input. Periods, plans, schedules and interest step past a date;
near year 1 or 9999 that step would leave Python's calendar (a 500), so such dates are
refused as input (422)."""

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
