"""The unit of work: one database transaction, the repositories that share it, the clock.

Services run inside `with ctx.uow() as uow:`; nothing is written unless the service calls
`uow.commit()`, and any exception rolls everything back, so a failed command changes nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from fopymes_server.accounts.refresh_repository import RefreshRepository
from fopymes_server.accounts.repository import AccountsRepository
from fopymes_server.accounts.reset_repository import PasswordResetRepository
from fopymes_server.accounts.throttle_repository import ThrottleRepository
from fopymes_server.budgets.repository import BudgetsRepository
from fopymes_server.categories.repository import CategoriesRepository
from fopymes_server.contacts.repository import ContactsRepository
from fopymes_server.core.clock import Clock
from fopymes_server.core.errors import ConflictError, DatabaseUnavailableError
from fopymes_server.debts.repository import DebtsRepository
from fopymes_server.events.repository import EventsRepository
from fopymes_server.exports.repository import ExportsRepository
from fopymes_server.goals.repository import GoalsRepository
from fopymes_server.idempotency.repository import IdempotencyRepository
from fopymes_server.imports.repository import ImportsRepository
from fopymes_server.jobs.repository import JobRunsRepository
from fopymes_server.mail.repository import OutboxRepository
from fopymes_server.notifications.repository import NotificationsRepository
from fopymes_server.payment_methods.repository import PaymentMethodsRepository
from fopymes_server.reports.repository import ReportsRepository
from fopymes_server.scheduled.occurrence_repository import OccurrencesRepository
from fopymes_server.scheduled.repository import ScheduledRepository
from fopymes_server.transactions.repository import TransactionsRepository
from fopymes_server.transactions.versioned_repository import TransactionVersionsRepository

if TYPE_CHECKING:
    from fopymes_server.core.database import Database


class UnitOfWork:
    """Context manager around one session; rolls back unless committed."""

    accounts: AccountsRepository
    categories: CategoriesRepository
    payment_methods: PaymentMethodsRepository
    transactions: TransactionsRepository
    events: EventsRepository
    refresh: RefreshRepository
    throttle: ThrottleRepository
    idempotency: IdempotencyRepository
    transaction_versions: TransactionVersionsRepository
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

    def __init__(self, database: Database, clock: Clock, *, write: bool = True) -> None:
        self._database = database
        self.clock = clock
        self.write = write
        self._session: Session | None = None
        self.dialect = database.dialect

    def __enter__(self) -> UnitOfWork:
        session = self._database.session(write=self.write)
        self._session = session
        self.accounts = AccountsRepository(session)
        self.categories = CategoriesRepository(session)
        self.payment_methods = PaymentMethodsRepository(session)
        self.transactions = TransactionsRepository(session)
        self.events = EventsRepository(session)
        self.refresh = RefreshRepository(session)
        self.throttle = ThrottleRepository(session)
        self.idempotency = IdempotencyRepository(session)
        self.transaction_versions = TransactionVersionsRepository(session)
        self.budgets = BudgetsRepository(session)
        self.goals = GoalsRepository(session)
        self.contacts = ContactsRepository(session)
        self.debts = DebtsRepository(session)
        self.scheduled = ScheduledRepository(session)
        self.schedule_occurrences = OccurrencesRepository(session)
        self.notifications = NotificationsRepository(session)
        self.outbox = OutboxRepository(session)
        self.password_resets = PasswordResetRepository(session)
        self.job_runs = JobRunsRepository(session)
        self.imports = ImportsRepository(session)
        self.exports = ExportsRepository(session)
        self.reports = ReportsRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None
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
