"""Stable fingerprints of statement lines, so a re-imported file adds nothing twice (pure).

A line with a bank id (OFX FITID) is that id within its account. A CSV line has no id, so
its fingerprint is what the bank printed (date, signed amount, currency, description as
written, the account it belongs to) plus how many identical lines came before it in the
same file: two coffees of 2.50 on one day stay two transactions, and the same file, or a
statement overlapping it on whole days, gives the same fingerprints again. Rules and
renamed categories do not change a fingerprint, because they are not part of it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from fopymes_server.imports.schemas import StatementLine


def _key(line: StatementLine, currency: str, account: str) -> str:
    if line.external_id:
        return f"id\x1f{account}\x1f{line.external_id.strip()}"
    description = " ".join(line.description.split()).casefold()
    amount = format(line.amount.normalize(), "f")
    day = line.date.isoformat()
    return f"line\x1f{account}\x1f{day}\x1f{amount}\x1f{currency}\x1f{description}"


def fingerprints(
    lines: Sequence[StatementLine], currencies: Sequence[str], accounts: Sequence[str]
) -> list[str]:
    """One 64-hex fingerprint per line, in order.

    Args:
        currencies: the currency each line is in (after defaults).
        accounts: what each line belongs to: the statement's account for OFX, the payment
            method (or profile) for CSV, so equal lines of two cards stay apart.
    """
    seen: Counter[str] = Counter()
    result = []
    for line, currency, account in zip(lines, currencies, accounts, strict=True):
        key = _key(line, currency, account)
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()
        result.append(digest)
    return result
