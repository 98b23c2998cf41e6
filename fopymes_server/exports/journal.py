"""Plain-text accounting journals: ledger/hledger and beancount, streamed row by row.

Double entry from fopymes' rows: an expense moves money from its account into the
category's account; an income from the category into the account. Accounts are posted as
what they are: cash, bank, savings and other assets under `Assets:<name>`, credit cards,
loans, mortgages and other liabilities under `Liabilities:<name>`; categories become
`Expenses:Groceries:Supermarket` and `Income:Salary`; rows without a category or account use
`Expenses:Uncategorised`, `Income:Uncategorised` or `Assets:Unassigned`. A transfer is one
entry with two postings, out of one account and into the other; between currencies the
posting that arrives carries the total price of what left (`1083.50 USD @@ 1000.00 EUR`),
so the entry balances at the rate the transfer implies. Money moved into or out of a savings
goal is such a transfer, to or from the goal's savings account, and so is a debt's
principal, between an account and the debt's loan account (a liability for money borrowed,
an asset for money lent); a debt's interest is an expense or income like any other. An
account's opening balance is an entry on its opening
date against `Equity:Opening-Balances`; beancount opens each account on its first date (the
opening date, or its first row if that is earlier), category accounts on the journal's
first date.

A split transaction is one entry with a posting per part, each to its category's account
(the part's note as that posting's comment, in beancount its `note:` metadata), and one
posting of the total to or from its account: the rows of one id stream together, in part
order, and are written as one entry.

Entries are marked `*` (cleared, reconciled) or `!` (pending). A reconciliation is an
assertion of the account's balance at the end of its date: a dated entry after that day's
rows whose one posting moves nothing (`Assets:Bank  0.00 EUR = 2760.00 EUR`; hledger,
ledger and bean-check all take it, and ledger checks assertions in file order, hledger
by date then file order, so after the day's rows both see the same balance), in
beancount a `balance` directive on the next day (it holds at the start of its day). The
three tools count pending entries in an assertion, so the asserted figure is the
statement's plus the lines still pending on that day, both given in a comment. An export
of a range begins with each account's balance the day before (`Balance brought forward`,
its still-pending part apart and marked `!`).

Why the escaping: text is folded onto one line, and an account name ends at two spaces.
In a ledger payee `;` starts a comment (hledger cuts the description there), so a payee
shows it as the look-alike `；` (U+FF1B) and the exact text follows as a
`fopymes-description:` comment tag, where `;`, `#`, `"` and `@` are read as written;
notes are comment lines and keep every character. In account names `;` becomes `,`.

A payee is written the hledger way, `payee | description` (only the payee when the
description says the same); a `|` inside the payee shows as the look-alike `¦`. Tags are
comment tags, one per line (`; trip-2026:`): hledger reads `; a:, b:` as two tags too,
but ledger would read it as one tag `a` whose value is `, b:`. Beancount writes
`"payee" "narration" #tag ...`; tags hold only what a beancount tag may (`tags.rules`).
Beancount strings escape quotes and backslashes; its account parts must start with a capital
letter or digit and hold only letters, digits and `-`. A currency without decimals
(JPY) gets no `format` line: hledger refuses `1000 JPY` without a decimal mark, and
ledger refuses `1000. JPY`, while both take the amounts' own precision.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from typing import IO

from fopymes_server.core.dates import FIRST_DAY
from fopymes_server.core.money import exponent, from_minor
from fopymes_server.exports.schemas import (
    AccountNames,
    BalanceCheck,
    CarriedBalance,
    ExportRow,
    JournalChecks,
    LedgerAccount,
)

OPEN_DATE = FIRST_DAY
"""Where an empty journal opens its accounts (no row and no opening balance to go by)."""
OPENING_BALANCES = "Equity:Opening-Balances"
BROUGHT_FORWARD = "Balance brought forward"
"""The payee of a range's first entry per account: its balance the day before."""
STATEMENT = "Statement balance of"
"""The payee of a ledger entry that asserts a reconciliation."""
LIABILITY_TYPES = frozenset({"credit_card", "loan", "mortgage", "other_liability"})
"""Account types whose balance is money owed (`Liabilities:`); the others are assets."""
_NOT_WORD = re.compile(r"[^\w-]+")


DESCRIPTION_TAG = "fopymes-description"
"""The comment tag that keeps a payee's exact text (declared, for `ledger --pedantic`)."""
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
    return text.replace(";", COMMENT_LOOKALIKE), f"    ; {DESCRIPTION_TAG}: {text}\n"


PIPE_LOOKALIKE = "\u00a6"
"""BROKEN BAR: how a payee shows `|`, which hledger reads as the end of the payee."""


def _ledger_title(row: ExportRow) -> str:
    """`payee | description`, or the description alone (no payee, or the same text)."""
    if not row.payee or _folded(row.payee) == _folded(row.description):
        return row.description
    return f"{_folded(row.payee).replace('|', PIPE_LOOKALIKE)} | {row.description}"


def _ledger_tags(row: ExportRow) -> str:
    return "".join(f"    ; {tag}:\n" for tag in row.tags)


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
    root = "Liabilities" if type_ in LIABILITY_TYPES else "Assets"
    return f"{root}:{part(name)}"


def _accounts(names: AccountNames, *, bean: bool) -> list[str]:
    accounts = {
        OPENING_BALANCES,
        "Expenses:Uncategorised",
        "Income:Uncategorised",
        "Assets:Unassigned",
        *(category_account("expense", p, n, bean=bean) for p, n in names.expense_categories),
        *(category_account("income", p, n, bean=bean) for p, n in names.income_categories),
        *(method_account(n, t, bean=bean) for n, t in names.methods),
    }
    return sorted(accounts)


Entry = tuple[ExportRow, ...]
"""The rows of one transaction: one, or a split transaction's parts in order."""


def _entries(rows: Iterable[ExportRow]) -> Iterator[Entry]:
    """Consecutive rows of one split transaction together; every other row alone."""
    group: list[ExportRow] = []
    for row in rows:
        if group and (row.part == 0 or row.id != group[0].id):
            yield tuple(group)
            group = []
        group.append(row)
    if group:
        yield tuple(group)


def _postings(entry: Entry, *, bean: bool, indent: str) -> str:
    """The postings of an income or expense: one per category line (with its part's note)
    and the account's, of the total (ledger elides the posting that balances the entry:
    an expense's account, an income's last category)."""
    first = entry[0]
    total = sum((row.amount for row in entry), first.amount * 0)
    sign = 1 if first.kind == "expense" else -1
    method = method_account(first.payment_method, first.payment_method_type, bean=bean)
    lines = []
    for index, row in enumerate(entry, start=1):
        category = category_account(row.kind, row.parent_category, row.category, bean=bean)
        # Ledger leaves an income's last category posting to balance the entry.
        elided = not bean and first.kind != "expense" and index == len(entry)
        line = f"{indent}{category}" + ("" if elided else f"  {sign * row.amount} {row.currency}")
        if row.part_note:
            line += (
                f"\n{indent}  note: {_bean_string(row.part_note)}"
                if bean
                else f"  ; {_folded(row.part_note)}"
            )
        lines.append(line + "\n")
    if first.kind == "expense" and not bean:
        account = f"{indent}{method}\n"
    else:
        account = f"{indent}{method}  {-sign * total} {first.currency}\n"
    if first.kind == "expense":
        return "".join(lines) + account
    return account + "".join(lines)


def _transfer(row: ExportRow, *, bean: bool, indent: str) -> str | None:
    """The two postings of a transfer between accounts, or None for any other row."""
    if row.counter_account is None or row.counter_amount is None:
        return None
    source = method_account(row.payment_method, row.payment_method_type, bean=bean)
    target = method_account(row.counter_account, row.counter_account_type, bean=bean)
    arrived = f"{row.counter_amount} {row.counter_currency}"
    if row.counter_currency != row.currency:
        arrived += f" @@ {row.amount} {row.currency}"
    return f"{indent}{target}  {arrived}\n{indent}{source}  {-row.amount} {row.currency}\n"


def _openings(names: AccountNames) -> list[LedgerAccount]:
    return sorted(
        (a for a in names.accounts if a.opening_balance != 0), key=lambda a: a.opening_date
    )


Extra = LedgerAccount | CarriedBalance | BalanceCheck
"""What a journal writes besides the rows: openings and balances brought forward come
before the rows of their date, assertions after them (a balance at the end of the day)."""


def _key(item: Extra) -> tuple[dt.date, int]:
    if isinstance(item, LedgerAccount):
        return item.opening_date, 0
    if isinstance(item, CarriedBalance):
        return item.date, 0
    return item.on, 2


def _merged(
    rows: Iterable[ExportRow], names: AccountNames, checks: JournalChecks
) -> Iterator[Entry | Extra]:
    """Entries as their rows stream (date order), with the openings, balances brought
    forward and assertions in their places among them."""
    extras: list[Extra] = [*_openings(names), *checks.carried, *checks.assertions]
    extras.sort(key=_key)
    waiting = iter(extras)
    upcoming = next(waiting, None)
    for entry in _entries(rows):
        while upcoming is not None and _key(upcoming) < (entry[0].date, 1):
            yield upcoming
            upcoming = next(waiting, None)
        yield entry
    while upcoming is not None:
        yield upcoming
        upcoming = next(waiting, None)


def _currencies(names: AccountNames, checks: JournalChecks) -> list[str]:
    return sorted(
        {
            *names.currencies,
            *(c.currency for c in checks.carried),
            *(a.currency for a in checks.assertions),
        }
    )


def _ledger_opening(account: LedgerAccount) -> str:
    name = method_account(account.name, account.type, bean=False)
    return (
        f"{account.opening_date.isoformat()} * Opening balance\n"
        f"    {name}  {account.opening_balance} {account.currency}\n"
        f"    {OPENING_BALANCES}\n\n"
    )


def _ledger_extra(item: Extra) -> str:
    if isinstance(item, LedgerAccount):
        return _ledger_opening(item)
    if isinstance(item, CarriedBalance):
        name = method_account(item.name, item.type, bean=False)
        mark = "!" if item.pending else "*"
        return (
            f"{item.date.isoformat()} {mark} {_brought_forward(item)}\n"
            f"    {name}  {item.amount} {item.currency}\n"
            f"    {OPENING_BALANCES}\n\n"
        )
    name = method_account(item.name, item.type, bean=False)
    zero = from_minor(0, item.currency)
    return (
        f"{item.on.isoformat()} * {STATEMENT} {_line(item.name)}\n"
        f"    ; {_statement_note(item)}\n"
        f"    {name}  {zero} {item.currency} = {item.expected} {item.currency}\n\n"
    )


def _brought_forward(carried: CarriedBalance) -> str:
    return f"{BROUGHT_FORWARD} (still pending)" if carried.pending else BROUGHT_FORWARD


def _statement_note(check: BalanceCheck) -> str:
    """The comment on an assertion: the statement's own figure and the pending lines'."""
    text = f"statement (cleared) balance {check.statement} {check.currency}"
    if check.pending:
        text += f", plus {check.pending} {check.currency} still pending on that day"
    return text


def write_ledger(
    rows: Iterable[ExportRow],
    names: AccountNames,
    out: IO[bytes],
    checks: JournalChecks | None = None,
) -> None:
    """A journal both hledger and ledger read (the id is the transaction code)."""
    checks = checks or JournalChecks()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        text.write("; Exported by fopymes.\n\n")
        for currency in _currencies(names, checks):
            places = exponent(currency)
            shape = f"    format 1000.{'0' * places} {currency}\n" if places else ""
            text.write(f"commodity {currency}\n{shape}\n")
        text.write(f"tag {DESCRIPTION_TAG}\n")
        text.writelines(f"tag {tag}\n" for tag in names.tags)
        text.write("\n")
        text.writelines(f"account {account}\n" for account in _accounts(names, bean=False))
        text.write("\n")
        for item in _merged(rows, names, checks):
            if not isinstance(item, tuple):
                text.write(_ledger_extra(item))
                continue
            row = item[0]
            payee, original = _payee(_ledger_title(row))
            note = "".join(
                f"    ; {_folded(part)}\n" for part in (row.note or "").splitlines() if part.strip()
            )
            postings = _transfer(row, bean=False, indent="    ")
            if postings is None:
                postings = _postings(item, bean=False, indent="    ")
            mark = _mark(row)
            text.write(
                f"{row.date.isoformat()} {mark} ({row.id}) {payee}\n{original}{_ledger_tags(row)}"
                f"{note}{postings}\n"
            )
        text.flush()
    finally:
        text.detach()


def _mark(row: ExportRow) -> str:
    """`!` for a line the bank has not booked yet (pending), `*` for cleared and reconciled."""
    return "!" if row.status == "pending" else "*"


def _bean_string(value: str) -> str:
    return '"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bean_title(row: ExportRow) -> str:
    """`"payee" "narration" #tag ...`, or the narration alone without a payee."""
    title = _bean_string(row.description)
    if row.payee:
        title = f"{_bean_string(row.payee)} {title}"
    return "".join([title, *(f" #{tag}" for tag in row.tags)])


def _bean_opens(names: AccountNames, checks: JournalChecks) -> list[tuple[str, str]]:
    """(date, account) of every open directive, oldest first: no later than an account's
    first entry, balance brought forward or balance directive."""
    first = names.first_date or OPEN_DATE
    dated = {account: first for account in _accounts(names, bean=True)}
    for account in names.accounts:
        dated[method_account(account.name, account.type, bean=True)] = account.first_date
    for carried in checks.carried:
        name = method_account(carried.name, carried.type, bean=True)
        dated[name] = min(dated.get(name, carried.date), carried.date)
        dated[OPENING_BALANCES] = min(dated[OPENING_BALANCES], carried.date)
    for check in checks.assertions:
        name = method_account(check.name, check.type, bean=True)
        dated[name] = min(dated.get(name, check.on), check.on)
    return sorted((day.isoformat(), name) for name, day in dated.items())


def _bean_extra(item: Extra) -> str:
    if isinstance(item, BalanceCheck):
        # A beancount balance holds at the start of its day: the day after the statement's.
        name = method_account(item.name, item.type, bean=True)
        after = item.on + dt.timedelta(days=1)
        return (
            f"; {_line(item.name)} on {item.on.isoformat()}: {_statement_note(item)}\n"
            f"{after.isoformat()} balance {name}  {item.expected} {item.currency}\n\n"
        )
    if isinstance(item, LedgerAccount):
        day, label = item.opening_date, "Opening balance"
        name = method_account(item.name, item.type, bean=True)
        amount, currency = item.opening_balance, item.currency
    else:
        day, label = item.date, _brought_forward(item)
        name = method_account(item.name, item.type, bean=True)
        amount, currency = item.amount, item.currency
    mark = "!" if isinstance(item, CarriedBalance) and item.pending else "*"
    return (
        f'{day.isoformat()} {mark} "{label}"\n'
        f"  {name}  {amount} {currency}\n"
        f"  {OPENING_BALANCES}  {-amount} {currency}\n\n"
    )


def write_beancount(
    rows: Iterable[ExportRow],
    names: AccountNames,
    out: IO[bytes],
    checks: JournalChecks | None = None,
) -> None:
    """A beancount file `bean-check` accepts: options, opened accounts, balanced entries."""
    checks = checks or JournalChecks()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        text.write("; Exported by fopymes.\n")
        text.writelines(f'option "operating_currency" "{c}"\n' for c in _currencies(names, checks))
        text.write("\n")
        text.writelines(f"{day} open {account}\n" for day, account in _bean_opens(names, checks))
        text.write("\n")
        for item in _merged(rows, names, checks):
            if not isinstance(item, tuple):
                text.write(_bean_extra(item))
                continue
            row = item[0]
            note = f"  note: {_bean_string(row.note)}\n" if row.note else ""
            postings = _transfer(row, bean=True, indent="  ")
            if postings is None:
                postings = _postings(item, bean=True, indent="  ")
            text.write(
                f"{row.date.isoformat()} {_mark(row)} {_bean_title(row)}\n"
                f"  fopymes-id: {row.id}\n{note}{postings}\n"
            )
        text.flush()
    finally:
        text.detach()
