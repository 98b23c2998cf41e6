"""The one exception family every layer raises and every front end translates.

Services raise these; how they are shown (exit code, HTTP status, toast) is decided by each
front end (`fopymes_cli/errors.py`, later the API's problem mapper), never here.
"""

from __future__ import annotations


class FopymesError(Exception):
    """Base of every error fopymes reports to a user on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ValidationError(FopymesError):
    """Input broke a rule of form: a field and the rule it broke."""

    def __init__(self, field: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{field}: {message}", hint=hint)
        self.field = field
        self.rule = message


class NotFoundError(FopymesError):
    """The thing does not exist, or the principal may not know it exists.

    Both cases give the same error so that ids of other workspaces reveal nothing.
    """


class UnknownReferenceError(NotFoundError):
    """An id or name given in the input (a category, a payment method, a contact) names
    nothing in the workspace, while what the request itself is about exists.

    Still a NotFoundError, so the CLI says and exits the same; the API answers 422 naming
    `field` (the input field, e.g. `category`), because the request's own URL is fine.
    """

    def __init__(self, field: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class PermissionDeniedError(FopymesError):
    """The principal is known but its role does not allow the operation."""


class AuthenticationError(FopymesError):
    """No valid credentials: wrong password, missing, expired, tampered or revoked token."""


class RuleViolationError(FopymesError):
    """Well-formed input that a business rule refuses (e.g. removing the last owner)."""


class ConflictError(FopymesError):
    """The change collides with existing data (a duplicate name, an e-mail in use)."""


class SchemaMismatchError(FopymesError):
    """The database schema is older or newer than this version of fopymes knows."""


class DatabaseUnavailableError(FopymesError):
    """The database cannot be reached or opened."""


class ExternalServiceError(FopymesError):
    """Something outside fopymes (SMTP, keyring) failed."""
