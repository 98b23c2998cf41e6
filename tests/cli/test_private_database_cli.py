"""The default SQLite database is private: 0700 directories, 0600 database files."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from typer.testing import CliRunner, Result

from fopymes_cli.main import app
from tests.factories import PASSWORD, random_email


def _run(home: Path, *args: str, input: str | None = None) -> Result:
    """`fopymes` with nothing configured but a home: the embedded database in it."""
    environment = {
        "FOPYMES_HOME": str(home),
        "FOPYMES_DATABASE_URL": "",
        "FOPYMES_NO_KEYRING": "1",
        "FOPYMES_TOKEN": "",
        "FOPYMES_WORKSPACE": "",
        "FOPYMES_PROFILE": "",
    }
    return CliRunner().invoke(app, list(args), input=input, env=environment)


def _init(home: Path) -> None:
    result = _run(
        home,
        "init",
        "--email",
        random_email(),
        "--name",
        "Tester",
        "--password-stdin",
        "--workspace",
        "Books",
        "--currency",
        "EUR",
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_installation_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "new" / "fopymes"
    _init(home)
    database = home / "fopymes.db"
    assert _mode(tmp_path / "new") == 0o700
    assert _mode(home) == 0o700
    assert _mode(database) == 0o600
    with sqlite3.connect(database) as held_open:  # keeps -wal/-shm while the CLI writes
        held_open.execute("PRAGMA journal_mode = WAL")
        held_open.execute("SELECT count(*) FROM users").fetchone()
        assert _run(home, "tx", "add", "5", "-c", "Groceries", "-D", "Bread").exit_code == 0
        companions = [home / "fopymes.db-wal", home / "fopymes.db-shm"]
        assert all(path.exists() for path in companions)
        assert [_mode(path) for path in companions] == [0o600, 0o600]


def test_an_existing_readable_installation_is_tightened_once_and_said_so(
    tmp_path: Path,
) -> None:
    home = tmp_path / "fopymes"
    _init(home)
    database = home / "fopymes.db"
    home.chmod(0o755)
    database.chmod(0o644)
    first = _run(home, "tx", "list")
    assert first.exit_code == 0, first.stderr
    notes = [line for line in first.stderr.splitlines() if "readable by you only" in line]
    assert len(notes) == 1
    assert str(database) in notes[0]
    assert (_mode(home), _mode(database)) == (0o700, 0o600)
    assert "readable by you only" not in _run(home, "tx", "list").stderr
