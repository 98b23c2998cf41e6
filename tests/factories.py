"""Test data built through the services, so no fixture can create a state the rules forbid."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fopymes_server.accounts import service as accounts
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, TransactionCreate, TransactionOut

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Person:
    email: str
    principal: Principal
    password: str = PASSWORD


def random_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def new_owner(ctx: AppContext, *, currency: str = "EUR") -> Person:
    """A new user owning a new workspace with the default categories and Cash."""
    email = random_email("owner")
    with ctx.uow() as uow:
        setup = accounts.setup(
            uow,
            email=email,
            name="Owner",
            password=PASSWORD,
            workspace_name="Books",
            currency=currency,
        )
    return Person(
        email=email,
        principal=Principal(
            user_id=setup.user.id, workspace_id=setup.workspace.id, role=Role.OWNER
        ),
    )


def add_member(ctx: AppContext, owner: Person, role: Role) -> Person:
    email = random_email(role.value)
    with ctx.uow() as uow:
        added = accounts.add_member(uow, owner.principal, email=email, role=role)
    assert added.initial_password is not None
    return Person(
        email=email,
        principal=Principal(
            user_id=added.member.user_id, workspace_id=owner.principal.workspace_id, role=role
        ),
        password=added.initial_password,
    )


def record(
    ctx: AppContext,
    principal: Principal,
    amount: str = "10.00",
    *,
    kind: Kind = Kind.EXPENSE,
    category: str | None = None,
    date: str = "2026-11-01",
    description: str = "Something",
    **extra: object,
) -> TransactionOut:
    if category is None:
        category = "Groceries" if kind is Kind.EXPENSE else "Salary"
    with ctx.uow() as uow:
        return transactions.record(
            uow,
            principal,
            data=TransactionCreate(
                kind=kind,
                amount=amount,
                date=date,
                category=category,
                description=description,
                **extra,  # type: ignore[arg-type]
            ),
        )
