"""A bank statement as every account format reads it: account, lines, balances (pure).

OFX, Norma 43, CAMT and MT940 all say which account the lines belong to and most give
the balance before and after them. Each reader returns Statements; the service maps the
account to a payment method and plans the lines the same way for all of them. Where a
statement gives both balances, `balance_error` checks that the file adds up (opening plus
every movement is the closing balance): a statement that does not is cut or misread, and
importing it would write money the bank did not move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from fopymes_server.imports.schemas import Balance, RowError, StatementLine

# What a bank writes for money: digits with one decimal mark. Decimal() would also take
# NaN, Infinity, 1e5 and 1_000, which no statement means.
PLAIN_AMOUNT = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def plain_amount(text: str) -> Decimal | None:
    """The Decimal of `-45.20` or `-45,20`; None for anything else."""
    value = text.strip()
    if not PLAIN_AMOUNT.fullmatch(value):
        return None
    return Decimal(value.replace(",", "."))


@dataclass(frozen=True)
class Statement:
    """One account's lines from one file."""

    account: str
    """The account as the file names it (IBAN, BANKID/ACCTID, ...): what is mapped to a
    payment method and what fingerprints of lines with a bank id are scoped to."""
    last_four: str
    currency: str | None
    """None: the file does not say; the workspace's currency."""
    lines: list[StatementLine]
    errors: list[RowError]
    skipped: list[RowError] = field(default_factory=list)
    """Lines that are left out on purpose, with why (not errors)."""
    opening: Balance | None = None
    closing: Balance | None = None


def last_four(account: str) -> str:
    digits = "".join(ch for ch in account if ch.isdigit())
    return digits[-4:]


def balance_error(statement: Statement) -> RowError | None:
    """A RowError on the closing balance's line when opening + movements != closing.

    Only checked when both balances are given and every line was read: with bad rows the
    sum is incomplete, and those rows are reported already.
    """
    opening, closing = statement.opening, statement.closing
    if opening is None or closing is None or statement.errors:
        return None
    moved = sum((line.amount for line in statement.lines), Decimal(0))
    expected = opening.amount + moved
    if expected == closing.amount:
        return None
    return RowError(
        closing.line,
        "balance",
        f"opening {opening.amount:f} plus the movements {moved:f} is {expected:f}, "
        f"but the closing balance is {closing.amount:f}: the statement does not add up",
    )
