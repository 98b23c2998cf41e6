"""Form text to the service's TransactionCreate / TransactionUpdate, and nothing more.

An edit sends only what the person changed, so saving an untouched form is the service's
"nothing to change" and an edit never rewrites a field behind someone else's change. A box
emptied by the person clears that field (category, method, note); deciding whether the
result is valid stays with the service. A split's parts are sent when they differ from
the recorded ones (all of them: the service replaces the set), and none where there were
some makes the transaction one category again.
"""

from __future__ import annotations

from decimal import Decimal

from fopymes_server.core.lookup import name_key
from fopymes_server.payees.rules import payee_key
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    SplitOut,
    TransactionCreate,
    TransactionOut,
    TransactionUpdate,
)


def create_from(
    kind: Kind, amount: Decimal, text: dict[str, str], parts: list[SplitCreate] | None = None
) -> TransactionCreate:
    """A new transaction from the form's boxes (`amount` already evaluated), split among
    `parts` when there are any."""
    return TransactionCreate(
        kind=kind,
        amount=amount,
        date=text["date"].strip() or "today",
        category=text["category"].strip() or None,
        payment_method=text["method"].strip() or None,
        description=text["description"],
        note=text["note"].strip() or None,
        payee=text["payee"].strip() or None,
        tags=text["tags"].split(),
        splits=parts or None,
    )


def _same_parts(before: list[SplitOut], after: list[SplitCreate]) -> bool:
    return len(before) == len(after) and all(
        not _renamed(old.category, str(new.category))
        and new.amount is not None
        and Decimal(new.amount) == old.amount
        and (new.note or None) == old.note
        for old, new in zip(before, after, strict=True)
    )


def _parts_change(existing: TransactionOut, parts: list[SplitCreate]) -> list[SplitCreate] | None:
    if parts:
        return None if _same_parts(existing.splits, parts) else parts
    return [] if existing.splits else None


def _renamed(before: str | None, after: str) -> bool:
    return name_key(before or "") != name_key(after)


def changes_from(
    existing: TransactionOut,
    kind: Kind,
    amount: Decimal,
    text: dict[str, str],
    parts: list[SplitCreate] | None = None,
) -> TransactionUpdate:
    """Only the fields whose boxes differ from `existing` (its parts included)."""
    splits = _parts_change(existing, parts or [])
    category = text["category"].strip()
    method = text["method"].strip()
    note = text["note"].strip()
    date = text["date"].strip()
    payee = text["payee"].strip()
    tags = sorted(text["tags"].split(), key=str.casefold)
    return TransactionUpdate(
        kind=kind if kind is not existing.kind else None,
        amount=amount if amount != existing.amount else None,
        date=date if date != existing.date.isoformat() else None,
        category=category
        if category and (_renamed(existing.category, category) or splits == [])
        else None,
        clear_category=not category
        and (splits == [] or (splits is None and existing.category is not None)),
        payment_method=method if method and _renamed(existing.payment_method, method) else None,
        clear_payment_method=not method and existing.payment_method is not None,
        description=text["description"] if text["description"] != existing.description else None,
        note=note if note != (existing.note or "") else None,
        payee=payee if payee and payee_key(payee) != payee_key(existing.payee or "") else None,
        clear_payee=not payee and existing.payee is not None,
        tags=tags
        if [t.casefold() for t in tags] != [t.casefold() for t in existing.tags]
        else None,
        splits=splits,
    )
