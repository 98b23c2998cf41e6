"""`fopymes tui` resolves who you are like every command, then hands that to the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fopymes_cli.main import app
from fopymes_cli.tui.app import FopymesApp
from tests.conftest import Databases
from tests.factories import PASSWORD, random_email


def _env(home: Path, url: str) -> dict[str, str]:
    return {
        "FOPYMES_HOME": str(home),
        "FOPYMES_DATABASE_URL": url,
        "FOPYMES_NO_KEYRING": "1",
        "FOPYMES_TOKEN": "",
        "FOPYMES_WORKSPACE": "",
        "FOPYMES_PROFILE": "",
    }


def test_without_a_session_it_refuses_before_starting(databases: Databases, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["tui"], env=_env(tmp_path, databases.url("sqlite")))
    assert result.exit_code == 1
    assert "you are not signed in" in result.stderr


def test_it_starts_the_app_with_the_signed_in_principal(
    databases: Databases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _env(tmp_path, databases.url("sqlite"))
    runner = CliRunner()
    init = [
        "init",
        "--email",
        random_email(),
        "--name",
        "T",
        "--password-stdin",
        "--currency",
        "EUR",
    ]
    created = runner.invoke(app, [*init, "--workspace", "Shop"], input=PASSWORD + "\n", env=env)
    assert created.exit_code == 0, created.stderr
    started: list[FopymesApp] = []

    def run(self: FopymesApp, *args: Any, **kwargs: Any) -> None:
        started.append(self)

    monkeypatch.setattr(FopymesApp, "run", run)
    result = runner.invoke(app, ["tui", "--light", "--poll", "0.5"], env=env)
    assert result.exit_code == 0, result.stderr
    (launched,) = started
    assert launched.theme == "textual-light"
    assert launched.poll_interval == 0.5
    with launched.ctx.uow(write=False) as uow:
        from fopymes_server.identity import service as identity

        assert identity.current_workspace(uow, launched.principal).name == "Shop"
