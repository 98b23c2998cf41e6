"""Member use cases addressed by user id, as the API's paths name members.

The CLI names members by e-mail (service.py); these take the id, check the role first, and
then reuse the same rules, so both front ends refuse the same things.
"""

from __future__ import annotations

from fopymes_server.core.errors import NotFoundError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.identity.schemas import MemberOut


def member(uow: UnitOfWork, principal: Principal, user_id: int) -> MemberOut:
    """One member of the principal's workspace; anyone else is NotFoundError."""
    for candidate in uow.identity.members_of(principal.workspace_id):
        if candidate.user_id == user_id:
            return candidate
    raise NotFoundError(f"no member {user_id} in this workspace")


def change_role(uow: UnitOfWork, principal: Principal, user_id: int, *, role: Role) -> MemberOut:
    """Owner only: change a member's role; the last owner cannot step down."""
    principal.require_owner()
    target = member(uow, principal, user_id)
    return identity.change_role(uow, principal, email=target.email, role=role)


def remove(uow: UnitOfWork, principal: Principal, user_id: int) -> None:
    """Owner only: remove a member; their sessions, sign-ins and tokens end everywhere."""
    principal.require_owner()
    target = member(uow, principal, user_id)
    identity.remove_member(uow, principal, email=target.email)
