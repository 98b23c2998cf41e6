"""Test data built through the services, so no fixture can create a state the rules forbid."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fopymes_server.core.clock import Clock
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.identity import service as identity
from fopymes_server.scheduled import service as scheduled
from fopymes_server.scheduled.schemas import ScheduleCreate, ScheduleOut
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import Kind, TransactionCreate, TransactionOut

if TYPE_CHECKING:
    from fopymes_server.budgets.schemas import BudgetOut
    from fopymes_server.contacts.schemas import ContactOut
    from fopymes_server.debts.schemas import DebtOut
    from fopymes_server.goals.schemas import ContributionRecorded, GoalOut

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
        setup = identity.setup(
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
        added = identity.add_member(uow, owner.principal, email=email, role=role)
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


def move(
    ctx: AppContext,
    principal: Principal,
    amount: str,
    source: str,
    target: str,
    *,
    date: str = "2026-11-05",
    to_amount: str | None = None,
) -> TransactionOut:
    """A transfer from `source` to `target` (`to_amount`: what reaches it, between currencies)."""
    from fopymes_server.accounts import transfers

    with ctx.uow() as uow:
        return transfers.transfer(
            uow,
            principal,
            transfers.TransferCreate(
                amount=amount,
                from_account=source,
                to_account=target,
                date=date,
                to_amount=to_amount,
            ),
        )


# --- scheduled transactions and moving time (issue 5) ------------------------------------


class ClockHand:
    """A clock that tests move by hand, so jobs can run through months in milliseconds."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def move_to(self, instant: datetime) -> None:
        self.now = instant

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def hand_clock(ctx: AppContext, start: datetime) -> ClockHand:
    """Give `ctx` a clock at `start` (UTC) that the test moves with the returned hand."""
    hand = ClockHand(start)
    ctx.clock = Clock(now_fn=hand)
    return hand


def at_noon(day: str) -> datetime:
    """Noon UTC of an ISO date: far from midnight in any zone the tests run in."""
    return datetime.fromisoformat(f"{day}T12:00:00+00:00")


def make_schedule(
    ctx: AppContext,
    principal: Principal,
    name: str = "Rent",
    amount: str = "800.00",
    **fields: object,
) -> ScheduleOut:
    """A schedule through the service (monthly from today, an expense in Housing, Cash)."""
    values: dict[str, object] = {"category": "Housing", "payment_method": "Cash", **fields}
    with ctx.uow() as uow:
        return scheduled.create(
            uow,
            principal,
            data=ScheduleCreate(name=name, amount=amount, **values),  # type: ignore[arg-type]
        )


# --- budgets, savings goals, contacts and debts (issue 3) --------------------------------


def make_budget(
    ctx: AppContext,
    principal: Principal,
    category: str | None = "Groceries",
    amount: str = "400.00",
    **fields: object,
) -> BudgetOut:
    """A budget through the service (monthly from the 1st unless `fields` say otherwise)."""
    from fopymes_server.budgets import service as budgets
    from fopymes_server.budgets.schemas import BudgetSet

    with ctx.uow() as uow:
        return budgets.set_budget(
            uow,
            principal,
            data=BudgetSet(category=category, amount=amount, **fields),  # type: ignore[arg-type]
        )


def make_goal(
    ctx: AppContext,
    principal: Principal,
    name: str = "Bike",
    target: str = "1000.00",
    **fields: object,
) -> GoalOut:
    from fopymes_server.goals import service as goals
    from fopymes_server.goals.schemas import GoalCreate

    with ctx.uow() as uow:
        return goals.add(
            uow,
            principal,
            data=GoalCreate(name=name, target=target, **fields),  # type: ignore[arg-type]
        )


def contribute(
    ctx: AppContext, principal: Principal, goal: str | int, amount: str, **fields: object
) -> ContributionRecorded:
    """Add money to a goal (`payment_method=` records the transfer from it too)."""
    return _move_savings(ctx, principal, goal, amount, fields, withdraw=False)


def withdraw(
    ctx: AppContext, principal: Principal, goal: str | int, amount: str, **fields: object
) -> ContributionRecorded:
    """Take money out of a goal (`payment_method=` records the transfer into it too)."""
    return _move_savings(ctx, principal, goal, amount, fields, withdraw=True)


def _move_savings(
    ctx: AppContext,
    principal: Principal,
    goal: str | int,
    amount: str,
    fields: dict[str, object],
    *,
    withdraw: bool,
) -> ContributionRecorded:
    from fopymes_server.goals import contributions
    from fopymes_server.goals.schemas import ContributionCreate

    move = contributions.withdraw if withdraw else contributions.contribute
    with ctx.uow() as uow:
        return move(
            uow,
            principal,
            goal,
            data=ContributionCreate(amount=amount, **fields),  # type: ignore[arg-type]
        )


def make_contact(
    ctx: AppContext, principal: Principal, name: str = "Ana", **fields: object
) -> ContactOut:
    from fopymes_server.contacts import service as contacts
    from fopymes_server.contacts.schemas import ContactCreate

    with ctx.uow() as uow:
        return contacts.add(
            uow,
            principal,
            data=ContactCreate(name=name, **fields),  # type: ignore[arg-type]
        )


def make_debt(
    ctx: AppContext,
    principal: Principal,
    amount: str = "1000.00",
    *,
    contact: str = "Ana",
    direction: str = "i_owe",
    **fields: object,
) -> DebtOut:
    """A debt with `contact`, who is added first when the workspace does not have them."""
    from fopymes_server.contacts import service as contacts
    from fopymes_server.debts import service as debts
    from fopymes_server.debts.schemas import DebtCreate, Direction

    with ctx.uow(write=False) as uow:
        known = {c.name for c in contacts.list_contacts(uow, principal)}
    if contact not in known:
        make_contact(ctx, principal, contact)
    with ctx.uow() as uow:
        return debts.add(
            uow,
            principal,
            data=DebtCreate(
                contact=contact,
                direction=Direction(direction),
                principal=amount,
                **fields,  # type: ignore[arg-type]
            ),
        )
