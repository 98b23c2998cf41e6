"""The composition root: settings, database and clock, built once per process.

Every entry point (the CLI callback, the API lifespan, the scheduler, tests) calls
`build_context()` and passes the result down; nothing else creates engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fopymes_server.core.clock import Clock
from fopymes_server.core.database import Database
from fopymes_server.core.settings import Settings
from fopymes_server.core.uow import UnitOfWork


@dataclass
class AppContext:
    settings: Settings
    database: Database
    clock: Clock = field(default_factory=Clock)

    def uow(self, *, write: bool = True) -> UnitOfWork:
        """A unit of work; `write=False` for read-only work (no write lock on SQLite)."""
        self.database.check_schema()
        return UnitOfWork(self.database, self.clock, write=write)

    def close(self) -> None:
        self.database.dispose()


def build_context(settings: Settings, clock: Clock | None = None) -> AppContext:
    """Wire the process's objects from its settings (does not connect yet)."""
    return AppContext(
        settings=settings,
        database=Database(settings.effective_database_url, own_directory=not settings.database_url),
        clock=clock or Clock(),
    )
