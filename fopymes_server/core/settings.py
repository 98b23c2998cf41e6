"""Settings: environment (`FOPYMES_*`), then the TOML config file's profile, then defaults.

Nothing is read at import time; each entry point calls `load_settings()` once and hands the
result to `build_context()`. Precedence, highest first: explicit arguments (CLI flags such as
`--db`), environment variables, the selected profile in `config.toml`, built-in defaults.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field
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
