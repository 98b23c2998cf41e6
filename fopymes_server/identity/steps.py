"""Steps of identity that never commit: the caller's unit of work commits them (a use case
of `service.py`, or the API's idempotent POST, which stores its answer in the same
transaction)."""

from __future__ import annotations

from fopymes_server.accounts import service as accounts
from fopymes_server.categories import service as categories
from fopymes_server.categories.templates import parse_template
from fopymes_server.core.lookup import clean_name
from fopymes_server.core.money import normalise_currency
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity.schemas import MemberWorkspace


def create_workspace(
    uow: UnitOfWork, user_id: int, *, name: str, currency: str, template: str = "household"
) -> MemberWorkspace:
    """A new workspace owned by `user_id`, seeded with Cash and the categories of
    `template` (household or business; ValidationError naming `template` for another)."""
    chosen = parse_template(template)
    workspace = uow.identity.add_workspace(
        name=clean_name(name, "workspace"),
        currency=normalise_currency(currency),
        user_id=user_id,
        now=uow.clock.now(),
    )
    uow.identity.add_membership(
        workspace_id=workspace.id, user_id=user_id, role=Role.OWNER, now=uow.clock.now()
    )
    owner = Principal(user_id=user_id, workspace_id=workspace.id, role=Role.OWNER)
    categories.seed_defaults(uow, owner, chosen)
    accounts.seed_defaults(uow, owner)
    return MemberWorkspace(**workspace.model_dump(), role=Role.OWNER)
