"""Where a signed-in session is kept: the system keyring, or a private file without one.

Keys are per profile and per database, so a token for the team's PostgreSQL is never sent
to a personal SQLite file. Headless machines (servers, containers, CI) have no keyring; there
the token goes to `credentials.json` under the config directory, readable only by the user,
and `login` says so, as gh does.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fopymes_server.core.private_files import make_private_dir

if TYPE_CHECKING:
    from fopymes_server.core.settings import Settings

KEYRING_SERVICE = "fopymes"


def credential_key(settings: Settings) -> str:
    url = settings.effective_database_url.encode()
    return f"{settings.profile}:{hashlib.sha256(url).hexdigest()[:16]}"


def _credentials_file(settings: Settings) -> Path:
    return settings.config_dir / "credentials.json"


def _state_file(settings: Settings) -> Path:
    return settings.config_dir / "state.json"


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_private_json(path: Path, data: dict[str, Any]) -> None:
    """Write atomically with mode 0600 from the first byte (no window where others can read)."""
    make_private_dir(path.parent)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    os.replace(temporary, path)


def _keyring_usable() -> bool:
    if os.environ.get("FOPYMES_NO_KEYRING"):
        return False
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    chained = getattr(backend, "backends", None)
    return not (chained is not None and not chained)


def save_token(settings: Settings, token: str) -> str:
    """Store the session token; returns where it went ("keyring" or the file path)."""
    key = credential_key(settings)
    if _keyring_usable():
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, key, token)
            _forget_file_token(settings, key)
            return "keyring"
        except KeyringError:
            pass
    path = _credentials_file(settings)
    data = _read_json(path)
    data[key] = token
    _write_private_json(path, data)
    return str(path)


def load_token(settings: Settings) -> str | None:
    """FOPYMES_TOKEN first, then this profile's stored session (file, then keyring)."""
    if settings.token:
        return settings.token
    key = credential_key(settings)
    stored = _read_json(_credentials_file(settings)).get(key)
    if isinstance(stored, str):
        return stored
    if _keyring_usable():
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, key)
        except KeyringError:
            return None
    return None


def clear_token(settings: Settings) -> None:
    key = credential_key(settings)
    _forget_file_token(settings, key)
    if _keyring_usable():
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(KEYRING_SERVICE, key)


def _forget_file_token(settings: Settings, key: str) -> None:
    path = _credentials_file(settings)
    data = _read_json(path)
    if key in data:
        del data[key]
        _write_private_json(path, data)


def saved_workspace(settings: Settings) -> str | None:
    """The workspace chosen with `workspace use` for this profile and database."""
    value = _read_json(_state_file(settings)).get(credential_key(settings), {}).get("workspace")
    return str(value) if value is not None else None


def save_workspace(settings: Settings, workspace_id: int) -> None:
    path = _state_file(settings)
    data = _read_json(path)
    data[credential_key(settings)] = {"workspace": workspace_id}
    _write_private_json(path, data)
