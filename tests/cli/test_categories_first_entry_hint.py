"""The hint after init names an everyday category of the workspace it is printed for."""

from __future__ import annotations

from fopymes_cli.commands.categories import first_entry_hint
from fopymes_cli.context import CliState
from fopymes_server.core.context import AppContext
from fopymes_server.identity import service as identity
from tests.factories import new_owner


def test_a_business_workspace_is_told_to_record_a_supplier_not_groceries(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        shop = identity.create_workspace(
            uow, owner.user_id, name="Corner Shop", currency="EUR", template="business"
        )
    cli = CliState(_context=ctx)
    assert first_entry_hint(cli, owner.user_id, shop.id) == (
        "Next: fopymes tx add 12.50 --category Suppliers --description 'First purchase'"
    )
    assert "--category Groceries " in first_entry_hint(cli, owner.user_id, owner.workspace_id)
