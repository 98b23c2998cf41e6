"""Who is acting, in which workspace, with which role; and what each role may do.

Every service takes a Principal first, so authorization is decided in one place for the
CLI, the dashboard and the API alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fopymes_server.core.errors import PermissionDeniedError


class Role(StrEnum):
    """Membership roles, from most to least powerful."""

    OWNER = "owner"
    EDITOR = "editor"
    VIEWER = "viewer"


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated user acting inside one workspace they are a member of."""

    user_id: int
    workspace_id: int
    role: Role

    def require_write(self) -> None:
        """Editors and owners write data; a viewer's write is refused."""
        if self.role is Role.VIEWER:
            raise PermissionDeniedError(
                "viewers can read this workspace but not change it",
                hint="ask an owner to make you an editor",
            )

    def require_owner(self) -> None:
        """Only owners manage members and the workspace itself."""
        if self.role is not Role.OWNER:
            raise PermissionDeniedError("only an owner of this workspace can do that")
