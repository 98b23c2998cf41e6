"""A goal's input checked into stored values: target, deadline, category, account, name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import ConflictError, ValidationError
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.money import parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork


def target_minor(value: str | Decimal, currency: str) -> int:
    return to_minor(parse_amount(value, currency, field="target"), currency)


def checked_deadline(value: str | date, today: date, start: date) -> date:
    deadline = parse_date(value, today, field="deadline")
    if deadline < max(today, start):
        raise ValidationError("deadline", f"{deadline} is in the past")
    return deadline


def expense_category_id(uow: UnitOfWork, principal: Principal, ref: str | int) -> int:
    category = categories.resolve(uow, principal, ref, field="category")
    if category.kind.value != "expense" or category.archived:
        raise ValidationError("category", f"'{category.name}' is not an active expense category")
    return category.id


def checked_name(uow: UnitOfWork, principal: Principal, name: str, except_id: int | None) -> str:
    cleaned = clean_name(name, "name", max_length=100)
    if cleaned.isdigit():
        raise ValidationError("name", "must not be a number (numbers are goal ids)")
    if uow.goals.name_taken(principal.workspace_id, cleaned, except_id=except_id):
        raise ConflictError(f"a goal named '{cleaned}' already exists")
    return cleaned


def savings_account_id(uow: UnitOfWork, principal: Principal, ref: str | int, currency: str) -> int:
    """An open asset account in the goal's currency, where its savings can be held."""
    account = accounts.resolve(uow, principal, ref, field="account")
    if account.archived:
        raise ValidationError("account", f"'{account.name}' is archived")
    if account.type.liability:
        raise ValidationError("account", f"'{account.name}' is a liability, not savings")
    accounts.require_currency(account, currency, field="account", owner="goal")
    return account.id
