"""What a debt reminder says: who owes whom how much, and what for only when known."""

from __future__ import annotations

from datetime import date

from fopymes_server.contacts import service as contacts
from fopymes_server.contacts.schemas import ContactCreate
from fopymes_server.core.context import AppContext
from fopymes_server.debts import service as debts
from fopymes_server.debts.schemas import DebtCreate, Direction
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.service_alerts import evaluate
from tests.factories import at_noon, hand_clock, new_owner


def test_a_debt_without_a_description_is_announced_without_empty_brackets(
    ctx: AppContext,
) -> None:
    hand_clock(ctx, at_noon("2031-05-18"))
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        friend = contacts.add(uow, owner, data=ContactCreate(name="Marta"))
    for direction, description in ((Direction.OWED_TO_ME, ""), (Direction.I_OWE, "sofa")):
        with ctx.uow() as uow:
            debts.add(
                uow,
                owner,
                data=DebtCreate(
                    contact=friend.id,
                    direction=direction,
                    principal="120",
                    start="2031-05-01",
                    due="2031-05-19",
                    description=description,
                ),
            )
    with ctx.uow() as uow:
        evaluate(uow, owner.workspace_id, date(2031, 5, 18))
    with ctx.uow(write=False) as uow:
        bodies = [n.body for n in notifications.list_notifications(uow, owner, limit=10)]
    assert any("Marta owes you 120.00 EUR" in body for body in bodies), bodies
    assert not any("()" in body for body in bodies), bodies
    assert any("You owe Marta 120.00 EUR (sofa)" in body for body in bodies), bodies
