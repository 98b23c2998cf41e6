"""Use cases of transactions: record, list (keyset pages), show, edit, delete.

Names given for category and payment method are resolved here, so every front end accepts
the same spellings and refuses the same mistakes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.dates import parse_date, parse_month
from fopymes_server.core.errors import NotFoundError, ValidationError
from fopymes_server.core.lookup import name_key
from fopymes_server.core.money import from_minor, normalise_currency, parse_amount, to_minor
from fopymes_server.core.pagination import decode_cursor, encode_cursor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.payees import service as payees
from fopymes_server.payees import steps as payee_steps
from fopymes_server.reconciliations import rules as reconciliation_rules
from fopymes_server.reconciliations import steps as reconciliation
from fopymes_server.tags import service as tags
from fopymes_server.tags import steps as tag_steps
from fopymes_server.transactions import rules as split_rules
from fopymes_server.transactions import steps
from fopymes_server.transactions.repository import ListQuery
from fopymes_server.transactions.schemas import (
    CurrencyTotals,
    Kind,
    TransactionCreate,
    TransactionFilter,
    TransactionOut,
    TransactionPage,
    TransactionUpdate,
)

MAX_PAGE_SIZE = 10_000
MONTH_OR_RANGE = "use either a month (--month) or a range (--from/--to), not both"


def _workspace_currency(uow: UnitOfWork, principal: Principal) -> str:
    return steps.workspace_currency(uow, principal)


def record(uow: UnitOfWork, principal: Principal, *, data: TransactionCreate) -> TransactionOut:
    """Record an income or expense and commit (the rules are `steps.add`'s)."""
    created = steps.add(uow, principal, data)
    uow.commit()
    return created


def get(uow: UnitOfWork, principal: Principal, transaction_id: int) -> TransactionOut:
    """One transaction of the principal's workspace; any other id is NotFoundError."""
    found = uow.transactions.get(principal.workspace_id, transaction_id)
    if found is None:
        raise NotFoundError(f"no transaction {transaction_id} in this workspace")
    return found


def list_transactions(
    uow: UnitOfWork,
    principal: Principal,
    *,
    filters: TransactionFilter | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> TransactionPage:
    """A page of transactions, newest first, with totals per currency of what it holds.

    Pass the page's `next_cursor` back as `cursor` for the next page. A category filter
    includes its sub-categories. Amount bounds are in the workspace currency. A payee is
    matched by its normalised name (any case or accents); an unknown payee or tag is an
    UnknownReferenceError with close names.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationError("limit", f"must be between 1 and {MAX_PAGE_SIZE}")
    filters = filters or TransactionFilter()
    date_from, date_to = dates_of(filters)
    if filters.uncategorised and filters.category is not None:
        raise ValidationError("uncategorised", "use either a category or --uncategorised")
    query = ListQuery(
        workspace_id=principal.workspace_id,
        limit=limit,
        date_from=date_from,
        date_to=date_to,
        category_ids=_category_family(uow, principal, filters.category),
        payment_method_id=accounts.resolve(uow, principal, filters.payment_method).id
        if filters.payment_method is not None
        else None,
        kind=filters.kind,
        search=filters.search.strip() if filters.search and filters.search.strip() else None,
        min_minor=_bound(uow, principal, filters.min_amount, "min"),
        max_minor=_bound(uow, principal, filters.max_amount, "max"),
        after=decode_cursor(cursor) if cursor else None,
        tag_id=tags.resolve(uow, principal, filters.tag, field="tag").id
        if filters.tag is not None
        else None,
        payee_id=payees.resolve(uow, principal, filters.payee, field="payee").id
        if filters.payee is not None
        else None,
        uncategorised=filters.uncategorised,
    )
    items = uow.transactions.list(query)
    next_cursor = (
        encode_cursor(items[-1].date, items[-1].id) if len(items) == limit and items else None
    )
    return TransactionPage(items=items, next_cursor=next_cursor, totals=totals(items))


def dates_of(filters: TransactionFilter) -> tuple[date | None, date | None]:
    """The first and last date a filter asks for: its month, or its from/to.

    Raises ValidationError when both a month and from/to are given, for a month that is not
    YYYY-MM, and when from is after to."""
    if filters.month is not None:
        if filters.date_from or filters.date_to:
            raise ValidationError("month", MONTH_OR_RANGE)
        return parse_month(filters.month)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError("from", "must not be after --to")
    return filters.date_from, filters.date_to


NO_CATEGORY_WORDS = frozenset({"none", "uncategorised", "uncategorized", "no category"})
"""Names a person types for "no category"; when no category is called so, the error
points at the filter that lists those rows."""


def _category_family(
    uow: UnitOfWork, principal: Principal, ref: str | int | None
) -> tuple[int, ...] | None:
    if ref is None:
        return None
    try:
        return categories.family(uow, principal, ref)
    except NotFoundError as exc:
        if isinstance(ref, str) and name_key(ref) in NO_CATEGORY_WORDS:
            exc.hint = "for transactions without a category use --uncategorised"
        raise


def _bound(
    uow: UnitOfWork, principal: Principal, value: str | Decimal | None, field: str
) -> int | None:
    if value is None:
        return None
    currency = _workspace_currency(uow, principal)
    return to_minor(parse_amount(value, currency, field=field, allow_zero=True), currency)


def totals(items: list[TransactionOut]) -> list[CurrencyTotals]:
    """Income, expense and net per currency of the given rows (never mixes currencies).

    Each row counts by its movement (`transactions.movements`): a transfer is listed and
    counted as a row, but adds to neither income nor expense.
    """
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        sums[item.currency][item.movement.value] += item.amount
        counts[item.currency] += 1
    return [
        CurrencyTotals(
            currency=currency,
            # Adding the currency's zero keeps its decimals when only transfers were shown.
            income=values[Kind.INCOME.value] + from_minor(0, currency),
            expense=values[Kind.EXPENSE.value] + from_minor(0, currency),
            net=values[Kind.INCOME.value] - values[Kind.EXPENSE.value] + from_minor(0, currency),
            count=counts[currency],
        )
        for currency, values in sorted(sums.items())
    ]


def edit(
    uow: UnitOfWork,
    principal: Principal,
    transaction_id: int,
    *,
    changes: TransactionUpdate,
    force: bool = False,
) -> TransactionOut:
    """Change some fields of a transaction; the same rules as `record` apply to each.
    A reconciled one changes only with `force` (ReconciledChangeError otherwise).

    `changes.splits` replaces a split's parts (row and parts in this one database
    transaction, with a new version and event); a category, or [] with a category,
    makes a split transaction one category again. The amount or currency of a split
    transaction changes only with new parts (ValidationError naming the rule)."""
    principal.require_write()
    current = get(uow, principal, transaction_id)
    reconciliation.refuse_reconciled_change(
        uow, principal, transaction_id, force=force, action="changing"
    )
    _check_transfer_change(current, changes)
    kind = changes.kind or current.kind
    currency = normalise_currency(changes.currency) if changes.currency else current.currency
    values: dict[str, Any] = {}
    if changes.kind is not None:
        values["kind"] = kind.value
    if changes.amount is not None or changes.currency is not None:
        amount = parse_amount(
            changes.amount if changes.amount is not None else current.amount, currency
        )
        values["amount_minor"] = to_minor(amount, currency)
        values["currency"] = currency
    if changes.date is not None:
        values["date"] = parse_date(changes.date, uow.clock.today())
    if changes.description is not None:
        values["description"] = steps.description(changes.description)
    if changes.note is not None:
        values["note"] = steps.clean_note(changes.note)
    if changes.clear_category:
        values["category_id"] = None
    elif changes.category is not None:
        values["category_id"] = steps.category_id(uow, principal, changes.category, kind)
    elif changes.kind is not None and current.category_id is not None:
        # Changing the kind must not leave an expense under an income category.
        steps.category_id(uow, principal, current.category_id, kind)
    parts = _split_change(uow, principal, current, changes, values, kind=kind, currency=currency)
    if changes.clear_payment_method:
        values["payment_method_id"] = None
    elif changes.payment_method is not None:
        values["payment_method_id"] = steps.method_id(uow, principal, changes.payment_method)
    if changes.status is not None:
        values["status"] = reconciliation_rules.settable_status(changes.status)
    _payee_change(uow, principal, changes, values)
    if not values and changes.tags is None:
        raise ValidationError("changes", "nothing to change")
    if changes.tags is not None:
        new_tags = tag_steps.tag_ids(uow, principal, changes.tags)
        uow.tags.replace(principal.workspace_id, transaction_id, new_tags)
    uow.transactions.update(
        principal.workspace_id,
        transaction_id,
        values,
        user_id=principal.user_id,
        now=uow.clock.now(),
    )
    if parts is not None:
        uow.transactions.replace_splits(transaction_id, parts)
    updated = get(uow, principal, transaction_id)
    events.record(
        uow, principal, "transaction.updated", entity_id=transaction_id, version=updated.version
    )
    uow.commit()
    return updated


def _payee_change(
    uow: UnitOfWork, principal: Principal, changes: TransactionUpdate, values: dict[str, Any]
) -> None:
    """Set `payee_id` in `values` for a new payee (found or created) or a cleared one."""
    if changes.clear_payee and changes.payee is not None:
        raise ValidationError("payee", "give a payee or clear it, not both")
    if changes.clear_payee:
        values["payee_id"] = None
    elif changes.payee is not None:
        values["payee_id"] = payee_steps.resolve_or_create(uow, principal, changes.payee)


def _split_change(
    uow: UnitOfWork,
    principal: Principal,
    current: TransactionOut,
    changes: TransactionUpdate,
    values: dict[str, Any],
    *,
    kind: Kind,
    currency: str,
) -> list[dict[str, Any]] | None:
    """The new parts to write (None: the parts stay), adding the row's own split columns
    to `values`."""
    one_category = changes.category is not None or changes.clear_category
    if changes.splits:
        if one_category:
            raise ValidationError(
                split_rules.FIELD, "a split's categories are its parts': give a category or parts"
            )
        values.update(category_id=None, split=True)
        total = values.get("amount_minor", to_minor(current.amount, currency))
        return steps.split_parts(
            uow, principal, changes.splits, kind=kind, currency=currency, total_minor=total
        )
    if changes.splits is not None or (current.splits and one_category):
        if not one_category:
            raise ValidationError(
                split_rules.FIELD,
                "no parts makes it one category: give it (--category) or --no-category",
            )
        values["split"] = False
        return []
    if current.splits:
        if changes.amount is not None or changes.currency is not None:
            raise ValidationError("amount", split_rules.AMOUNT_OF_A_SPLIT)
        if changes.kind is not None:
            # An income's parts stay income categories, an expense's expense ones.
            for part in current.splits:
                steps.category_id(uow, principal, part.category_id, kind)
    return None


def _check_transfer_change(current: TransactionOut, changes: TransactionUpdate) -> None:
    """A transfer keeps its kind, accounts and amounts (record it again to change those);
    an income or expense cannot become a transfer."""
    if changes.kind is Kind.TRANSFER and current.kind is not Kind.TRANSFER:
        raise ValidationError("kind", steps.TRANSFER_RULE, hint=steps.TRANSFER_HINT)
    if current.kind is not Kind.TRANSFER:
        return
    if changes.splits is not None:
        raise ValidationError(split_rules.FIELD, split_rules.NOT_A_TRANSFER)
    fixed = {
        "kind": changes.kind is not None and changes.kind is not Kind.TRANSFER,
        "amount": changes.amount is not None,
        "currency": changes.currency is not None,
        "category": changes.category is not None or changes.clear_category,
        "payment method": changes.payment_method is not None or changes.clear_payment_method,
    }
    for field, changed in fixed.items():
        if changed:
            raise ValidationError(
                field,
                "a transfer's kind, accounts and amounts stay as recorded; "
                "delete it and record the transfer again",
            )


def delete(
    uow: UnitOfWork, principal: Principal, transaction_id: int, *, force: bool = False
) -> TransactionOut:
    """Delete a transaction of the principal's workspace and return what it was (a
    reconciled one only with `force`)."""
    principal.require_write()
    current = get(uow, principal, transaction_id)
    reconciliation.refuse_reconciled_change(
        uow, principal, transaction_id, force=force, action="deleting"
    )
    uow.transactions.delete(principal.workspace_id, transaction_id)
    events.record(
        uow, principal, "transaction.deleted", entity_id=transaction_id, version=current.version
    )
    uow.commit()
    return current
