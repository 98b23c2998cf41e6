"""Turning parsed statement lines into transaction rows: names, rules, checks (no I/O).

The service hands in the workspace's catalogue and compiled rules, so planning 100,000
lines costs dictionary lookups, not queries. Every problem becomes a RowError with the
line's number; nothing here raises for a bad line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from fopymes_server.accounts.schemas import PaymentMethodOut
from fopymes_server.categories.schemas import CategoryOut
from fopymes_server.core.currencies import CURRENCY_EXPONENTS
from fopymes_server.core.dates import check_day
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.lookup import name_key
from fopymes_server.core.money import MAX_MINOR_UNITS, from_minor, parse_amount
from fopymes_server.exports.cells import FORMULA_START
from fopymes_server.imports.conditions import Facts
from fopymes_server.imports.fingerprints import fingerprints
from fopymes_server.imports.schemas import PlannedLine, RowError, StatementLine
from fopymes_server.imports.service_rules import CompiledRule, apply, labels
from fopymes_server.payees.rules import MAX_PAYEE
from fopymes_server.tags.rules import clean_tags

MAX_DESCRIPTION = 500
TRANSFER = "transfer"
"""The kind of a planned row that `pipeline.finish` writes as a transfer."""


@dataclass(frozen=True)
class Catalogue:
    """The workspace's categories and methods by name key and by id."""

    categories: Sequence[CategoryOut]
    methods: Sequence[PaymentMethodOut]
    category_keys: dict[str, CategoryOut] = field(init=False)
    category_ids: dict[int, CategoryOut] = field(init=False)
    method_keys: dict[str, PaymentMethodOut] = field(init=False)
    method_ids: dict[int, PaymentMethodOut] = field(init=False)
    _seen_categories: dict[str, CategoryOut | None] = field(init=False, default_factory=dict)
    _seen_methods: dict[str, PaymentMethodOut | None] = field(init=False, default_factory=dict)

    def category(self, name: str) -> CategoryOut | None:
        """The category called `name` (any case, any spacing), memoised per spelling."""
        if name not in self._seen_categories:
            self._seen_categories[name] = self.category_keys.get(name_key(name))
        return self._seen_categories[name]

    def method(self, name: str) -> PaymentMethodOut | None:
        if name not in self._seen_methods:
            self._seen_methods[name] = self.method_keys.get(name_key(name))
        return self._seen_methods[name]

    def __post_init__(self) -> None:
        object.__setattr__(self, "category_keys", {name_key(c.name): c for c in self.categories})
        object.__setattr__(self, "category_ids", {c.id: c for c in self.categories})
        object.__setattr__(self, "method_keys", {name_key(m.name): m for m in self.methods})
        object.__setattr__(self, "method_ids", {m.id: m for m in self.methods})


@dataclass
class Plan:
    rows: list[dict[str, Any]] = field(default_factory=list)
    planned: list[PlannedLine] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def unneutralise(text: str) -> str:
    """Undo the apostrophe a spreadsheet-safe export put before `=`, `+`, `-`, `@`."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _minor(magnitude: Decimal, currency: str) -> int | None:
    """Exact minor units of a positive amount, None when the currency cannot hold it.

    The same rule as core.money.parse_amount (never round, stay under MAX_MINOR_UNITS),
    inlined because it runs once per imported line.
    """
    scaled = magnitude.scaleb(CURRENCY_EXPONENTS[currency])
    if scaled != scaled.to_integral_value() or scaled >= MAX_MINOR_UNITS:
        return None
    return int(scaled)


def _currency(line: StatementLine, default: str, errors: list[RowError]) -> str | None:
    code = (line.currency or default).strip().upper()
    if code not in CURRENCY_EXPONENTS:
        errors.append(RowError(line.line, "currency", f"'{code}' is not an ISO 4217 code"))
        return None
    return code


def plan_lines(
    lines: Sequence[StatementLine],
    *,
    catalogue: Catalogue,
    rules: list[CompiledRule],
    default_currency: str,
    default_method: PaymentMethodOut | None,
    account: str | None,
    user_id: int,
    now: datetime,
) -> Plan:
    """Rows ready to insert, what each line becomes, fingerprints and every row error.

    Args:
        account: the statement's account (OFX); None for CSV, where the line's payment
            method (or `csv`) keeps equal lines of different cards apart.
    """
    plan = Plan()
    kept: list[StatementLine] = []
    currencies: list[str] = []
    accounts: list[str] = []
    for line in lines:
        errors: list[RowError] = []
        currency = _currency(line, default_currency, errors)
        method = default_method
        if line.method:
            method = catalogue.method(unneutralise(line.method))
            if method is None:
                errors.append(RowError(line.line, "payment method", f"no method '{line.method}'"))
        category = None
        if line.category:
            category = catalogue.category(unneutralise(line.category))
            if category is None:
                errors.append(RowError(line.line, "category", f"no category '{line.category}'"))
        if line.amount == 0:
            errors.append(RowError(line.line, "amount", "is zero"))
        try:
            check_day(line.date)
        except ValidationError as exc:
            errors.append(RowError(line.line, "date", exc.rule))
        if errors or currency is None:
            plan.errors.extend(errors)
            continue
        minor = _exact(line.line, "amount", line.amount.copy_abs(), currency, plan.errors)
        if minor is None:
            continue
        if line.counter_account is not None:
            row = _transfer_row(line, minor, currency, method, category, catalogue, plan)
        else:
            kind = "expense" if line.amount < 0 else "income"
            magnitude = from_minor(minor, currency)
            row = _row(
                line, kind, magnitude, minor, currency, category, method, catalogue, rules, plan
            )
        if row is None:
            continue
        row.update(created_by=user_id, created_at=now, updated_by=user_id, updated_at=now)
        plan.rows.append(row)
        kept.append(line)
        currencies.append(currency)
        first_method = method.id if method is not None else "csv"
        accounts.append(account or f"method:{first_method}")
    plan.fingerprints = fingerprints(kept, currencies, accounts)
    return plan


def _exact(
    number: int, name: str, magnitude: Decimal, currency: str, errors: list[RowError]
) -> int | None:
    """`_minor`, or None with the shared rule's message as the line's error."""
    minor = _minor(magnitude, currency)
    if minor is None:
        try:  # the shared rule, for its exact message
            parse_amount(magnitude, currency, field=name)
        except ValidationError as exc:
            errors.append(RowError(number, name, exc.rule))
    return minor


def _transfer_row(
    line: StatementLine,
    minor: int,
    currency: str,
    source: PaymentMethodOut | None,
    category: CategoryOut | None,
    catalogue: Catalogue,
    plan: Plan,
) -> dict[str, Any] | None:
    """The column values of a transfer line (fopymes' export), with the checks of
    `transactions.steps.add_transfer` made per line, so a bad row is reported with its
    number and the writer never refuses a whole import half-way.

    The money must be what the accounts hold: the amount in the currency of the account
    it leaves, what arrived in the currency of the account it reached (the same amount
    when both are in one currency). Rules do not apply: they set categories.
    """
    number, errors = line.line, plan.errors
    name = unneutralise(line.counter_account or "")
    target = catalogue.method(name)
    before = len(errors)
    if source is None:
        errors.append(RowError(number, "payment method", "a transfer names the account it left"))
    if target is None:
        errors.append(RowError(number, "to account", f"no account '{name}'"))
    if category is not None:
        errors.append(RowError(number, "category", "a transfer between accounts has none"))
    if line.amount > 0:
        message = "is positive, but a transfer's amount is what left its account"
        errors.append(RowError(number, "amount", message))
    if source is None or target is None or len(errors) > before:
        return None
    for field_name, account in (("payment method", source), ("to account", target)):
        if account.archived:
            errors.append(RowError(number, field_name, f"'{account.name}' is archived"))
    if source.id == target.id:
        errors.append(RowError(number, "to account", "a transfer needs two different accounts"))
    if source.currency != currency:
        message = f"'{source.name}' is in {source.currency}, the row in {currency}"
        errors.append(RowError(number, "currency", message))
    arrived_in = (line.counter_currency or currency).strip().upper()
    if arrived_in != target.currency:
        message = f"'{target.name}' is in {target.currency}, what arrived in {arrived_in}"
        errors.append(RowError(number, "counter_currency", message))
    if len(errors) > before:
        return None
    counter_minor: int | None = minor
    if line.counter_amount is not None:
        arrived = line.counter_amount
        if arrived <= 0:
            errors.append(RowError(number, "counter_amount", "must be greater than zero"))
            return None
        counter_minor = _exact(number, "counter_amount", arrived, target.currency, errors)
    elif target.currency != currency:
        message = f"is empty; {currency} to {target.currency} needs what arrived"
        errors.append(RowError(number, "counter_amount", message))
        return None
    if counter_minor is None:
        return None
    if target.currency == currency and counter_minor != minor:
        message = f"both accounts are in {currency}: it must equal the amount"
        errors.append(RowError(number, "counter_amount", message))
        return None
    description = " ".join(unneutralise(line.description).split())
    if len(description) > MAX_DESCRIPTION:
        errors.append(RowError(number, "description", f"is over {MAX_DESCRIPTION} characters"))
        return None
    plan.planned.append(
        PlannedLine(
            line=number,
            date=line.date,
            kind=TRANSFER,
            amount=from_minor(minor, currency),
            currency=currency,
            description=description,
            category=None,
            method=source.name,
            duplicate=False,
            counter_account=target.name,
            counter_amount=from_minor(counter_minor, target.currency),
            counter_currency=target.currency,
        )
    )
    return {
        "kind": TRANSFER,
        "amount_minor": minor,
        "currency": currency,
        "date": line.date,
        "payment_method_id": source.id,
        "counter_account_id": target.id,
        "counter_amount_minor": counter_minor,
        "description": description,
        "note": unneutralise(line.note) if line.note else None,
    }


def _row(
    line: StatementLine,
    kind: str,
    magnitude: Decimal,
    minor: int,
    currency: str,
    category: CategoryOut | None,
    method: PaymentMethodOut | None,
    catalogue: Catalogue,
    rules: list[CompiledRule],
    plan: Plan,
) -> dict[str, Any] | None:
    if category is not None and (category.kind.value != kind or category.archived):
        why = "is archived" if category.archived else f"is an {category.kind} category"
        plan.errors.append(RowError(line.line, "category", f"'{category.name}' {why}"))
        return None
    if method is not None and method.archived:
        plan.errors.append(RowError(line.line, "payment method", f"'{method.name}' is archived"))
        return None
    description = unneutralise(line.description)
    new_description = None
    payee = " ".join(unneutralise(line.payee).split()) if line.payee else None
    try:
        given = tuple(clean_tags(list(line.tags)))
    except ValidationError as exc:
        plan.errors.append(RowError(line.line, "tags", exc.rule))
        return None
    tags = given
    if rules:
        facts = Facts(
            description=description,
            amount=magnitude,
            kind=kind,
            note=line.note or "",
            category=category.name if category else "",
            method=method.name if method else "",
            payee=payee or "",
        )
        category_id, method_id, new_description = apply(rules, facts)
        ruled_payee, ruled_tags = labels(rules, facts)
        payee = ruled_payee or payee
        tags = tuple(clean_tags([*given, *ruled_tags]))
        ruled = catalogue.category_ids.get(category_id) if category_id else None
        if ruled is not None and ruled.kind.value == kind and not ruled.archived:
            category = ruled
        if method_id and method_id in catalogue.method_ids:
            method = catalogue.method_ids[method_id]
    description = " ".join((new_description or description).split())
    if len(description) > MAX_DESCRIPTION:
        plan.errors.append(
            RowError(line.line, "description", f"is over {MAX_DESCRIPTION} characters")
        )
        return None
    if payee is not None and len(payee) > MAX_PAYEE:
        plan.errors.append(RowError(line.line, "payee", f"is over {MAX_PAYEE} characters"))
        return None
    plan.planned.append(
        PlannedLine(
            line=line.line,
            date=line.date,
            kind=kind,
            amount=magnitude,
            currency=currency,
            description=description,
            category=category.name if category else None,
            method=method.name if method else None,
            duplicate=False,
            payee=payee,
            tags=tags,
        )
    )
    return {
        "kind": kind,
        "amount_minor": minor,
        "currency": currency,
        "date": line.date,
        "category_id": category.id if category else None,
        "payment_method_id": method.id if method else None,
        "description": description,
        "note": unneutralise(line.note) if line.note else None,
        "payee": payee,
        "tags": tags,
    }
