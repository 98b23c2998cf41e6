"""`fopymes mail` and the password reset commands against a real SMTP server on loopback."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.cli.conftest import Terminal
from tests.factories import PASSWORD
from tests.mail.server import SmtpServer, free_port, smtp

__all__ = ["smtp"]  # the loopback SMTP server fixture


def test_mail_test_sends_through_the_configured_server(me: Terminal, smtp: SmtpServer) -> None:
    result = me.ok("mail", "test", "boss@example.com", **smtp.env())
    assert f"through 127.0.0.1:{smtp.port}" in result.stderr
    [message] = smtp.inbox.to("boss@example.com")
    assert message["Subject"] == "fopymes test message"


def test_mail_test_reports_an_unreachable_server_and_keeps_the_message(me: Terminal) -> None:
    env = {
        "FOPYMES_SMTP_HOST": "127.0.0.1",
        "FOPYMES_SMTP_PORT": str(free_port()),
        "FOPYMES_SMTP_SECURITY": "none",
    }
    result = me("mail", "test", "boss@example.com", **env)
    assert result.exit_code == 1
    assert "cannot reach the SMTP server" in result.stderr
    listed = json.loads(me.ok("mail", "outbox", "-o", "json").stdout)
    assert [(m["to_address"], m["status"], m["attempts"]) for m in listed] == [
        ("boss@example.com", "pending", 1)
    ]
    assert me("mail", "test", "x@example.com").exit_code == 1  # no server configured


def test_only_owners_see_the_outbox(me: Terminal, make_terminal: Callable[..., Terminal]) -> None:
    colleague = make_terminal()
    me.ok("member", "add", colleague.email, "--role", "editor")
    workspace = json.loads(me.ok("whoami", "-o", "json").stdout)["workspace_id"]
    refused = colleague("--workspace", str(workspace), "mail", "outbox")
    assert refused.exit_code == 1
    assert "only an owner" in refused.stderr
    assert "No failed messages." in me.ok("mail", "outbox", "--failed").stderr
    assert me("mail", "retry").exit_code == 2


def test_a_forgotten_password_is_reset_with_the_e_mailed_token(
    me: Terminal, smtp: SmtpServer
) -> None:
    asked = me.ok("password", "reset-request", "--email", me.email)
    unknown = me.ok("password", "reset-request", "--email", "nobody@example.com")
    assert asked.stderr.replace(me.email, "X") == unknown.stderr.replace("nobody@example.com", "X")
    me.ok("jobs", "run-due", "--job", "deliver_outbox", **smtp.env())
    [message] = smtp.inbox.to(me.email)
    token = message.get_body(("plain",)).get_content().split("--token ")[1].split()[0]  # type: ignore[union-attr]
    me.ok("password", "reset", "--token", token, "--password-stdin", input="a fresh new secret\n")
    assert me("whoami").exit_code == 1  # the old session ended
    reused = me("password", "reset", "--token", token, "--password-stdin", input="again again!\n")
    assert reused.exit_code == 1
    assert "invalid, used or expired" in reused.stderr
    me.ok("login", "--email", me.email, "--password-stdin", input="a fresh new secret\n")
    assert (
        me("login", "--email", me.email, "--password-stdin", input=PASSWORD + "\n").exit_code == 1
    )
