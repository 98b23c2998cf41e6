"""Settings: environment (`FOPYMES_*`), then the TOML config file's profile, then defaults.

Nothing is read at import time; each entry point calls `load_settings()` once and hands the
result to `build_context()`. Precedence, highest first: explicit arguments (CLI flags such as
`--db`), environment variables, the selected profile in `config.toml`, built-in defaults.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from fopymes_server.core.errors import ValidationError

APP_NAME = "fopymes"


class Settings(BaseSettings):
    """Everything configurable about a fopymes process."""

    model_config = SettingsConfigDict(env_prefix="FOPYMES_", extra="ignore")

    home: Path | None = None
    """Put config and data under this directory instead of the per-OS locations."""

    profile: str = "default"
    """Which `[profiles.NAME]` table of config.toml to use."""

    database_url: str | None = None
    """SQLAlchemy URL (`postgresql+psycopg://...` or `sqlite:///...`); default: SQLite file."""

    token: str | None = Field(default=None, repr=False)
    """A personal access token that authenticates every command (for cron and servers)."""

    session_days: int = 30
    """How long a `fopymes login` session lasts."""

    workspace: str | None = None
    """Workspace (name or id) to act in, overriding the one chosen with `workspace use`."""

    # --- e-mail and the scheduler (issue 5) ---------------------------------------------
    smtp_host: str | None = None
    """SMTP server for notification, report and password-reset e-mail; unset: mail waits."""

    smtp_port: int = 587
    """SMTP port: 587 for STARTTLS, 465 for TLS, 25 for plain relays."""

    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    """`starttls` upgrades a plain connection, `tls` connects encrypted, `none` neither."""

    smtp_username: str | None = None
    """Log in as this user; the password comes from FOPYMES_SMTP_PASSWORD or the keyring."""

    smtp_password: SecretStr | None = Field(default=None, repr=False)
    """Only from the environment (FOPYMES_SMTP_PASSWORD); config.toml may not hold it."""

    smtp_sender: str = "fopymes <fopymes@localhost>"
    """The From address of every message (its domain also names the Message-IDs)."""

    smtp_timeout: float = 30.0
    """Seconds to wait for the SMTP server before an attempt counts as failed."""

    mail_max_attempts: int = Field(default=8, ge=1)
    """Delivery attempts before a message is dead-lettered (`fopymes mail outbox --failed`)."""

    mail_retry_seconds: int = Field(default=60, ge=1)
    """First retry delay; it doubles with each failure (capped at six hours)."""

    timezone: str | None = None
    """IANA zone (e.g. Europe/Madrid) whose calendar days schedules fall due on; default: the
    machine's zone. Set it on servers so jobs do not depend on where they run."""

    event_retention_days: int = Field(default=90, ge=1)
    """The scheduler prunes events older than this."""

    outbox_retention_days: int = Field(default=30, ge=1)
    """The scheduler prunes delivered e-mails older than this."""

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(days=self.session_days)

    @property
    def config_dir(self) -> Path:
        if self.home is not None:
            return self.home
        return Path(platformdirs.user_config_dir(APP_NAME))

    @property
    def data_dir(self) -> Path:
        if self.home is not None:
            return self.home
        return Path(platformdirs.user_data_dir(APP_NAME))

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'fopymes.db'}"


def _read_profile(config_file: Path, profile: str) -> dict[str, Any]:
    if not config_file.exists():
        return {}
    try:
        document = tomllib.loads(config_file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(str(config_file), f"is not valid TOML ({exc})") from None
    profiles = document.get("profiles", {})
    if profile not in profiles:
        if profile == "default":
            return {}
        known = ", ".join(sorted(profiles)) or "none"
        raise ValidationError("profile", f"'{profile}' is not in {config_file} (known: {known})")
    values = profiles[profile]
    if not isinstance(values, dict):
        raise ValidationError(str(config_file), f"[profiles.{profile}] must be a table")
    if "smtp_password" in values:
        raise ValidationError(
            "smtp_password",
            f"must not be written in clear in {config_file}",
            hint="remove it; use FOPYMES_SMTP_PASSWORD or 'fopymes mail password'",
        )
    return values


def load_settings(**overrides: Any) -> Settings:
    """Build Settings from overrides, environment and the config file's profile.

    `overrides` with value None are ignored, so CLI flags that were not given fall through
    to the environment and the file.
    """
    given = {key: value for key, value in overrides.items() if value is not None}
    from_env = Settings(**given)
    profile_values = _read_profile(from_env.config_file, from_env.profile)
    env_and_flags = from_env.model_dump(exclude_unset=True)
    merged = {**profile_values, **env_and_flags}
    return Settings(**merged)
