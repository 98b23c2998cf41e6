"""The unit of work: one database transaction, the repositories that share it, the clock.

Services run inside `with ctx.uow() as uow:`; nothing is written unless the service calls
`uow.commit()`, and any exception rolls everything back, so a failed command changes nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from fopymes_server.accounts.repository import AccountsRepository
from fopymes_server.categories.repository import CategoriesRepository
from fopymes_server.core.clock import Clock
from fopymes_server.core.errors import ConflictError, DatabaseUnavailableError
from fopymes_server.events.repository import EventsRepository
from fopymes_server.payment_methods.repository import PaymentMethodsRepository
from fopymes_server.transactions.repository import TransactionsRepository

if TYPE_CHECKING:
    from fopymes_server.core.database import Database


class UnitOfWork:
    """Context manager around one session; rolls back unless committed."""

    accounts: AccountsRepository
    categories: CategoriesRepository
    payment_methods: PaymentMethodsRepository
    transactions: TransactionsRepository
    events: EventsRepository

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
