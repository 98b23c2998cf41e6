"""Per-invocation state: global options, the lazily built AppContext, the signed-in Principal.

Nothing here touches the database until a command asks for it, so `--help` stays instant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fopymes_server.core.context import AppContext
    from fopymes_server.core.principal import Principal
    from fopymes_server.core.settings import Settings
    from fopymes_server.core.uow import UnitOfWork


@dataclass
class CliState:
    """What the root callback collected; commands get it from `ctx.obj`."""

    profile: str | None = None
    database_url: str | None = None
    workspace: str | None = None
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _context: AppContext | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from fopymes_server.core.settings import load_settings

            self._settings = load_settings(profile=self.profile, database_url=self.database_url)
        return self._settings

    @property
    def app(self) -> AppContext:
        if self._context is None:
            from fopymes_server.core.context import build_context

            self._context = build_context(self.settings)
        return self._context

    def uow(self, *, write: bool = False) -> UnitOfWork:
        return self.app.uow(write=write)

    def principal(self, uow: UnitOfWork) -> Principal:
        """Authenticate the stored session or FOPYMES_TOKEN and pick the workspace.

        Workspace precedence: --workspace, FOPYMES_WORKSPACE, `workspace use`, the first one.
        """
        from fopymes_cli.session import load_token, saved_workspace
        from fopymes_server.core.errors import AuthenticationError
        from fopymes_server.identity import service as identity

        token = load_token(self.settings)
        if not token:
            raise AuthenticationError(
                "you are not signed in",
                hint="run 'fopymes login' (or 'fopymes init' on a new database), "
                "or set FOPYMES_TOKEN",
            )
        signed_in = identity.authenticate(uow, token)
        ref = self.workspace or self.settings.workspace or saved_workspace(self.settings)
        return identity.principal_for(uow, signed_in.user.id, ref)

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
