"""`fopymes init` as a newcomer meets it: answers checked as typed, at a terminal whose
stderr is piped to a log, defaults without one, and nothing left behind when it fails."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner, Result

from fopymes_cli.main import app
from tests.cli.terminal_session import PipedStderrSession
from tests.factories import PASSWORD, random_email


def _environment(home: Path) -> dict[str, str]:
    return {
        "FOPYMES_HOME": str(home),
        "FOPYMES_DATABASE_URL": "",
        "FOPYMES_NO_KEYRING": "1",
        "FOPYMES_TOKEN": "",
        "FOPYMES_WORKSPACE": "",
        "FOPYMES_PROFILE": "",
    }


def _run(home: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input, env=_environment(home))


def test_init_at_a_terminal_with_stderr_piped_checks_each_answer_as_typed(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    email = random_email()
    session = PipedStderrSession(_environment(home), "init")
    session.answer("E-mail: ", "not an e-mail")
    session.expect("is not an e-mail address; try again")
    session.answer("E-mail: ", email)
    session.answer(f"Name [{email.split('@')[0]}]: ", "")
    session.answer("Password (at least 10 characters): ", "short")
    session.expect("password: must be at least 10 characters; try again")
    with sqlite3.connect(home / "fopymes.db") as early:  # nothing made before all answers
        assert early.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    session.answer("Password (at least 10 characters): ", PASSWORD)
    session.answer("Password (again): ", PASSWORD)
    session.answer("Workspace name [Personal]: ", "  ")
    session.answer("Currency [EUR]: ", "XYZ")
    session.expect("'XYZ' is not an ISO 4217 currency code; try again")
    session.answer("Currency [EUR]: ", "usd")
    assert session.finish() == 0, session.log
    assert "workspace 'Personal' (USD) is ready" in session.log
    listed = _run(home, "workspace", "list", "-o", "json")
    assert listed.exit_code == 0, listed.stderr
    assert "Personal" in listed.stdout


def test_without_a_terminal_left_out_flags_take_the_prompts_defaults(tmp_path: Path) -> None:
    email = random_email()
    result = _run(
        tmp_path / "home", "init", "--email", email, "--password-stdin", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "workspace 'Personal' (EUR) is ready" in result.stderr
    me = _run(tmp_path / "home", "whoami")
    assert email.split("@")[0] in me.stdout + me.stderr


def test_a_failed_init_leaves_no_database_and_no_directories_behind(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    no_password = _run(home, "init", "--email", random_email())
    assert no_password.exit_code == 2
    assert "password: is required (pass --password-stdin)" in no_password.stderr
    weak = _run(home, "init", "--email", random_email(), "--password-stdin", input="short\n")
    assert weak.exit_code == 2
    assert "password: must be at least 10 characters" in weak.stderr
    bad_currency = _run(
        home,
        "init",
        "--email",
        random_email(),
        "--currency",
        "XYZ",
        "--password-stdin",
        input=PASSWORD + "\n",
    )
    assert bad_currency.exit_code == 2
    assert list(tmp_path.iterdir()) == []
