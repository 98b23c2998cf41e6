"""Principals for unattended work: the scheduler acting for a member, never as a superuser.

A job has no signed-in user. Rather than a "system" role that could do anything, it acts
as a real member: a schedule acts for its owner, workspace-wide rules act for a workspace
owner. Membership and role are read again from the database every time, so someone removed
from a workspace (or made a viewer) stops being acted for at once.
"""

from __future__ import annotations

from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork


def acting_for(uow: UnitOfWork, workspace_id: int, user_id: int) -> Principal | None:
    """The member's Principal with their current role, or None if they left the workspace."""
    role = uow.identity.role_of(workspace_id, user_id)
    return Principal(user_id=user_id, workspace_id=workspace_id, role=role) if role else None


def can_write(principal: Principal | None) -> bool:
    return principal is not None and principal.role is not Role.VIEWER


def workspace_owner(uow: UnitOfWork, workspace_id: int) -> Principal | None:
    """The longest-standing owner, for rules that concern the whole workspace."""
    owners = [m for m in uow.identity.members_of(workspace_id) if m.role is Role.OWNER]
    if not owners:
        return None
    first = min(owners, key=lambda m: (m.joined_at, m.user_id))
    return Principal(user_id=first.user_id, workspace_id=workspace_id, role=Role.OWNER)


def member_ids(
    uow: UnitOfWork, workspace_id: int, *, roles: tuple[Role, ...] = tuple(Role)
) -> list[int]:
    """User ids of the workspace's members with one of `roles` (all roles by default)."""
    return [m.user_id for m in uow.identity.members_of(workspace_id) if m.role in roles]
