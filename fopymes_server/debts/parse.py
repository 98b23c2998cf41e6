"""What a person types for a debt's terms, as stored: the rate in ppm, the interest mode."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fopymes_server.core.errors import ValidationError
from fopymes_server.debts.rules import MAX_ANNUAL_RATE, InterestMode

PPM_PER_PERCENT = 10_000

_INTEREST_WORDS = {
    "simple": InterestMode.SIMPLE,
    "compound": InterestMode.COMPOUND_MONTHLY,
    "compound_monthly": InterestMode.COMPOUND_MONTHLY,
    "compound-monthly": InterestMode.COMPOUND_MONTHLY,
    "monthly": InterestMode.COMPOUND_MONTHLY,
}


def parse_rate_ppm(value: str | Decimal) -> int:
    """An annual percentage such as `5.25` or `5.25%` as parts per million (52,500).

    Raises ValidationError("interest_rate") for text that is not a number, a rate outside
    0..1000 % or one with more than four decimals (it would not be stored exactly).
    """
    text = str(value).strip().removesuffix("%").strip()
    try:
        rate = Decimal(text)
    except InvalidOperation:
        raise ValidationError("interest_rate", f"'{value}' is not a percentage") from None
    if not rate.is_finite() or not 0 <= rate <= MAX_ANNUAL_RATE:
        raise ValidationError("interest_rate", "must be a percentage from 0 to 1000")
    ppm = rate * PPM_PER_PERCENT
    if ppm != ppm.to_integral_value():
        raise ValidationError("interest_rate", "allows at most four decimals")
    return int(ppm)


def parse_interest(text: str) -> InterestMode:
    """`simple` or `compound` (monthly compounding); ValidationError("interest") otherwise."""
    try:
        return _INTEREST_WORDS[text.strip().lower()]
    except KeyError:
        raise ValidationError(
            "interest", f"'{text}' is not an interest mode (use simple or compound)"
        ) from None
