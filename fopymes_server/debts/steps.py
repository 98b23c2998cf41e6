"""Steps of debts that change them and never commit: the caller's unit of work does.

`service.add` wraps `add` with a commit; an idempotent POST runs it inside the request's
unit of work, which commits the debt with the stored response once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fopymes_server.accounts import naming
from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountOut, AccountType
from fopymes_server.categories import service as categories
from fopymes_server.contacts import service as contacts
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import normalise_currency, parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.debts.parse import parse_interest, parse_rate_ppm
from fopymes_server.debts.rules import amortisation_schedule
from fopymes_server.debts.schemas import DebtCreate, DebtOut, Direction
from fopymes_server.debts.stored import debt_out, terms_of
from fopymes_server.events import service as events
from fopymes_server.identity import service as identity
from fopymes_server.transactions import steps as transactions


def _category_id(
    uow: UnitOfWork, principal: Principal, ref: str | int, direction: Direction
) -> int:
    category = categories.resolve(uow, principal, ref, field="category")
    wanted = "expense" if direction is Direction.I_OWE else "income"
    if category.kind.value != wanted or category.archived:
        raise ValidationError(
            "category",
            f"'{category.name}' is not an active {wanted} category "
            f"(payments of this debt are {wanted}s)",
        )
    return category.id


def open_loan_account(
    uow: UnitOfWork,
    principal: Principal,
    *,
    debt_id: int,
    contact: str,
    lent: bool,
    currency: str,
    opening_minor: int,
    opening_date: date,
) -> AccountOut:
    """Open and link the debt's loan account ("Loan to/from CONTACT"): another asset for
    money lent, a loan (liability) for money borrowed, opening at `opening_minor` owed
    (positive; a liability's balance is its minus). No commit."""
    loan = accounts.open_named(
        uow,
        principal,
        naming.debt_account(contact, owed_to_me=lent),
        debt_id,
        type=AccountType.OTHER_ASSET if lent else AccountType.LOAN,
        currency=currency,
        opening_minor=opening_minor if lent else -opening_minor,
        opening_date=opening_date,
    )
    uow.debts.set_account(principal.workspace_id, debt_id, loan.id)
    return loan


def _open_loan(
    uow: UnitOfWork,
    principal: Principal,
    debt_id: int,
    contact: str,
    data: DebtCreate,
    amount: Decimal,
    currency: str,
    start: date,
) -> None:
    """Open the debt's loan account: an asset for money lent, a liability (at minus what is
    owed) for money borrowed. With `data.account` the principal is a transfer between that
    account and the loan on the start date; without, the loan opens with it."""
    lent = data.direction is Direction.OWED_TO_ME
    minor = to_minor(amount, currency)
    other = None
    if data.account is not None:
        other = accounts.resolve(uow, principal, data.account, field="account")
        accounts.require_currency(other, currency, field="account", owner="debt")
    loan = open_loan_account(
        uow,
        principal,
        debt_id=debt_id,
        contact=contact,
        lent=lent,
        currency=currency,
        opening_minor=0 if other is not None else minor,
        opening_date=start,
    )
    if other is not None:
        transactions.add_transfer(
            uow,
            principal,
            source=other if lent else loan,
            target=loan if lent else other,
            amount_minor=minor,
            counter_minor=minor,
            day=start,
            description=f"Loan {'to' if lent else 'from'} {contact}",
        )


def add(uow: UnitOfWork, principal: Principal, *, data: DebtCreate) -> DebtOut:
    """Record money owed by or to a contact, optionally with interest and a repayment plan.

    Opens the debt's loan account (see `_open_loan`). Raises PermissionDeniedError for
    viewers; NotFoundError for an unknown contact, category or account; ValidationError for
    a bad principal, currency, date, due date before the start, rate, interest mode, both
    instalments and a monthly payment, a category of the wrong kind, or an account archived
    or in another currency; RuleViolationError when the monthly payment could never repay
    the debt.
    """
    principal.require_write()
    contact = contacts.resolve(uow, principal, data.contact, field="contact")
    workspace = identity.current_workspace(uow, principal)
    currency = normalise_currency(data.currency or workspace.currency)
    principal_amount = parse_amount(data.principal, currency, field="principal")
    today = uow.clock.today()
    start = parse_date(data.start, today, field="start")
    due = parse_date(data.due, today, field="due") if data.due is not None else None
    if due is not None and due < start:
        raise ValidationError("due", f"{due} is before the start {start}")
    rate = parse_rate_ppm(data.annual_rate) if data.annual_rate not in (None, "") else None
    monthly = (
        parse_amount(data.monthly_payment, currency, field="monthly_payment")
        if data.monthly_payment is not None
        else None
    )
    values = {
        "contact_id": contact.id,
        "direction": data.direction.value,
        "principal_minor": to_minor(principal_amount, currency),
        "currency": currency,
        "start_date": start,
        "due_date": due,
        "category_id": _category_id(uow, principal, data.category, data.direction)
        if data.category is not None
        else None,
        "annual_rate_ppm": rate,
        "interest": parse_interest(data.interest).value,
        "instalments": data.instalments,
        "instalment_minor": to_minor(monthly, currency) if monthly is not None else None,
        "description": " ".join(data.description.split())[:500],
        "created_by": principal.user_id,
        "created_at": uow.clock.now(),
    }
    debt_id = uow.debts.add(principal.workspace_id, values)
    _open_loan(uow, principal, debt_id, contact.name, data, principal_amount, currency, start)
    row = uow.debts.list_debts(principal.workspace_id, debt_id=debt_id)[0]
    if data.instalments is not None or monthly is not None:
        # Refuse a plan that cannot work now rather than when the schedule is asked for.
        amortisation_schedule(terms_of(row), instalments=data.instalments, monthly_payment=monthly)
    events.record(uow, principal, "debt.created", entity_id=debt_id)
    return debt_out(row, [], today)
