"""The unit of work: one database transaction, the repositories that share it, the clock.

Services run inside `with ctx.uow() as uow:`; nothing is written unless the service calls
`uow.commit()`, and any exception rolls everything back, so a failed command changes nothing.
"""

from __future__ import annotations

import importlib
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from fopymes_server.core.clock import Clock
from fopymes_server.core.errors import ConflictError, DatabaseUnavailableError

if TYPE_CHECKING:
    from fopymes_server.accounts.balances import BalancesRepository
    from fopymes_server.accounts.repository import AccountsRepository
    from fopymes_server.budgets.repository import BudgetsRepository
    from fopymes_server.categories.repository import CategoriesRepository
    from fopymes_server.contacts.repository import ContactsRepository
    from fopymes_server.core.database import Database
    from fopymes_server.debts.repository import DebtsRepository
    from fopymes_server.events.repository import EventsRepository
    from fopymes_server.exports.repository import ExportsRepository
    from fopymes_server.goals.repository import GoalsRepository
    from fopymes_server.idempotency.repository import IdempotencyRepository
    from fopymes_server.identity.refresh_repository import RefreshRepository
    from fopymes_server.identity.repository import IdentityRepository
    from fopymes_server.identity.reset_repository import PasswordResetRepository
    from fopymes_server.identity.throttle_repository import ThrottleRepository
    from fopymes_server.imports.repository import ImportsRepository
    from fopymes_server.jobs.repository import JobRunsRepository
    from fopymes_server.mail.repository import OutboxRepository
    from fopymes_server.notifications.repository import NotificationsRepository
    from fopymes_server.payees.repository import PayeesRepository
    from fopymes_server.reconciliations.repository import ReconciliationsRepository
    from fopymes_server.reports.repository import ReportsRepository
    from fopymes_server.scheduled.occurrence_repository import OccurrencesRepository
    from fopymes_server.scheduled.repository import ScheduledRepository
    from fopymes_server.tags.repository import TagsRepository
    from fopymes_server.transactions.bulk_repository import BulkTransactionsRepository
    from fopymes_server.transactions.repository import TransactionsRepository
    from fopymes_server.transactions.summary_repository import SummaryRepository
    from fopymes_server.transactions.versioned_repository import TransactionVersionsRepository


# Repositories are imported on first use: a command touches three or four of the twenty, and
# importing every feature's models and SQL up front cost a third of a second per process.
_REPOSITORIES: dict[str, tuple[str, str]] = {
    "identity": ("fopymes_server.identity.repository", "IdentityRepository"),
    "categories": ("fopymes_server.categories.repository", "CategoriesRepository"),
    "accounts": ("fopymes_server.accounts.repository", "AccountsRepository"),
    "balances": ("fopymes_server.accounts.balances", "BalancesRepository"),
    "transactions": ("fopymes_server.transactions.repository", "TransactionsRepository"),
    "summaries": ("fopymes_server.transactions.summary_repository", "SummaryRepository"),
    "events": ("fopymes_server.events.repository", "EventsRepository"),
    "refresh": ("fopymes_server.identity.refresh_repository", "RefreshRepository"),
    "throttle": ("fopymes_server.identity.throttle_repository", "ThrottleRepository"),
    "idempotency": ("fopymes_server.idempotency.repository", "IdempotencyRepository"),
    "transaction_versions": (
        "fopymes_server.transactions.versioned_repository",
        "TransactionVersionsRepository",
    ),
    "bulk_transactions": (
        "fopymes_server.transactions.bulk_repository",
        "BulkTransactionsRepository",
    ),
    "budgets": ("fopymes_server.budgets.repository", "BudgetsRepository"),
    "goals": ("fopymes_server.goals.repository", "GoalsRepository"),
    "contacts": ("fopymes_server.contacts.repository", "ContactsRepository"),
    "debts": ("fopymes_server.debts.repository", "DebtsRepository"),
    "scheduled": ("fopymes_server.scheduled.repository", "ScheduledRepository"),
    "schedule_occurrences": (
        "fopymes_server.scheduled.occurrence_repository",
        "OccurrencesRepository",
    ),
    "notifications": ("fopymes_server.notifications.repository", "NotificationsRepository"),
    "outbox": ("fopymes_server.mail.repository", "OutboxRepository"),
    "password_resets": ("fopymes_server.identity.reset_repository", "PasswordResetRepository"),
    "job_runs": ("fopymes_server.jobs.repository", "JobRunsRepository"),
    "imports": ("fopymes_server.imports.repository", "ImportsRepository"),
    "exports": ("fopymes_server.exports.repository", "ExportsRepository"),
    "reports": ("fopymes_server.reports.repository", "ReportsRepository"),
    "reconciliations": ("fopymes_server.reconciliations.repository", "ReconciliationsRepository"),
    "payees": ("fopymes_server.payees.repository", "PayeesRepository"),
    "tags": ("fopymes_server.tags.repository", "TagsRepository"),
}
# Tables that most others reference by foreign key; loaded with the first session so any
# repository's flush can resolve its keys.
_CORE_MODELS = (
    "fopymes_server.identity.models",
    "fopymes_server.categories.models",
    "fopymes_server.accounts.models",
    "fopymes_server.transactions.models",
    "fopymes_server.payees.models",
)


class UnitOfWork:
    """Context manager around one session; rolls back unless committed."""

    if TYPE_CHECKING:
        identity: IdentityRepository
        categories: CategoriesRepository
        accounts: AccountsRepository
        balances: BalancesRepository
        transactions: TransactionsRepository
        summaries: SummaryRepository
        events: EventsRepository
        refresh: RefreshRepository
        throttle: ThrottleRepository
        idempotency: IdempotencyRepository
        transaction_versions: TransactionVersionsRepository
        bulk_transactions: BulkTransactionsRepository
        budgets: BudgetsRepository
        goals: GoalsRepository
        contacts: ContactsRepository
        debts: DebtsRepository
        scheduled: ScheduledRepository
        schedule_occurrences: OccurrencesRepository
        notifications: NotificationsRepository
        outbox: OutboxRepository
        password_resets: PasswordResetRepository
        job_runs: JobRunsRepository
        imports: ImportsRepository
        exports: ExportsRepository
        reports: ReportsRepository
        reconciliations: ReconciliationsRepository
        payees: PayeesRepository
        tags: TagsRepository

    def __init__(self, database: Database, clock: Clock, *, write: bool = True) -> None:
        self._database = database
        self.clock = clock
        self.write = write
        self._session: Session | None = None
        self.dialect = database.dialect

    def __enter__(self) -> UnitOfWork:
        for module in _CORE_MODELS:
            importlib.import_module(module)
        self._session = self._database.session(write=self.write)
        return self

    def __getattr__(self, name: str) -> Any:
        """Build the repository `name` on first use in this unit of work, then keep it."""
        target = _REPOSITORIES.get(name)
        if target is None:
            raise AttributeError(name)
        if self.__dict__.get("_session") is None:
            raise RuntimeError(f"uow.{name} used outside of 'with uow:'")
        module, class_name = target
        repository = getattr(importlib.import_module(module), class_name)(self._session)
        setattr(self, name, repository)
        return repository

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            # A clean read-only unit of work has nothing to undo: closing ends its
            # transaction (the pool rolls the connection back) without the ORM's rollback
            # bookkeeping, which was a tenth of a small API read's time.
            if self.write or exc_type is not None:
                self._session.rollback()
        finally:
            self._session.close()
            self._session = None
            for name in _REPOSITORIES:
                self.__dict__.pop(name, None)
        if isinstance(exc, IntegrityError):
            raise ConflictError(
                "the change conflicts with existing data (it may have been made already)"
            ) from exc
        if isinstance(exc, OperationalError):
            raise DatabaseUnavailableError(f"database error: {str(exc.orig).strip()}") from exc

    def commit(self) -> None:
        assert self._session is not None, "commit() outside of 'with uow:'"
        try:
            self._session.commit()
        except IntegrityError as exc:
            raise ConflictError("the change conflicts with existing data") from exc

    def flush(self) -> None:
        assert self._session is not None
        self._session.flush()
