"""Write the benchmark entries as a plain-text journal that hledger and ledger both read.

Why: the same data in a second, independent tool lets anyone check fopymes' sums
(`hledger bal expenses -M` against `fopymes report ...`) and compare speeds. The subset of
the format used here is the one both tools share: ISO dates, `*` cleared, an indented
`;` comment line for notes, two spaces before each amount, the commodity after the amount
(`12.30 EUR`), and the balancing posting's amount left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dataset import CATEGORIES, CURRENCY, METHODS, Entry

from fopymes_server.core.money import exponent

# Flush to the file every this many transactions: one write per ~1 MB keeps memory flat.
CHUNK = 10_000


def write_journal(path: Path, entries: Iterable[Entry], *, header: str) -> int:
    """Write `entries` to `path` (replacing it); return the number of transactions written."""
    places = exponent(CURRENCY)
    scale = 10**places
    category_accounts = {spec.name: spec.account for spec in CATEGORIES}
    method_accounts = {spec.name: spec.account for spec in METHODS}
    accounts = sorted({*category_accounts.values(), *method_accounts.values()})
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("".join(f"; {line}\n" for line in header.splitlines()))
        # Declared so `hledger check --strict` and `ledger --pedantic` accept the file too;
        # the format line pins the decimal mark to "." for both.
        out.write(f"\ncommodity {CURRENCY}\n    format 1000.{'0' * places} {CURRENCY}\n\n")
        out.write("".join(f"account {account}\n" for account in accounts) + "\n")
        chunk: list[str] = []
        for entry in entries:
            units, cents = divmod(entry.amount_minor, scale)
            amount = f"{units}.{cents:0{places}d} {CURRENCY}"
            category = category_accounts[entry.category]
            method = method_accounts[entry.method]
            # Money flows from the method's account into an expense, or from an income
            # into the method's account.
            to, source = (method, category) if entry.kind == "income" else (category, method)
            note = f"    ; {entry.note}\n" if entry.note else ""
            chunk.append(
                f"{entry.date} * {entry.description}\n{note}    {to}  {amount}\n    {source}\n\n"
            )
            written += 1
            if len(chunk) >= CHUNK:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return written
