"""SQL of failed-login counters: one upsert per failure, so concurrent failures all count."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from fopymes_server.core.orm import UtcDateTime
from fopymes_server.identity.throttle_models import LoginThrottle


class ThrottleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def windows(self, keys: list[str]) -> dict[str, tuple[int, datetime]]:
        """(failures, window start) of each key that has a counter."""
        rows = self.session.execute(
            select(
                LoginThrottle.key, LoginThrottle.failures, LoginThrottle.window_started_at
            ).where(LoginThrottle.key.in_(keys))
        ).all()
        return {key: (failures, started) for key, failures, started in rows}

    def add_failure(self, key: str, *, now: datetime, window_cutoff: datetime) -> None:
        """Count one failure; a window that began before `window_cutoff` starts over."""
        now_param = bindparam("now_at", now, type_=UtcDateTime())
        stale = LoginThrottle.window_started_at < bindparam(
            "cutoff_at", window_cutoff, type_=UtcDateTime()
        )
        insert: Any = (
            postgresql.insert(LoginThrottle)
            if self.session.get_bind().dialect.name == "postgresql"
            else sqlite.insert(LoginThrottle)
        )
        statement = insert.values(key=key, failures=1, window_started_at=now).on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case((stale, 1), else_=LoginThrottle.failures + 1),
                "window_started_at": case(
                    (stale, now_param), else_=LoginThrottle.window_started_at
                ),
            },
        )
        self.session.execute(statement)

    def clear(self, key: str) -> None:
        self.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))

    def forget_before(self, before: datetime) -> int:
        result = self.session.execute(
            delete(LoginThrottle).where(LoginThrottle.window_started_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
