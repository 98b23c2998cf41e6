"""One person seen through both front ends: their CLI and an API client on the same data.

The agreement tests run a CLI command with `-o json`, ask the API for the same objects and
compare the two JSON documents whole. Both read one database (both backends), so any
difference is a difference of contract, never of data.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fopymes_server.api.app import create_app
from fopymes_server.core.context import AppContext
from tests.api.conftest import API, api_options
from tests.cli.conftest import Terminal
from tests.factories import PASSWORD, random_email


@dataclass
class BothEnds:
    """A signed-in terminal and an API client holding a token of the same person."""

    cli: Terminal
    api: TestClient
    headers: dict[str, str]
    workspace_id: int

    def cli_json(self, *args: str) -> Any:
        """`fopymes ARGS -o json`, parsed."""
        return json.loads(self.cli.ok(*args, "-o", "json").stdout)

    def api_json(self, path: str, **params: Any) -> Any:
        """GET `path` (relative to the workspace, or absolute from `/`), parsed."""
        url = path if path.startswith("/") else f"{API}/workspaces/{self.workspace_id}/{path}"
        response = self.api.get(url, params=params, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def both(tmp_path: Path, database_url: str, ctx: AppContext) -> Iterator[BothEnds]:
    terminal = Terminal(home=tmp_path / "person", database_url=database_url)
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
        "EUR",
        input=PASSWORD + "\n",
    )
    token = terminal.ok("token", "create", "--name", "agreement").stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    app = create_app(ctx, api_options())
    with TestClient(app, client=(f"test-{uuid.uuid4().hex[:10]}", 50000)) as client:
        [workspace] = client.get(f"{API}/workspaces", headers=headers).json()["items"]
        yield BothEnds(terminal, client, headers, workspace["id"])
