"""A goal read from its stored rows: by id or by name, in the principal's workspace."""

from __future__ import annotations

from fopymes_server.core.errors import NotFoundError
from fopymes_server.core.lookup import resolve as resolve_named
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.goals.repository import GoalRow


def _not_found(message: str, hint: str | None) -> Exception:
    return NotFoundError(message, hint=hint or "see 'fopymes goal list'")


def find(uow: UnitOfWork, principal: Principal, ref: str | int) -> GoalRow:
    """The goal with id or name `ref` (any case) in the principal's workspace.

    Raises NotFoundError (with the closest names) otherwise, also for another workspace's id.
    An int is an id (the API's addressing): only that goal is read and summed.
    """
    if isinstance(ref, int):
        found = uow.goals.list_goals(principal.workspace_id, goal_id=ref)
        if not found:
            raise _not_found(f"no goal {ref} in this workspace", None)
        return found[0]
    return resolve_named(
        ref, uow.goals.list_goals(principal.workspace_id), noun="goal", not_found=_not_found
    )
