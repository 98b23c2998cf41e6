"""Rules of split transactions (pure, no I/O): how parts divide a transaction's total.

A split transaction is one movement in one account with one total, divided among several
categories. Its parts are exact minor units of the transaction's currency and always add
up to the total: `steps` (recording), `service.edit` (changing) and the dashboard's form
(what is left to assign) call these functions, so every front end refuses the same
division with the same words.
"""

from __future__ import annotations

from collections.abc import Sequence

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.transactions.schemas import SplitCreate

FIELD = "splits"
MIN_PARTS = 2
NOT_A_TRANSFER = "a transfer moves money between two accounts and has no categories to split among"
AMOUNT_OF_A_SPLIT = (
    "the parts of a split transaction add up to its amount: give the new parts with the "
    "new amount (--split CATEGORY=AMOUNT, repeated)"
)


def remainder(total_minor: int, amounts: Sequence[int | None]) -> int:
    """What is left to assign: the total less the parts that have an amount (negative when
    the parts already exceed it)."""
    return total_minor - sum(amount for amount in amounts if amount is not None)


def complete(total_minor: int, amounts: Sequence[int | None], currency: str) -> list[int]:
    """The parts' amounts in minor units once checked, a part without an amount filled
    with what the others leave.

    Raises ValidationError (field `splits`) for fewer than two parts, more than one part
    without an amount, a part that is not positive, or parts that do not add up exactly
    to the total (the message names the difference, in the currency's decimals).
    """
    if len(amounts) < MIN_PARTS:
        raise ValidationError(
            FIELD, f"a split needs at least {MIN_PARTS} parts (one category: use --category)"
        )
    missing = [index for index, amount in enumerate(amounts) if amount is None]
    if len(missing) > 1:
        raise ValidationError(FIELD, "only one part may leave its amount out (the remainder)")
    left = remainder(total_minor, amounts)
    filled = [left if amount is None else amount for amount in amounts]
    if missing and left <= 0:
        raise ValidationError(
            FIELD,
            f"the other parts add up to {_text(total_minor - left, currency)}, leaving "
            f"nothing for the part without an amount (total {_text(total_minor, currency)})",
        )
    for position, amount in enumerate(filled, start=1):
        if amount <= 0:
            raise ValidationError(FIELD, f"part {position} must be greater than zero")
    difference = total_minor - sum(filled)
    if difference:
        side = "less" if difference > 0 else "more"
        raise ValidationError(
            FIELD,
            f"the parts add up to {_text(sum(filled), currency)}, "
            f"{_text(abs(difference), currency)} {side} than the total "
            f"{_text(total_minor, currency)}",
        )
    return filled


def move(amounts: Sequence[int], source: int, target: int, minor: int) -> list[int]:
    """The parts after moving `minor` units from part `source` to part `target` (0-based):
    the total stays. Raises ValidationError when the source would not stay positive."""
    if not 0 < minor < amounts[source]:
        raise ValidationError(FIELD, f"part {source + 1} must keep more than zero")
    moved = list(amounts)
    moved[source] -= minor
    moved[target] += minor
    return moved


def parse_part(text: str) -> SplitCreate:
    """`CATEGORY=AMOUNT[:NOTE]` (the CLI's --split) into a part; `CATEGORY=` or `CATEGORY`
    alone leaves the amount to the remainder.

    The category is what comes before the first `=`; the note what follows the first `:`
    after it (an amount has no colon), so a note may hold `=` and `:`.
    """
    category, _, rest = text.partition("=")
    amount, colon, note = rest.partition(":")
    if not category.strip():
        raise ValidationError(FIELD, f"'{text}' has no category (CATEGORY=AMOUNT[:NOTE])")
    return SplitCreate(
        category=category.strip(),
        amount=amount.strip() or None,
        note=note.strip() or None if colon else None,
    )


def _text(minor: int, currency: str) -> str:
    return str(from_minor(minor, currency))
