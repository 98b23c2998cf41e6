"""Where a system keyring exists, sessions go there and never touch the credentials file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from tests.cli.conftest import Terminal
from tests.factories import PASSWORD


class InMemoryKeyring(KeyringBackend):
    """A complete keyring backend kept in memory, standing in for the desktop's."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def system_keyring() -> Iterator[InMemoryKeyring]:
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_login_keeps_the_session_in_the_keyring_and_logout_removes_it(
    make_terminal: Callable[..., Terminal], system_keyring: InMemoryKeyring
) -> None:
    me = make_terminal()
    me.extra_env["FOPYMES_NO_KEYRING"] = ""
    result = me.ok("login", "--email", me.email, "--password-stdin", input=PASSWORD + "\n")
    assert "No system keyring" not in result.stderr
    stored = list(system_keyring.secrets.values())
    assert len(stored) == 1
    credentials = me.home / "credentials.json"
    assert stored[0] not in (credentials.read_text() if credentials.exists() else "")
    assert json.loads(me.ok("whoami", "-o", "json").stdout)["email"] == me.email
    me.ok("logout")
    assert system_keyring.secrets == {}
    assert me("tx", "list").exit_code == 1
