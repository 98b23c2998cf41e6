"""init, login, sessions, tokens, workspaces and members from the command line."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable

from tests.cli.conftest import Terminal
from tests.cli.terminal_session import PipedStderrSession
from tests.factories import PASSWORD, random_email

MakeTerminal = Callable[..., Terminal]


def test_init_without_flags_and_without_a_terminal_asks_for_the_flag(
    make_terminal: MakeTerminal,
) -> None:
    fresh = make_terminal(signed_up=False)
    result = fresh("init", input="")
    assert result.exit_code == 2
    assert "--email" in result.stderr
    assert result.stdout == ""


def test_init_on_a_shared_database_adds_a_second_person_with_their_own_workspace(
    make_terminal: MakeTerminal,
) -> None:
    alice = make_terminal()
    alice.ok("tx", "add", "5", "-c", "Groceries", "-D", "Alice's bread")
    bob = make_terminal(signed_up=False)
    bob.email = random_email()
    joined = bob.ok(
        "init",
        "--email",
        bob.email,
        "--name",
        "Bob",
        "--password-stdin",
        "--workspace",
        "Bob's",
        "--currency",
        "EUR",
        input=PASSWORD + "\n",
    )
    assert "Using the existing fopymes database" in joined.stderr
    assert json.loads(bob.ok("tx", "list", "-o", "json").stdout) == []
    assert len(json.loads(alice.ok("tx", "list", "-o", "json").stdout)) == 1
    assert json.loads(bob.ok("whoami", "-o", "json").stdout)["email"] == bob.email


def test_without_a_keyring_the_session_goes_to_a_private_file(make_terminal: MakeTerminal) -> None:
    me = make_terminal(signed_up=False)
    email = random_email()
    result = me.ok(
        "init",
        "--email",
        email,
        "--name",
        "Me",
        "--password-stdin",
        "--workspace",
        "W",
        "--currency",
        "EUR",
        input=PASSWORD + "\n",
    )
    assert "No system keyring found" in result.stderr
    credentials = me.home / "credentials.json"
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600
    assert PASSWORD not in credentials.read_text()
    me.ok("logout")
    refused = me("tx", "list")
    assert refused.exit_code == 1
    assert "not signed in" in refused.stderr
    me.ok("login", "--email", email.upper(), "--password-stdin", input=PASSWORD + "\n")
    me.ok("tx", "list")


def test_a_wrong_password_is_refused_with_exit_code_1(me: Terminal) -> None:
    result = me("login", "--email", me.email, "--password-stdin", input="wrong password\n")
    assert result.exit_code == 1
    assert "wrong e-mail or password" in result.stderr
    assert result.stdout == ""


def test_a_personal_token_authenticates_any_command_until_revoked(
    me: Terminal, make_terminal: MakeTerminal
) -> None:
    secret = me.ok("token", "create", "--name", "cron", "--expires", "30").stdout.strip()
    assert secret.startswith("fop_")
    me.ok("tx", "add", "9", "-c", "Groceries", "-D", "x")
    headless = make_terminal(signed_up=False)
    assert (
        len(json.loads(headless.ok("tx", "list", "-o", "json", FOPYMES_TOKEN=secret).stdout)) == 1
    )
    tokens = json.loads(me.ok("token", "list", "-o", "json").stdout)
    assert secret not in json.dumps(tokens)
    me.ok("token", "revoke", str(tokens[0]["id"]))
    refused = headless("tx", "list", FOPYMES_TOKEN=secret)
    assert refused.exit_code == 1
    assert "revoked" in refused.stderr


def test_a_tampered_token_is_refused(make_terminal: MakeTerminal) -> None:
    stranger = make_terminal(signed_up=False)
    result = stranger("tx", "list", FOPYMES_TOKEN="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x")
    assert result.exit_code == 1
    assert "invalid" in result.stderr


def test_password_change_signs_out_other_sessions_but_keeps_this_one(
    me: Terminal, make_terminal: MakeTerminal
) -> None:
    laptop = make_terminal(signed_up=False)
    laptop.ok("login", "--email", me.email, "--password-stdin", input=PASSWORD + "\n")
    me.ok("password", "change", "--password-stdin", input=f"{PASSWORD}\nan even better secret\n")
    me.ok("tx", "list")
    refused = laptop("tx", "list")
    assert refused.exit_code == 1
    assert "login" in refused.stderr


def test_workspaces_can_be_created_listed_and_switched(me: Terminal) -> None:
    me.ok("workspace", "create", "Shop", "--currency", "USD")
    listed = json.loads(me.ok("workspace", "list", "-o", "json").stdout)
    assert [w["name"] for w in listed] == ["Books", "Shop"]
    assert json.loads(me.ok("whoami", "-o", "json").stdout)["workspace"] == "Shop"
    assert "* " in me.ok("workspace", "list").stdout
    assert (
        json.loads(me.ok("tx", "add", "3", "-c", "Groceries", "-D", "x", "-o", "json").stdout)[
            "currency"
        ]
        == "USD"
    )
    me.ok("workspace", "use", "books")
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []
    assert len(json.loads(me.ok("--workspace", "Shop", "tx", "list", "-o", "json").stdout)) == 1


def test_members_with_roles_viewer_reads_but_cannot_write(
    me: Terminal, make_terminal: MakeTerminal
) -> None:
    viewer_email = random_email()
    added = me.ok("member", "add", viewer_email, "--role", "viewer")
    first_password = added.stdout.strip()
    me.ok("tx", "add", "5", "-c", "Groceries", "-D", "shared")
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", viewer_email, "--password-stdin", input=first_password + "\n")
    assert len(json.loads(viewer.ok("tx", "list", "-o", "json").stdout)) == 1
    refused = viewer("tx", "add", "1", "-c", "Groceries", "-D", "nope")
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    roles = {
        m["email"]: m["role"] for m in json.loads(me.ok("member", "list", "-o", "json").stdout)
    }
    assert roles == {me.email: "owner", viewer_email: "viewer"}
    me.ok("member", "role", viewer_email, "editor")
    viewer.ok("tx", "add", "1", "-c", "Groceries", "-D", "now I can")
    assert viewer("member", "add", random_email()).exit_code == 1
    me.ok("member", "remove", viewer_email, "--yes")
    gone = viewer("tx", "list")
    assert gone.exit_code == 1


def test_the_last_owner_cannot_be_removed(me: Terminal) -> None:
    result = me("member", "remove", me.email, "--yes")
    assert result.exit_code == 1
    assert "at least one owner" in result.stderr


def test_member_remove_asks_first_and_needs_yes_without_a_terminal(
    me: Terminal, make_terminal: MakeTerminal
) -> None:
    email = random_email()
    me.ok("member", "add", email, "--role", "viewer")
    unattended = me("member", "remove", email)
    assert unattended.exit_code == 2
    assert "pass --yes" in unattended.stderr
    emails = [m["email"] for m in json.loads(me.ok("member", "list", "-o", "json").stdout)]
    assert email in emails
    me.ok("member", "remove", email, "-y")
    emails = [m["email"] for m in json.loads(me.ok("member", "list", "-o", "json").stdout)]
    assert email not in emails


def test_member_remove_at_a_terminal_removes_only_after_a_yes(me: Terminal) -> None:
    email = random_email()
    me.ok("member", "add", email, "--role", "viewer")
    environment = {
        "FOPYMES_HOME": str(me.home),
        "FOPYMES_DATABASE_URL": me.database_url,
        "FOPYMES_NO_KEYRING": "1",
        "FOPYMES_TOKEN": "",
        "FOPYMES_WORKSPACE": "",
        "FOPYMES_PROFILE": "",
    }
    question = f"Remove {email} from the workspace 'Books'? "
    declined = PipedStderrSession(environment, "member", "remove", email)
    declined.answer(question, "n")
    assert declined.finish() == 1
    assert "Nobody removed." in declined.log
    assert email in me.ok("member", "list", "-o", "json").stdout
    accepted = PipedStderrSession(environment, "member", "remove", email)
    accepted.answer(question, "y")
    assert accepted.finish() == 0, accepted.log
    assert email not in me.ok("member", "list", "-o", "json").stdout
