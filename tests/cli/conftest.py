"""CLI fixtures: run `fopymes` in-process as a person with their own home directory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from fopymes_cli.main import app
from tests.factories import PASSWORD, random_email


@dataclass
class Terminal:
    """One person's shell: their FOPYMES_HOME, the shared database, their signed-in session."""

    home: Path
    database_url: str
    email: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)

    def __call__(self, *args: str, input: str | None = None, **env: str) -> Result:
        environment = {
            "FOPYMES_HOME": str(self.home),
            "FOPYMES_DATABASE_URL": self.database_url,
            "FOPYMES_NO_KEYRING": "1",
            "FOPYMES_TOKEN": "",
            "FOPYMES_WORKSPACE": "",
            "FOPYMES_PROFILE": "",
            "COLUMNS": "200",
            **self.extra_env,
            **env,
        }
        return CliRunner().invoke(app, list(args), input=input, env=environment)

    def ok(self, *args: str, input: str | None = None, **env: str) -> Result:
        """Run and insist on success, showing stderr when it fails."""
        result = self(*args, input=input, **env)
        assert result.exit_code == 0, f"{args} -> {result.exit_code}\n{result.stderr}"
        return result


@pytest.fixture
def make_terminal(tmp_path: Path, database_url: str) -> Callable[..., Terminal]:
    counter = iter(range(1000))

    def make(*, signed_up: bool = True, currency: str = "EUR") -> Terminal:
        terminal = Terminal(home=tmp_path / f"person{next(counter)}", database_url=database_url)
        if signed_up:
            terminal.email = random_email()
            terminal.ok(
                "init",
                "--email",
                terminal.email,
                "--name",
                "Tester",
                "--password-stdin",
                "--workspace",
                "Books",
                "--currency",
                currency,
                input=PASSWORD + "\n",
            )
        return terminal

    return make


@pytest.fixture
def me(make_terminal: Callable[..., Terminal]) -> Terminal:
    return make_terminal()
