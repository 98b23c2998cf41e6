"""Steps that write transaction rows and never commit: every row goes through here.

`add` and `add_many` take what a person gives (`TransactionCreate`, names or ids) and
apply the rules of recording: not a transfer, a known currency, a positive amount with
the currency's decimals, a date in range, a description, a category of the row's kind and
an account, both of the workspace and not archived; a split's parts (`split_parts`) each
have such a category and add up to the total (`transactions.rules`). `add_values`
applies the same rules to rows already in column values (schedules, imports) without a
query per row. The caller
commits (a use case in a `service.py`), so several steps compose in one unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountOut
from fopymes_server.categories import service as categories
from fopymes_server.categories.schemas import CategoryOut
from fopymes_server.core.dates import check_day, parse_date
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.money import MAX_MINOR_UNITS, normalise_currency, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.identity import service as identity
from fopymes_server.payees import steps as payees
from fopymes_server.payees.rules import clean_payee, payee_key
from fopymes_server.reconciliations import rules as reconciliation_rules
from fopymes_server.tags import steps as tags
from fopymes_server.tags.rules import clean_tags
from fopymes_server.transactions import rules as split_rules
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionOut,
)

MAX_DESCRIPTION = 500
TRANSFER_RULE = "a transfer moves money between two accounts and is recorded as one"
TRANSFER_HINT = "fopymes transfer AMOUNT --from A --to B (POST .../transfers in the API)"

Insert = Callable[[Sequence[dict[str, Any]]], list[int]]
"""Writes checked column values and returns their new ids (default: one multi-row INSERT)."""


def workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return identity.current_workspace(uow, principal).currency


def check_category(category: CategoryOut, kind: Kind) -> int:
    """The id of `category` if a row of `kind` may use it."""
    if category.archived:
        raise ValidationError("category", f"'{category.name}' is archived")
    if category.kind.value != kind.value:
        raise ValidationError(
            "category", f"'{category.name}' is an {category.kind} category, not {kind}"
        )
    return category.id


def check_account(account: AccountOut) -> int:
    """The id of `account` if a new row may use it."""
    if account.archived:
        raise ValidationError("payment method", f"'{account.name}' is archived")
    return account.id


def category_id(uow: UnitOfWork, principal: Principal, ref: str | int, kind: Kind) -> int:
    return check_category(categories.resolve(uow, principal, ref, field="category"), kind)


def method_id(uow: UnitOfWork, principal: Principal, ref: str | int) -> int:
    return check_account(accounts.resolve(uow, principal, ref, field="payment_method"))


def description(text: str) -> str:
    return clean_name(text, "description", max_length=MAX_DESCRIPTION)


def clean_note(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def split_parts(
    uow: UnitOfWork,
    principal: Principal,
    parts: Sequence[SplitCreate],
    *,
    kind: Kind,
    currency: str,
    total_minor: int,
) -> list[dict[str, Any]]:
    """The column values of a split's parts (no write): each category of the workspace, of
    `kind` and not archived, each amount exact in `currency`, all adding up to
    `total_minor` (`transactions.rules.complete`, which names the difference)."""
    if kind is Kind.TRANSFER:
        raise ValidationError(split_rules.FIELD, split_rules.NOT_A_TRANSFER)
    amounts = [
        to_minor(parse_amount(part.amount, currency, field=split_rules.FIELD), currency)
        if part.amount is not None
        else None
        for part in parts
    ]
    filled = split_rules.complete(total_minor, amounts, currency)
    return [
        {
            "category_id": category_id(uow, principal, part.category, kind),
            "amount_minor": amount,
            "note": clean_note(part.note),
        }
        for part, amount in zip(parts, filled, strict=True)
    ]


def prepare(uow: UnitOfWork, principal: Principal, data: TransactionCreate) -> dict[str, Any]:
    """Validate `data` into the column values of a new row (no write); a split's parts
    are `split_parts`'."""
    if data.kind is Kind.TRANSFER:
        raise ValidationError("kind", TRANSFER_RULE, hint=TRANSFER_HINT)
    if data.splits is not None and data.category is not None:
        raise ValidationError(
            split_rules.FIELD, "a split's categories are its parts': give a category or parts"
        )
    currency = normalise_currency(data.currency or workspace_currency(uow, principal))
    amount = parse_amount(data.amount, currency)
    now = uow.clock.now()
    return {
        "kind": data.kind.value,
        "amount_minor": to_minor(amount, currency),
        "currency": currency,
        "date": parse_date(data.date, uow.clock.today()),
        "category_id": category_id(uow, principal, data.category, data.kind)
        if data.category is not None
        else None,
        "payment_method_id": method_id(uow, principal, data.payment_method)
        if data.payment_method is not None
        else None,
        "description": description(data.description),
        "note": clean_note(data.note),
        "status": reconciliation_rules.settable_status(data.status),
        "payee_id": payees.resolve_or_create(uow, principal, data.payee)
        if data.payee is not None and data.payee.strip()
        else None,
        "split": data.splits is not None,
        "created_by": principal.user_id,
        "created_at": now,
        "updated_by": principal.user_id,
        "updated_at": now,
    }


def add_transfer(
    uow: UnitOfWork,
    principal: Principal,
    *,
    source: AccountOut,
    target: AccountOut,
    amount_minor: int,
    counter_minor: int,
    day: date,
    description: str,
    note: str | None = None,
) -> TransactionOut:
    """Write one transfer from `source` to `target` with its event; no commit.

    The callers (`fopymes transfer`, a goal's contribution or withdrawal, a debt's principal)
    have resolved both accounts and checked the amounts in their currencies; the rules of
    every transfer are checked here: two different accounts, both open.
    """
    principal.require_write()
    for field, account in (("from", source), ("to", target)):
        if account.archived:
            raise ValidationError(field, f"account '{account.name}' is archived")
    if source.id == target.id:
        raise ValidationError("to", "a transfer needs two different accounts")
    now = uow.clock.now()
    new_id = uow.transactions.add(
        principal.workspace_id,
        {
            "kind": Kind.TRANSFER.value,
            "amount_minor": amount_minor,
            "currency": source.currency,
            "date": day,
            "category_id": None,
            "payment_method_id": source.id,
            "counter_account_id": target.id,
            "counter_amount_minor": counter_minor,
            "description": clean_name(description, "description", max_length=MAX_DESCRIPTION),
            "note": clean_note(note),
            "created_by": principal.user_id,
            "created_at": now,
            "updated_by": principal.user_id,
            "updated_at": now,
        },
    )
    events.record(uow, principal, "transaction.created", entity_id=new_id, version=1)
    created = uow.transactions.get(principal.workspace_id, new_id)
    assert created is not None
    return created


def add(uow: UnitOfWork, principal: Principal, data: TransactionCreate) -> TransactionOut:
    """Write one income or expense with its `transaction.created` event; no commit.

    Raises ValidationError for a bad amount (not a number, not positive, too many decimals
    for the currency), an impossible date, an empty description, a transfer, or an archived
    category or account or a category of the other kind, or parts of a split that break
    `transactions.rules`; NotFoundError for an unknown category or account (with close
    names).
    """
    principal.require_write()
    wanted_tags = clean_tags(data.tags)
    values = prepare(uow, principal, data)
    parts = _parts_of(uow, principal, data, values)
    new_id = uow.transactions.add(principal.workspace_id, values)
    if parts:
        uow.transactions.replace_splits(new_id, parts)
    tags.attach(uow, principal, [(new_id, wanted_tags)])
    events.record(uow, principal, "transaction.created", entity_id=new_id, version=1)
    created = uow.transactions.get(principal.workspace_id, new_id)
    assert created is not None
    return created


def add_many(
    uow: UnitOfWork, principal: Principal, items: Sequence[TransactionCreate]
) -> list[int]:
    """Write many rows with the rules of `add` in few statements; no per-row event (the
    caller records one for the batch) and no commit. Returns the new ids in order."""
    principal.require_write()
    wanted_tags = [clean_tags(item.tags) for item in items]
    rows = [prepare(uow, principal, item) for item in items]
    parts = [_parts_of(uow, principal, item, row) for item, row in zip(items, rows, strict=True)]
    ids = uow.transactions.insert_returning_ids(
        [{"workspace_id": principal.workspace_id, **row} for row in rows]
    )
    for new_id, its_parts in zip(ids, parts, strict=True):
        if its_parts:
            uow.transactions.replace_splits(new_id, its_parts)
    tags.attach(uow, principal, list(zip(ids, wanted_tags, strict=True)))
    return ids


def _parts_of(
    uow: UnitOfWork, principal: Principal, data: TransactionCreate, values: dict[str, Any]
) -> list[dict[str, Any]] | None:
    if data.splits is None:
        return None
    return split_parts(
        uow,
        principal,
        data.splits,
        kind=data.kind,
        currency=values["currency"],
        total_minor=values["amount_minor"],
    )


@dataclass(frozen=True)
class References:
    """The workspace's categories and accounts by id, read once for a batch of rows."""

    categories: dict[int, CategoryOut]
    accounts: dict[int, AccountOut]

    @classmethod
    def of(cls, uow: UnitOfWork, principal: Principal) -> References:
        return cls(
            categories={
                c.id: c for c in categories.list_categories(uow, principal, include_archived=True)
            },
            accounts={
                a.id: a for a in accounts.list_methods(uow, principal, include_archived=True)
            },
        )


def check_values(rows: Sequence[dict[str, Any]], references: References) -> None:
    """Raise the error `add` would raise for the first row of column values that breaks
    a rule of recording (rows that schedules and imports built from ids and minor units)."""
    for row in rows:
        kind = Kind(row["kind"])
        if kind is Kind.TRANSFER:
            raise ValidationError("kind", TRANSFER_RULE, hint=TRANSFER_HINT)
        if normalise_currency(row["currency"]) != row["currency"]:
            raise ValidationError("currency", f"'{row['currency']}' is not upper case")
        if not 0 < row["amount_minor"] < MAX_MINOR_UNITS:
            raise ValidationError("amount", "must be greater than zero and storable")
        check_day(row["date"])
        if row.get("category_id") is not None:
            found = references.categories.get(row["category_id"])
            if found is None:
                raise ValidationError("category", f"no category {row['category_id']} here")
            check_category(found, kind)
        if row.get("payment_method_id") is not None:
            account = references.accounts.get(row["payment_method_id"])
            if account is None:
                raise ValidationError("payment method", f"no account {row['payment_method_id']}")
            check_account(account)
        text = row["description"]
        if not text.strip():
            raise ValidationError("description", "must not be empty")
        if len(text) > MAX_DESCRIPTION:
            raise ValidationError("description", f"must be at most {MAX_DESCRIPTION} characters")


def add_values(
    uow: UnitOfWork,
    principal: Principal,
    rows: Sequence[dict[str, Any]],
    *,
    insert: Insert | None = None,
) -> list[int]:
    """Write rows already in column values after `check_values`; no event, no commit.

    A row may also carry `payee` (a name) and `tags` (names): payees are found or created
    once per distinct name for the whole batch, tags linked in one statement.
    `insert` writes them when the caller stores more with each row (an import's
    fingerprints); by default one multi-row INSERT of the principal's workspace."""
    principal.require_write()
    wanted_tags = [clean_tags(row.get("tags") or []) for row in rows]
    columns = with_payee_ids(uow, principal, rows)
    check_values(columns, References.of(uow, principal))
    if insert is not None:
        ids = insert(columns)
    else:
        ids = uow.transactions.insert_returning_ids(
            [{"workspace_id": principal.workspace_id, **row} for row in columns]
        )
    tags.attach(uow, principal, list(zip(ids, wanted_tags, strict=True)))
    return ids


def with_payee_ids(
    uow: UnitOfWork, principal: Principal, rows: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """`rows` with their `payee` names turned into `payee_id` (found or created once per
    distinct name) and without `tags`: column values ready to insert."""
    names = [row["payee"] for row in rows if row.get("payee")]
    ids = payees.resolve_many(uow, principal, names) if names else {}
    out = []
    for row in rows:
        columns = {k: v for k, v in row.items() if k not in ("payee", "tags")}
        if "payee" in row:
            name = row["payee"]
            columns["payee_id"] = ids[payee_key(clean_payee(name))] if name else None
        out.append(columns)
    return out
