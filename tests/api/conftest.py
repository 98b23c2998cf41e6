"""API fixtures: the app over the test database, callers with tokens, a live uvicorn.

REST tests use Starlette's TestClient on both databases (the `ctx` fixture is
parametrised). WebSocket and concurrency tests need a real server: `live_server` runs
uvicorn on a free loopback port in a thread of this process, with its own context.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn
from fastapi.testclient import TestClient

from fopymes_server.api.app import create_app
from fopymes_server.api.config import ApiSettings
from fopymes_server.core.context import AppContext, build_context
from fopymes_server.core.principal import Role
from fopymes_server.core.settings import Settings
from fopymes_server.identity import service as identity
from tests.factories import Person, add_member, new_owner

API = "/api/v1"


@dataclass
class Caller:
    """A person and a bearer token of theirs."""

    person: Person
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def workspace(self) -> str:
        return f"{API}/workspaces/{self.person.principal.workspace_id}"


def personal_token(ctx: AppContext, person: Person) -> str:
    with ctx.uow() as uow:
        return identity.create_token(
            uow, person.principal.user_id, name="api test", expires_in_days=None
        ).secret


def make_owner(ctx: AppContext) -> Caller:
    person = new_owner(ctx)
    return Caller(person, personal_token(ctx, person))


def make_member(ctx: AppContext, owner: Caller, role: Role) -> Caller:
    person = add_member(ctx, owner.person, role)
    return Caller(person, personal_token(ctx, person))


def api_options(**changes: Any) -> ApiSettings:
    defaults: dict[str, Any] = {"heartbeat_seconds": 0.5, "poll_seconds": 0.1}
    return ApiSettings(**{**defaults, **changes})


@pytest.fixture
def client(ctx: AppContext) -> Iterator[TestClient]:
    """A client with an address of its own, so login throttling never leaks across tests."""
    app = create_app(ctx, api_options())
    with TestClient(app, client=(f"test-{uuid.uuid4().hex[:10]}", 50000)) as test_client:
        yield test_client


@pytest.fixture
def owner(ctx: AppContext) -> Caller:
    return make_owner(ctx)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving create_app(ctx) on 127.0.0.1 in a thread, until `stop()`."""

    def __init__(self, database_url: str, home: Path, **options: Any) -> None:
        self.ctx = build_context(Settings(database_url=database_url, home=home))
        self.port = free_port()
        config = uvicorn.Config(
            create_app(self.ctx, api_options(**options)),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            ws="websockets-sansio",
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{API}/ws"

    def start(self) -> LiveServer:
        self.thread.start()
        wait_until_healthy(self.url)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.ctx.close()


def wait_until_healthy(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"no server answered at {url}")


@pytest.fixture
def live_server(database_url: str, tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def start(**options: Any) -> LiveServer:
        server = LiveServer(database_url, tmp_path, **options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
