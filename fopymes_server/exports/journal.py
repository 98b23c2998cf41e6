"""Plain-text accounting journals: ledger/hledger and beancount, streamed row by row.

Double entry from single-entry rows: an expense moves money from the payment method's
account into the category's account; an income from the category into the method. Names
become accounts: `Expenses:Groceries:Supermarket`, `Income:Salary`, `Assets:Cash`
(`Liabilities:` for credit cards); rows without a category or method use
`Expenses:Uncategorised`, `Income:Uncategorised` or `Assets:Unassigned`. Money moved into
or out of a savings goal is a transfer between the method and `Assets:Savings:<goal>`, not
an expense or an income, as in fopymes' own reports.

Why the escaping: text is folded onto one line, and an account name ends at two spaces.
In a ledger payee `;` starts a comment (hledger cuts the description there), so a payee
shows it as the look-alike `；` (U+FF1B) and the exact text follows as a
`fopymes-description:` comment tag, where `;`, `#`, `"` and `@` are read as written;
notes are comment lines and keep every character. In account names `;` becomes `,`.
Beancount strings escape quotes and backslashes; its account parts must start with a capital
letter or digit and hold only letters, digits and `-`. A currency without decimals
(JPY) gets no `format` line: hledger refuses `1000 JPY` without a decimal mark, and
ledger refuses `1000. JPY`, while both take the amounts' own precision.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import IO

from fopymes_server.core.dates import FIRST_DAY
from fopymes_server.core.money import exponent
from fopymes_server.exports.schemas import AccountNames, ExportRow

OPEN_DATE = FIRST_DAY
"""Accounts open on the first day a transaction may have, so bean-check never sees a
posting to an account before its open directive (a 1969 transaction did, with 1970)."""
_NOT_WORD = re.compile(r"[^\w-]+")


COMMENT_LOOKALIKE = "\uff1b"
"""FULLWIDTH SEMICOLON: how a ledger payee shows `;`, which would start a comment."""


def _folded(text: str) -> str:
    return " ".join(text.split())


def _line(text: str) -> str:
    return _folded(text).replace(";", ",")


def _payee(description: str) -> tuple[str, str]:
    """(the payee as written on the transaction line, the comment lines that follow it)."""
    text = _folded(description)
    if ";" not in text:
        return text, ""
    return text.replace(";", COMMENT_LOOKALIKE), f"    ; fopymes-description: {text}\n"


def _ledger_part(name: str) -> str:
    return _line(name).replace(":", "-").strip() or "Unnamed"


def _bean_part(name: str) -> str:
    part = _NOT_WORD.sub("-", name.strip().replace("_", "-")).strip("-") or "Unnamed"
    return part[0].upper() + part[1:] if part[0].isalpha() else "X" + part


def category_account(kind: str, parent: str | None, name: str | None, *, bean: bool) -> str:
    part = _bean_part if bean else _ledger_part
    root = "Income" if kind == "income" else "Expenses"
    if name is None:
        return f"{root}:Uncategorised"
    names = [parent, name] if parent else [name]
    return ":".join([root, *(part(n) for n in names)])


def method_account(name: str | None, type_: str | None, *, bean: bool) -> str:
    part = _bean_part if bean else _ledger_part
    if name is None:
        return "Assets:Unassigned"
    root = "Liabilities" if type_ == "credit_card" else "Assets"
    return f"{root}:{part(name)}"


def savings_account(goal: str, *, bean: bool) -> str:
    part = _bean_part if bean else _ledger_part
    return f"Assets:Savings:{part(goal)}"


def _accounts(names: AccountNames, *, bean: bool) -> list[str]:
    accounts = {
        "Expenses:Uncategorised",
        "Income:Uncategorised",
        "Assets:Unassigned",
        *(category_account("expense", p, n, bean=bean) for p, n in names.expense_categories),
        *(category_account("income", p, n, bean=bean) for p, n in names.income_categories),
        *(method_account(n, t, bean=bean) for n, t in names.methods),
        *(savings_account(goal, bean=bean) for goal in names.goals),
    }
    return sorted(accounts)


def _postings(row: ExportRow, *, bean: bool) -> tuple[str, str]:
    """(the account the money goes to, the one it comes from)."""
    category = (
        savings_account(row.goal, bean=bean)
        if row.goal is not None
        else category_account(row.kind, row.parent_category, row.category, bean=bean)
    )
    method = method_account(row.payment_method, row.payment_method_type, bean=bean)
    return (category, method) if row.kind == "expense" else (method, category)


def write_ledger(rows: Iterable[ExportRow], names: AccountNames, out: IO[bytes]) -> None:
    """A journal both hledger and ledger read (the id is the transaction code)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        text.write("; Exported by fopymes.\n\n")
        for currency in names.currencies:
            places = exponent(currency)
            shape = f"    format 1000.{'0' * places} {currency}\n" if places else ""
            text.write(f"commodity {currency}\n{shape}\n")
        text.writelines(f"account {account}\n" for account in _accounts(names, bean=False))
        text.write("\n")
        for row in rows:
            to, source = _postings(row, bean=False)
            payee, original = _payee(row.description)
            note = "".join(
                f"    ; {_folded(part)}\n" for part in (row.note or "").splitlines() if part.strip()
            )
            text.write(
                f"{row.date.isoformat()} * ({row.id}) {payee}\n{original}{note}"
                f"    {to}  {row.amount} {row.currency}\n    {source}\n\n"
            )
        text.flush()
    finally:
        text.detach()


def _bean_string(value: str) -> str:
    return '"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_beancount(rows: Iterable[ExportRow], names: AccountNames, out: IO[bytes]) -> None:
    """A beancount file `bean-check` accepts: options, opened accounts, balanced entries."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        text.write("; Exported by fopymes.\n")
        text.writelines(f'option "operating_currency" "{c}"\n' for c in names.currencies)
        text.write("\n")
        text.writelines(
            f"{OPEN_DATE.isoformat()} open {account}\n" for account in _accounts(names, bean=True)
        )
        text.write("\n")
        for row in rows:
            to, source = _postings(row, bean=True)
            note = f"  note: {_bean_string(row.note)}\n" if row.note else ""
            text.write(
                f"{row.date.isoformat()} * {_bean_string(row.description)}\n"
                f"  fopymes-id: {row.id}\n{note}"
                f"  {to}  {row.amount} {row.currency}\n"
                f"  {source}  {-row.amount} {row.currency}\n\n"
            )
        text.flush()
    finally:
        text.detach()
