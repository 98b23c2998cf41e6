"""Use cases of accounts (once "payment methods"): seed, list, add, edit, rename, archive,
remove, resolve by name, balances on a date and an account's register.

Assets and liabilities differ only in how their balance reads: every balance is in the
ledger's sign (a credit card that owes 500 is at -500), so net worth is the plain sum, and
a liability's "owed" is minus its balance.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from fopymes_server.accounts import naming
from fopymes_server.accounts.balances import Opening
from fopymes_server.accounts.schemas import (
    AccountBalance,
    AccountCreate,
    AccountOut,
    AccountRegister,
    AccountType,
    AccountUpdate,
    BalanceSheet,
    NetWorth,
    RegisterLine,
)
from fopymes_server.core import catalogue
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import (
    NotFoundError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.lookup import name_key
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.money import (
    exponent,
    from_minor,
    normalise_currency,
    parse_amount,
    to_minor,
)
from fopymes_server.core.pagination import decode_cursor, encode_cursor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork

MAX_PAGE_SIZE = 500


def seed_defaults(uow: UnitOfWork, principal: Principal) -> None:
    """Every new workspace starts with "Cash" (caller commits)."""
    principal.require_write()
    uow.accounts.add(
        principal.workspace_id,
        name="Cash",
        type=AccountType.CASH,
        last_four=None,
        now=uow.clock.now(),
    )


def list_methods(
    uow: UnitOfWork, principal: Principal, *, include_archived: bool = False
) -> list[AccountOut]:
    return uow.accounts.list(principal.workspace_id, include_archived=include_archived)


def resolve(
    uow: UnitOfWork,
    principal: Principal,
    ref: str | int,
    *,
    include_archived: bool = True,
    field: str | None = None,
) -> AccountOut:
    """The method with id or name `ref` (any case); NotFoundError suggests close names,
    an UnknownReferenceError of `field` when `ref` came in an input field."""
    items = uow.accounts.list(principal.workspace_id, include_archived=include_archived)
    return resolve_named(ref, items, noun="account", not_found=_not_found, field=field)


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "see 'fopymes account list'")


def _clean_last_four(last_four: str | None, type: AccountType) -> str | None:
    if last_four is None or last_four == "":
        return None
    if type is AccountType.CASH:
        raise ValidationError("last four", "cash has no card or account number")
    if len(last_four) != 4 or not last_four.isdigit():
        raise ValidationError("last four", f"'{last_four}' must be exactly four digits")
    return last_four


def _signed_minor(text: str | Decimal, currency: str, field: str) -> int:
    """Exact minor units of a signed amount ("-500.00" for a card that owes 500)."""
    raw = text if isinstance(text, Decimal) else Decimal(0) if not text.strip() else None
    negative = (raw is not None and raw < 0) or (isinstance(text, str) and text.strip()[:1] == "-")
    magnitude: str | Decimal = abs(raw) if raw is not None else str(text).strip().lstrip("-")
    amount = parse_amount(magnitude, currency, field=field, allow_zero=True)
    return -to_minor(amount, currency) if negative else to_minor(amount, currency)


def _text(value: str | None, field: str, limit: int) -> str | None:
    cleaned = (value or "").strip()
    if len(cleaned) > limit:
        raise ValidationError(field, f"at most {limit} characters")
    return cleaned or None


def add(
    uow: UnitOfWork,
    principal: Principal,
    *,
    name: str,
    type: AccountType,
    last_four: str | None = None,
    data: AccountCreate | None = None,
) -> AccountOut:
    """Add an account; names are unique per workspace in any case.

    `data` carries the rest (currency, opening balance and date, institution); without it
    the account opens at 0 today in the workspace's currency.
    """
    principal.require_write()
    name = catalogue.check_new_name(uow.accounts, principal, name, "account")
    digits = _clean_last_four(last_four, type)
    extra: dict[str, Any] = {}
    if data is not None:
        currency = normalise_currency(data.currency) if data.currency else None
        currency = currency or _workspace_currency(uow, principal)
        extra = {
            "currency": currency,
            "opening_balance_minor": _signed_minor(
                data.opening_balance, currency, "opening balance"
            ),
            "opening_date": parse_date(data.opening_date, uow.clock.today(), field="opening date"),
            "institution": _text(data.institution, "institution", 100),
        }
    new_id = uow.accounts.add(
        principal.workspace_id, name=name, type=type, last_four=digits, now=uow.clock.now(), **extra
    )
    created = resolve(uow, principal, new_id)
    uow.commit()
    return created


def require_currency(account: AccountOut, currency: str, *, field: str, owner: str) -> None:
    """Refuse an account in another currency than the goal's or debt's (`owner`) it moves
    money for: such a move needs both amounts, which a transfer between them takes."""
    if account.currency != currency:
        raise ValidationError(
            field, f"'{account.name}' is in {account.currency}, the {owner} in {currency}"
        )


def open_named(
    uow: UnitOfWork,
    principal: Principal,
    wanted: str,
    number: int,
    *,
    type: AccountType,
    currency: str,
    opening_minor: int,
    opening_date: date,
) -> AccountOut:
    """Open the account a goal or debt holds its money in, named `wanted` or, if taken,
    `wanted (number)` (see `accounts.naming`); no commit: the goal's or debt's use case does."""
    principal.require_write()
    taken = {
        name_key(a.name) for a in uow.accounts.list(principal.workspace_id, include_archived=True)
    }
    new_id = uow.accounts.add(
        principal.workspace_id,
        name=naming.free(wanted, taken, number),
        type=type,
        last_four=None,
        now=uow.clock.now(),
        currency=currency,
        opening_balance_minor=opening_minor,
        opening_date=opening_date,
    )
    return resolve(uow, principal, new_id)


def create(uow: UnitOfWork, principal: Principal, data: AccountCreate) -> AccountOut:
    """Add the account `data` describes (the API's and `account add`'s entry)."""
    return add(uow, principal, name=data.name, type=data.type, last_four=data.last_four, data=data)


def _workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    workspace = uow.identity.workspace(principal.workspace_id)
    if workspace is None:
        raise NotFoundError("the workspace no longer exists")
    return workspace.currency


def edit(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, changes: AccountUpdate
) -> AccountOut:
    """Change an account's name, type, opening balance or date, institution or last four.

    The currency is fixed once an account exists: its rows are in it.
    """
    principal.require_write()
    current = resolve(uow, principal, ref)
    values: dict[str, Any] = {}
    if changes.name is not None and changes.name.strip() != current.name:
        values["name"] = catalogue.check_new_name(uow.accounts, principal, changes.name, "account")
    kind = changes.type or current.type
    if changes.type is not None:
        values["type"] = changes.type.value
    if changes.opening_balance is not None:
        values["opening_balance_minor"] = _signed_minor(
            changes.opening_balance, current.currency, "opening balance"
        )
    if changes.opening_date is not None:
        values["opening_date"] = parse_date(
            changes.opening_date, uow.clock.today(), field="opening date"
        )
    if changes.institution is not None:
        values["institution"] = _text(changes.institution, "institution", 100)
    if changes.last_four is not None:
        values["last_four"] = _clean_last_four(changes.last_four, kind)
    elif changes.type is AccountType.CASH and current.last_four:
        raise ValidationError("last four", "cash has no card or account number")
    if not values:
        raise ValidationError("changes", "nothing to change")
    uow.accounts.change(principal.workspace_id, current.id, values)
    changed = resolve(uow, principal, current.id)
    uow.commit()
    return changed


def balance_sheet(uow: UnitOfWork, principal: Principal, *, on: date | None = None) -> BalanceSheet:
    """Every open account's balance at the end of `on` (today), and per currency the assets,
    the liabilities (owed, positive) and the net worth (their difference)."""
    day = on or uow.clock.today()
    known = {a.id: a for a in uow.accounts.list(principal.workspace_id, include_archived=True)}
    lines: list[AccountBalance] = []
    for row in uow.balances.on(principal.workspace_id, day, cleared=True):
        account = known[row.account_id]
        if account.archived and row.balance_minor == 0:
            continue
        lines.append(
            AccountBalance(
                account_id=account.id,
                name=account.name,
                type=account.type,
                liability=account.liability,
                archived=account.archived,
                currency=row.currency,
                balance=from_minor(row.balance_minor, row.currency),
                cleared_balance=from_minor(row.cleared_minor, row.currency),
            )
        )
    lines.sort(key=lambda line: (line.liability, line.name.lower(), line.currency))
    return BalanceSheet(on=day, accounts=lines, totals=net_worth(lines))


def net_worth(lines: list[AccountBalance]) -> list[NetWorth]:
    """Assets minus liabilities per currency, never converted between currencies."""
    assets: dict[str, Decimal] = defaultdict(Decimal)
    owed: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        if line.liability:
            owed[line.currency] -= line.balance
        else:
            assets[line.currency] += line.balance

    def exact(value: Decimal, currency: str) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-exponent(currency)))

    return [
        NetWorth(
            currency=c,
            assets=exact(assets[c], c),
            liabilities=exact(owed[c], c),
            net_worth=exact(assets[c] - owed[c], c),
        )
        for c in sorted(set(assets) | set(owed))
    ]


def register(
    uow: UnitOfWork,
    principal: Principal,
    ref: str | int,
    *,
    limit: int = 50,
    cursor: str | None = None,
) -> AccountRegister:
    """An account's movements newest first with the running balance after each; pass
    `next_cursor` back as `cursor` for the older page."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationError("limit", f"must be between 1 and {MAX_PAGE_SIZE}")
    account = resolve(uow, principal, ref)
    opening = Opening(
        id=account.id,
        currency=account.currency,
        opening_date=account.opening_date,
        opening_balance_minor=to_minor(account.opening_balance, account.currency),
    )
    rows = uow.balances.register(
        principal.workspace_id,
        opening,
        limit=limit,
        after=decode_cursor(cursor) if cursor else None,
    )
    items = [
        RegisterLine(
            id=r.id,
            date=r.date,
            kind=r.kind,
            movement=r.movement,
            description=r.description,
            counterpart=r.counterpart,
            amount=from_minor(r.amount_minor, r.currency),
            currency=r.currency,
            balance=from_minor(r.balance_minor, r.currency),
        )
        for r in rows
    ]
    next_cursor = encode_cursor(items[-1].date, items[-1].id) if len(items) == limit else None
    return AccountRegister(account=account, items=items, next_cursor=next_cursor)


def rename(uow: UnitOfWork, principal: Principal, ref: str | int, *, name: str) -> AccountOut:
    """Rename a payment method; ConflictError on a name the workspace already uses."""
    return catalogue.rename(uow, principal, uow.accounts, resolve, ref, name=name, noun="account")


def archive(
    uow: UnitOfWork, principal: Principal, ref: str | int, *, restore: bool = False
) -> AccountOut:
    """Hide a method from lists and new transactions; its history stays."""
    return catalogue.archive(uow, principal, uow.accounts, resolve, ref, restore=restore)


def remove(uow: UnitOfWork, principal: Principal, ref: str | int) -> None:
    """Delete a method no transaction uses; one in use must be archived instead."""
    principal.require_write()
    method = resolve(uow, principal, ref)
    used = uow.transactions.count_using(principal.workspace_id, payment_method_id=method.id)
    if used:
        raise RuleViolationError(
            f"account '{method.name}' is used by {used} transactions",
            hint=f"archive it instead: fopymes account archive '{method.name}'",
        )
    if not uow.accounts.delete(principal.workspace_id, method.id):
        raise RuleViolationError(
            f"account '{method.name}' is still referred to",
            hint=f"archive it instead: fopymes account archive '{method.name}'",
        )
    uow.commit()
