"""Where the SMTP password comes from: the environment, else the system keyring.

Never from config.toml (settings refuse it there) and never into a log or a message. The
keyring entry is written by `fopymes mail password`, keyed by user and host so that two
SMTP accounts on one machine do not overwrite each other.
"""

from __future__ import annotations

import os

from fopymes_server.core.errors import ExternalServiceError, ValidationError
from fopymes_server.core.settings import Settings

KEYRING_SERVICE = "fopymes-smtp"


def _keyring_key(settings: Settings) -> str:
    if not settings.smtp_username or not settings.smtp_host:
        raise ValidationError(
            "smtp_username", "set FOPYMES_SMTP_HOST and FOPYMES_SMTP_USERNAME first"
        )
    return f"{settings.smtp_username}@{settings.smtp_host}"


def _keyring_allowed() -> bool:
    return not os.environ.get("FOPYMES_NO_KEYRING")


def smtp_password(settings: Settings) -> str | None:
    """The password to log in with, or None (then the sender does not log in)."""
    if settings.smtp_password is not None:
        return settings.smtp_password.get_secret_value()
    if not settings.smtp_username or not settings.smtp_host or not _keyring_allowed():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_key(settings))
    except KeyringError:
        return None


def store_smtp_password(settings: Settings, password: str) -> None:
    """Keep the SMTP password in the system keyring.

    Raises ExternalServiceError when there is no usable keyring (headless machines): use
    FOPYMES_SMTP_PASSWORD there instead.
    """
    key = _keyring_key(settings)
    if not _keyring_allowed():
        raise ExternalServiceError(
            "the keyring is switched off (FOPYMES_NO_KEYRING)",
            hint="set FOPYMES_SMTP_PASSWORD in the scheduler's environment instead",
        )
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, key, password)
    except KeyringError as exc:
        raise ExternalServiceError(
            f"no usable system keyring ({exc})",
            hint="set FOPYMES_SMTP_PASSWORD in the scheduler's environment instead",
        ) from None
