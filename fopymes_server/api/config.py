"""Settings of the headless server, beside the shared ones (`core.settings.Settings`).

The database, profile and home come from the same `load_settings()` as the CLI; these are
only what a server adds. `fopymes server` flags override them; environment variables
(`FOPYMES_API_*`) reach every uvicorn worker process, which builds its own copy.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from fopymes_server.identity.refresh import Lifetimes
from fopymes_server.identity.throttle import ThrottlePolicy


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FOPYMES_API_", extra="ignore", frozen=True)

    allow_signup: bool = False
    """Open registration (POST /api/v1/auth/signup); off: owners add people as members."""

    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    """Browser origins allowed to call the API (comma-separated in the environment); none."""

    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    """Lifetime of access tokens; refresh tokens last FOPYMES_SESSION_DAYS."""

    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    """Largest request body (and so largest upload) accepted; larger ones get 413."""

    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=50, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    """Failed logins allowed per account / per client address inside this window."""

    concurrent_requests: int = Field(default=12, ge=1, le=16)
    """Database requests one process serves at once; more wait their turn. Keep it at most
    `core.database.POOL_SIZE` (16 kept open) so every admitted request gets a connection."""

    heartbeat_seconds: float = Field(default=20.0, gt=0)
    """WebSocket heartbeat; each one re-checks the connection's token and membership."""

    poll_seconds: float = Field(default=0.5, gt=0)
    """How often SQLite (which cannot push) is polled for new events."""

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @property
    def access_lifetime(self) -> timedelta:
        """What access tokens get here; a bearer JWT claiming a longer life is refused."""
        return timedelta(minutes=self.access_token_minutes)

    def lifetimes(self, session_lifetime: timedelta) -> Lifetimes:
        return Lifetimes(access=self.access_lifetime, refresh=session_lifetime)

    @property
    def throttle_policy(self) -> ThrottlePolicy:
        return ThrottlePolicy(
            account_failures=self.login_failures_per_account,
            address_failures=self.login_failures_per_address,
            window=timedelta(minutes=self.login_window_minutes),
        )
