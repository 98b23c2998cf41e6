"""Throttling of failed logins per account and per client address, shared through the database.

Counters live in a table rather than in process memory, so several server instances behind
a load balancer throttle together and a restart forgets nothing. Callers check before they
verify a password and record a failure after, so a blocked key costs no argon2 work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from fopymes_server.core.errors import RuleViolationError
from fopymes_server.core.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """How many failures a key may have inside one window before it is refused."""

    account_failures: int = 5
    address_failures: int = 50
    window: timedelta = timedelta(minutes=15)


class ThrottledError(RuleViolationError):
    """Too many failed logins; `retry_after` seconds until the window ends."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, hint=f"try again in {retry_after} seconds")
        self.retry_after = retry_after


def _keys(email: str, address: str | None) -> dict[str, str]:
    keys = {"account": f"account:{email.strip().lower()}"[:400]}
    if address:
        keys["address"] = f"ip:{address}"[:400]
    return keys


def check(uow: UnitOfWork, *, email: str, address: str | None, policy: ThrottlePolicy) -> None:
    """Raise ThrottledError while the account or the address has used up its failures."""
    now = uow.clock.now()
    keys = _keys(email, address)
    windows = uow.throttle.windows(list(keys.values()))
    limits = {"account": policy.account_failures, "address": policy.address_failures}
    for scope, key in keys.items():
        if key not in windows:
            continue
        failures, started = windows[key]
        ends = started + policy.window
        if failures >= limits[scope] and ends > now:
            wait = max(1, math.ceil((ends - now).total_seconds()))
            raise ThrottledError(f"too many failed logins for this {scope}", retry_after=wait)


def record_failure(
    uow: UnitOfWork, *, email: str, address: str | None, policy: ThrottlePolicy
) -> None:
    """Count a failed login against the account and the address (the caller commits)."""
    now = uow.clock.now()
    for key in _keys(email, address).values():
        uow.throttle.add_failure(key, now=now, window_cutoff=now - policy.window)


def clear_account(uow: UnitOfWork, *, email: str) -> None:
    """A successful login forgives the account's failures (not the address's)."""
    uow.throttle.clear(_keys(email, None)["account"])


def forget_expired(uow: UnitOfWork, policy: ThrottlePolicy) -> int:
    """Delete counters whose window has ended; returns how many."""
    removed = uow.throttle.forget_before(uow.clock.now() - policy.window)
    uow.commit()
    return removed
