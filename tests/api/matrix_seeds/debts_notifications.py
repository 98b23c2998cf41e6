"""Contacts, debts, payments and notifications for the authorization matrix.

Everything is made through the services as the owner, so a stranger (or a viewer) is
asked about ids that really exist in the owner's workspace.
"""

from __future__ import annotations

from typing import Any

from fopymes_server.core.context import AppContext
from fopymes_server.debts import payments
from fopymes_server.debts.schemas import PaymentCreate
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.schemas import NotificationDraft
from tests.factories import make_contact, make_debt


def seed(ctx: AppContext, owner: Any) -> dict[str, int]:
    """A contact, a debt with a payment, and one notification of the owner's; no route
    names a payment by id, so no `payment_id` is returned."""
    principal = owner.person.principal
    contact = make_contact(ctx, principal, "Matrix Contact")
    debt = make_debt(ctx, principal, "500.00", contact="Matrix Debtor", start="2026-01-01")
    with ctx.uow() as uow:
        payments.pay(uow, principal, debt.id, data=PaymentCreate(amount="50.00", date="2026-01-02"))
    with ctx.uow() as uow:
        notifications.notify(
            uow,
            principal,
            recipients=[principal.user_id],
            draft=NotificationDraft(
                type="debt.due", title="Debt due", body="Pay it", dedupe_key="matrix:debt"
            ),
        )
        uow.commit()
    with ctx.uow(write=False) as uow:
        notification = notifications.list_notifications(uow, principal, limit=1)[0]
    return {
        "contact_id": contact.id,
        "debt_id": debt.id,
        "notification_id": notification.id,
    }
