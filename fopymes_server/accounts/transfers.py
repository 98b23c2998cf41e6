"""Transfers: money from one of the workspace's accounts to another, never income or expense.

A transfer is one transactions row of kind 'transfer': it leaves `payment_method_id` in
that account's currency and reaches `counter_account_id` as `counter_amount_minor` in the
other's. Between two currencies both amounts are given, and the rate they imply is kept
exactly as their ratio; in one currency the two amounts are the same.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountOut
from fopymes_server.core.dates import parse_date
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import parse_amount, to_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.transactions import steps as transactions
from fopymes_server.transactions.schemas import TransactionOut


class TransferCreate(BaseModel):
    amount: str | Decimal
    """What leaves `from_account`, in its currency."""
    from_account: str | int
    to_account: str | int
    to_amount: str | Decimal | None = None
    """What reaches `to_account`, in its currency; required when the currencies differ."""
    date: str | dt.date = "today"
    description: str | None = None
    note: str | None = None


def _description(text: str | None, source: AccountOut, target: AccountOut) -> str:
    return (text or "").strip() or f"Transfer {source.name} to {target.name}"


def _counter_minor(data: TransferCreate, source: AccountOut, target: AccountOut) -> int:
    amount = parse_amount(data.amount, source.currency)
    if source.currency != target.currency:
        if data.to_amount is None:
            raise ValidationError(
                "to amount",
                f"{source.name} is in {source.currency} and {target.name} in "
                f"{target.currency}: what arrives must be given too",
                hint="fopymes transfer ... --to-amount AMOUNT (to_amount in the API)",
            )
        return to_minor(
            parse_amount(data.to_amount, target.currency, field="to amount"), target.currency
        )
    if data.to_amount is not None:
        arrived = parse_amount(data.to_amount, target.currency, field="to amount")
        if arrived != amount:
            raise ValidationError(
                "to amount", f"both accounts are in {source.currency}: it must equal the amount"
            )
    return to_minor(amount, target.currency)


def record(uow: UnitOfWork, principal: Principal, data: TransferCreate) -> TransactionOut:
    """Write the transfer `data` describes, without committing; ValidationError for one
    account twice, an archived account, a bad amount or date, or a missing `to_amount`
    between currencies; NotFoundError for an unknown account (with close names)."""
    principal.require_write()
    source = accounts.resolve(uow, principal, data.from_account, field="from")
    target = accounts.resolve(uow, principal, data.to_account, field="to")
    amount = parse_amount(data.amount, source.currency)
    counter = _counter_minor(data, source, target)
    return transactions.add_transfer(
        uow,
        principal,
        source=source,
        target=target,
        amount_minor=to_minor(amount, source.currency),
        counter_minor=counter,
        day=parse_date(data.date, uow.clock.today()),
        description=_description(data.description, source, target),
        note=data.note,
    )


def transfer(uow: UnitOfWork, principal: Principal, data: TransferCreate) -> TransactionOut:
    """`record`, committed (`fopymes transfer`, POST /transfers)."""
    created = record(uow, principal, data)
    uow.commit()
    return created


def implied_rate(transfer: TransactionOut) -> Decimal | None:
    """Units of the target currency per unit of the source (None for other rows)."""
    if transfer.counter_amount is None or transfer.counter_currency == transfer.currency:
        return None
    return transfer.counter_amount / transfer.amount
