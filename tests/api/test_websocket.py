"""Live events over a real uvicorn: scoped to one workspace, across server instances.

Writes here go through the service layer or the CLI (`fopymes tx add`), never through
the server under test, so delivery has to come from the events table and (on
PostgreSQL) LISTEN/NOTIFY, exactly as a colleague's CLI write reaches a dashboard.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from fopymes_cli.main import app as cli_app
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from fopymes_server.identity import service as identity
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.schemas import NotificationDraft
from fopymes_server.scheduled import materialise
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import TransactionUpdate
from tests.api.conftest import Caller, LiveServer, free_port, make_member, wait_until_healthy
from tests.factories import contribute, make_goal, make_schedule, record

ROOT = Path(__file__).resolve().parents[2]


def _next(
    ws: ClientConnection, wanted: str, timeout: float = 10.0, skipping: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The next message of type `wanted`, skipping heartbeats, pongs and `skipping`."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no {wanted} within {timeout}s")
        message = json.loads(ws.recv(timeout=left))
        if message["type"] == wanted:
            return message
        assert message["type"] in ("heartbeat", "pong", "welcome", *skipping), message


def _no_event(ws: ClientConnection, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = json.loads(ws.recv(timeout=left))
        except TimeoutError:
            return
        assert message["type"] in ("heartbeat", "pong"), f"unexpected {message}"


@contextmanager
def _open(url: str, caller: Caller) -> Iterator[ClientConnection]:
    with connect(f"{url}?token={caller.token}", open_timeout=10) as ws:
        welcome = _next(ws, "welcome")
        assert welcome["workspace_id"] == caller.person.principal.workspace_id
        yield ws


def _close_code(ws: ClientConnection, timeout: float = 10.0) -> int | None:
    """Read until the server closes; the close code it sent."""
    try:
        while True:
            ws.recv(timeout=timeout)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def test_a_client_receives_its_workspaces_changes_and_nobody_elses(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    from tests.api.conftest import make_owner

    server = live_server()
    stranger = make_owner(ctx)
    with _open(server.ws_url, owner) as mine, _open(server.ws_url, stranger) as theirs:
        tx = record(ctx, owner.person.principal)
        created = _next(mine, "transaction.created")
        assert (created["entity_id"], created["version"]) == (tx.id, 1)
        with ctx.uow() as uow:
            transactions.edit(
                uow, owner.person.principal, tx.id, changes=TransactionUpdate(note="n")
            )
        updated = _next(mine, "transaction.updated")
        assert (updated["entity_id"], updated["version"]) == (tx.id, 2)
        _no_event(theirs, 1.5)


WORKSPACE_CHANGES = (
    "goal.created",
    "goal.contributed",
    "transaction.created",
    "schedule.created",
    "schedule.due",
)


def test_feature_events_arrive_and_a_notification_reaches_only_its_user(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    server = live_server()
    editor = make_member(ctx, owner, Role.EDITOR)
    books = owner.person.principal
    with _open(server.ws_url, owner) as mine, _open(server.ws_url, editor) as theirs:
        goal = make_goal(ctx, books, "Bike", "1000.00")
        contribute(ctx, books, "Bike", "300.00")
        for ws in (mine, theirs):
            milestone = _next(ws, "goal.milestone", skipping=WORKSPACE_CHANGES)
            assert milestone["entity_id"] == goal.id
        with ctx.uow() as uow:
            notifications.notify(
                uow,
                books,
                recipients=[books.user_id],
                draft=NotificationDraft(
                    type="summary.monthly", title="October", body="-", dedupe_key="ws-test"
                ),
            )
            uow.commit()
        assert _next(mine, "notification.created", skipping=WORKSPACE_CHANGES)["entity_id"]
        schedule = make_schedule(ctx, books, start=ctx.clock.today().isoformat(), count=1)
        with ctx.uow() as uow:
            materialise.materialise_due(uow, today=ctx.clock.today())
        for ws in (mine, theirs):
            # The editor's next message after the milestone is the schedule's, not the
            # owner's notification: _next fails on any other type in between.
            posted = _next(ws, "schedule.posted", skipping=WORKSPACE_CHANGES)
            assert posted["entity_id"] == schedule.id


def test_a_first_message_can_authenticate_and_a_bad_token_is_closed_4401(
    owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    server = live_server()
    with connect(server.ws_url, open_timeout=10) as ws:
        ws.send(json.dumps({"type": "auth", "token": owner.token}))
        assert _next(ws, "welcome")["user_id"] == owner.person.principal.user_id
        ws.send(json.dumps({"type": "ping"}))
        _next(ws, "pong")
    with connect(f"{server.ws_url}?token=fop_not-a-token", open_timeout=10) as ws:
        assert _next(ws, "error")["detail"]
        assert _close_code(ws) == 4401


def test_a_revoked_token_or_a_removed_member_is_disconnected_at_the_next_heartbeat(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    server = live_server(heartbeat_seconds=0.3)
    editor = make_member(ctx, owner, Role.EDITOR)
    with _open(server.ws_url, owner) as revoked, _open(server.ws_url, editor) as removed:
        with ctx.uow() as uow:
            token_id = identity.tokens(uow, owner.person.principal.user_id)[0].id
            identity.revoke_token(uow, owner.person.principal.user_id, token_id)
        with ctx.uow() as uow:
            identity.remove_member(uow, owner.person.principal, email=editor.person.email)
        assert _close_code(revoked) == 4401
        assert _close_code(removed) in (4401, 4403)


def test_a_revoked_token_or_a_removed_member_is_dropped_at_once_not_at_the_heartbeat(
    ctx: AppContext, owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    server = live_server(heartbeat_seconds=600)
    editor = make_member(ctx, owner, Role.EDITOR)
    viewer = make_member(ctx, owner, Role.VIEWER)
    with (
        _open(server.ws_url, owner) as revoked,
        _open(server.ws_url, editor) as removed,
        _open(server.ws_url, viewer) as bystander,
    ):
        with ctx.uow() as uow:
            token_id = identity.tokens(uow, owner.person.principal.user_id)[0].id
            identity.revoke_token(uow, owner.person.principal.user_id, token_id)
        assert _close_code(revoked, timeout=20) == 4401
        with ctx.uow() as uow:
            identity.remove_member(uow, owner.person.principal, email=editor.person.email)
        assert _close_code(removed, timeout=20) in (4401, 4403)
        record(ctx, owner.person.principal)  # the others stay connected and are told of it
        assert _next(bystander, "transaction.created")


def test_logging_out_drops_the_sockets_of_that_sign_in_at_once(
    owner: Caller, live_server: Callable[..., LiveServer]
) -> None:
    import httpx2

    server = live_server(heartbeat_seconds=600)
    credentials = {"email": owner.person.email, "password": owner.person.password}
    pair = httpx2.post(f"{server.url}/api/v1/auth/login", json=credentials).json()
    with connect(server.ws_url, open_timeout=10) as ws:
        ws.send(json.dumps({"type": "auth", "token": pair["access_token"]}))
        _next(ws, "welcome")
        out = httpx2.post(
            f"{server.url}/api/v1/auth/logout", json={"refresh_token": pair["refresh_token"]}
        )
        assert out.status_code == 204
        assert _close_code(ws, timeout=20) == 4401


@pytest.fixture
def instances(database_url: str, tmp_path: Path) -> Iterator[list[str]]:
    """Two `fopymes server` processes on one database (PostgreSQL only)."""
    processes: list[subprocess.Popen[bytes]] = []
    urls = []
    env = {
        **os.environ,
        "FOPYMES_DATABASE_URL": database_url,
        "FOPYMES_HOME": str(tmp_path),
        # Far longer than any test waits: whatever closes a socket here is not a heartbeat.
        "FOPYMES_API_HEARTBEAT_SECONDS": "600",
    }
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from fopymes_cli.main import run; run()",
                    "server",
                    "--port",
                    str(port),
                    "--log-level",
                    "warning",
                ],
                env=env,
                cwd=ROOT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_healthy(url, timeout=60)
        yield urls
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            assert process.wait(timeout=30) == 0  # stopped gracefully


def test_a_cli_write_reaches_clients_of_every_instance_and_no_other_workspace(
    ctx: AppContext, backend: str, database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend != "postgresql":
        pytest.skip("several instances share one PostgreSQL; SQLite serves one process")
    from tests.api.conftest import make_owner

    owner = make_owner(ctx)
    stranger = make_owner(ctx)
    first, second = (
        url.replace("http", "ws") + "/api/v1/ws" for url in request.getfixturevalue("instances")
    )
    with _open(first, owner) as a, _open(second, owner) as b, _open(second, stranger) as other:
        result = CliRunner().invoke(
            cli_app,
            ["tx", "add", "12.34", "--description", "From the CLI", "--category", "Groceries"],
            env={
                "FOPYMES_DATABASE_URL": database_url,
                "FOPYMES_HOME": str(tmp_path / "cli"),
                "FOPYMES_TOKEN": owner.token,
                "FOPYMES_NO_KEYRING": "1",
            },
        )
        assert result.exit_code == 0, result.stderr
        new_id = int(result.stdout.strip())
        for ws in (a, b):
            event = _next(ws, "transaction.created")
            assert (event["entity_id"], event["version"]) == (new_id, 1)
        _no_event(other, 1.5)


def test_a_removed_member_is_dropped_at_once_on_every_instance(
    ctx: AppContext, backend: str, request: pytest.FixtureRequest
) -> None:
    if backend != "postgresql":
        pytest.skip("several instances share one PostgreSQL; SQLite serves one process")
    from tests.api.conftest import make_owner

    owner = make_owner(ctx)
    editor = make_member(ctx, owner, Role.EDITOR)
    first, second = (
        url.replace("http", "ws") + "/api/v1/ws" for url in request.getfixturevalue("instances")
    )
    with _open(first, editor) as a, _open(second, editor) as b, _open(second, owner) as stays:
        with ctx.uow() as uow:
            identity.remove_member(uow, owner.person.principal, email=editor.person.email)
        for ws in (a, b):
            assert _close_code(ws, timeout=20) in (4401, 4403)
        stays.send(json.dumps({"type": "ping"}))
        _next(stays, "pong")
