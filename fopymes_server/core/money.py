"""Exact money: parsing, minor units, currency checks and formatting (pure, no I/O).

Amounts are `Decimal` in Python and integer minor units in the database, so neither SQLite
nor PostgreSQL ever rounds through a binary float. Parsing is the only way text becomes an
amount, so every front end refuses the same inputs with the same message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fopymes_server.core.currencies import CURRENCY_EXPONENTS
from fopymes_server.core.errors import ValidationError

# 10^17 minor units keeps every amount inside a signed 64-bit integer (9.2e18) with room
# for sums of dozens of such rows; it allows 10^15 in a 2-decimal currency.
MAX_MINOR_UNITS = 10**17


def normalise_currency(code: str, field: str = "currency") -> str:
    """Return the upper-case ISO 4217 code, or raise ValidationError naming `field`."""
    candidate = code.strip().upper()
    if candidate not in CURRENCY_EXPONENTS:
        raise ValidationError(field, f"'{code}' is not an ISO 4217 currency code")
    return candidate


def exponent(currency: str) -> int:
    """Number of decimal places the currency's minor unit allows (EUR 2, JPY 0, KWD 3)."""
    return CURRENCY_EXPONENTS[normalise_currency(currency)]


_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
"""The only amounts people write: ASCII digits and an optional dot with digits after it.
No exponent (1e5), no grouping (1_000, 1,000), no other scripts' digits, no NaN."""
_COMMA_DECIMAL = re.compile(r"[0-9]+,[0-9]{1,2}")


def parse_amount(
    text: str | Decimal | int, currency: str, *, field: str = "amount", allow_zero: bool = False
) -> Decimal:
    """Parse a positive amount exactly, refusing anything the currency cannot hold.

    Raises ValidationError when the text is not a plain decimal number (`digits[.digits]`),
    is negative (or zero unless `allow_zero`), has more decimals than the currency allows
    (never rounded silently), or is beyond MAX_MINOR_UNITS.
    """
    if isinstance(text, Decimal | int):
        value = Decimal(text)
        if not value.is_finite():
            raise ValidationError(field, f"'{text}' is not a finite number")
    else:
        value = _plain_decimal(text, field)
    if value < 0:
        raise ValidationError(field, "must be positive (use --income/--expense for the sign)")
    if value == 0 and not allow_zero:
        raise ValidationError(field, "must be greater than zero")
    places = exponent(currency)
    if abs(value) >= Decimal(MAX_MINOR_UNITS).scaleb(-places):
        raise ValidationError(field, f"{text} is larger than fopymes can store")
    quantum = Decimal(1).scaleb(-places)
    exact = value.quantize(quantum)
    if exact != value:
        raise ValidationError(
            field, f"{text} has more decimals than {currency.upper()} allows ({places})"
        )
    return exact


def _plain_decimal(text: str, field: str) -> Decimal:
    """The Decimal of `digits[.digits]`, with a leading minus kept for parse_amount to refuse
    as "must be positive"; ValidationError naming `field` for anything else."""
    cleaned = text.strip()
    digits = cleaned.removeprefix("-")
    if _PLAIN_DECIMAL.fullmatch(digits) and len(digits) <= 40:
        return Decimal(cleaned)
    hint = None
    if _COMMA_DECIMAL.fullmatch(digits):
        hint = f"use a dot: {digits.replace(',', '.')}"
    raise ValidationError(
        field, f"'{text}' is not a number: write digits, with a dot before decimals", hint=hint
    )


def to_minor(amount: Decimal, currency: str) -> int:
    """Exact conversion to integer minor units; raises ValueError if it would round."""
    scaled = amount.scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} does not fit {currency} minor units")
    return int(scaled)


def from_minor(minor: int, currency: str) -> Decimal:
    """The Decimal amount of `minor` units, quantized to the currency's exponent."""
    places = exponent(currency)
    return Decimal(minor).scaleb(-places).quantize(Decimal(1).scaleb(-places))


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency; arithmetic across currencies raises instead of guessing."""

    amount: Decimal
    currency: str

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)


def format_money(amount: Decimal, currency: str) -> str:
    """Human form with thousands separators and the currency code: `1,234.50 EUR`."""
    places = exponent(currency)
    return f"{amount:,.{places}f} {currency}"
