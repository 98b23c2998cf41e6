"""`fopymes server` and the app's promises about itself: start-up refusals, probes, logs."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from fopymes_cli.commands.server import _has_scheduler
from fopymes_cli.main import app as cli_app
from fopymes_server.api.app import create_app
from fopymes_server.api.routers import health
from fopymes_server.core.context import build_context
from fopymes_server.core.errors import RuleViolationError
from fopymes_server.core.settings import Settings
from tests.api.conftest import API, Caller, api_options, free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]


def test_server_help_does_not_load_the_web_stack(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom fopymes_cli.main import app\n"
        "try:\n    app(['server', '--help'], prog_name='fopymes')\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "FOPYMES_HOME": str(tmp_path)},
        cwd=ROOT,
        timeout=120,
    )
    assert "--with-scheduler" in result.stdout
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1].replace("'", '"')))
    assert loaded.isdisjoint({"fastapi", "uvicorn", "starlette"})


def test_with_scheduler_is_refused_clearly_while_there_is_no_scheduler(
    database_url: str, tmp_path: Path
) -> None:
    if _has_scheduler():
        pytest.skip("this fopymes has a scheduler")
    result = CliRunner().invoke(
        cli_app,
        ["server", "--with-scheduler"],
        env={"FOPYMES_DATABASE_URL": database_url, "FOPYMES_HOME": str(tmp_path)},
    )
    assert result.exit_code == 1
    assert "no job scheduler" in result.stderr
    assert result.stdout == ""


def _weaken_secret(database_url: str, tmp_path: Path) -> None:
    ctx = build_context(Settings(database_url=database_url, home=tmp_path))
    with ctx.database.engine.begin() as connection:
        connection.execute(text("DELETE FROM instance_secret"))
        connection.execute(
            text("INSERT INTO instance_secret (id, secret, created_at) VALUES (1, :s, :t)"),
            {"s": "changeme", "t": "2026-01-01 00:00:00+00"},
        )
    ctx.close()


def test_a_weak_signing_secret_on_postgresql_stops_the_server_from_starting(
    databases,
    backend: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite is one person's file; the rule guards shared databases")
    url = databases.fresh(backend)
    _weaken_secret(url, tmp_path)
    result = CliRunner().invoke(
        cli_app, ["server"], env={"FOPYMES_DATABASE_URL": url, "FOPYMES_HOME": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert "signing secret" in result.stderr
    assert "changeme" not in result.stderr
    ctx = build_context(Settings(database_url=url, home=tmp_path))
    with pytest.raises(RuleViolationError), TestClient(create_app(ctx, api_options())):
        pass
    ctx.close()


def test_readiness_fails_when_the_schema_is_not_the_one_this_server_knows(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "HEAD_REVISION", "9999_future")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["type"] == "urn:fopymes:problem:schema-mismatch"
    assert client.get("/healthz").status_code == 200


def test_access_logs_are_json_lines_without_query_strings_or_credentials(
    client: TestClient, owner: Caller, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="fopymes.access"):
        client.get(f"{API}/me?token={owner.token}", headers=owner.headers)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "fopymes.access"]
    assert lines
    assert lines[-1]["path"] == f"{API}/me"
    assert lines[-1]["status"] == 200
    assert owner.token not in caplog.text
    assert "Authorization" not in caplog.text


def test_cors_is_closed_by_default_and_opens_for_configured_origins(ctx) -> None:  # type: ignore[no-untyped-def]
    preflight = {"Origin": "https://app.example", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(ctx, api_options())) as closed:
        response = closed.options(f"{API}/me", headers=preflight)
        assert "access-control-allow-origin" not in response.headers
    options = api_options(cors_origins=("https://app.example",))
    with TestClient(create_app(ctx, options)) as opened:
        response = opened.options(f"{API}/me", headers=preflight)
        assert response.headers["access-control-allow-origin"] == "https://app.example"


def test_the_openapi_document_documents_every_route_with_examples(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert client.get("/docs").status_code == 200
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            ok = [c for c in operation["responses"] if c.startswith("2")]
            assert ok, f"{method} {path} documents no success"
    schemas = document["components"]["schemas"]
    for name in ("TransactionIn", "TransactionOut", "LoginIn", "TokenPairOut", "CategoryIn"):
        assert schemas[name].get("examples"), name


def test_with_scheduler_runs_the_jobs_beside_the_api_and_stops_with_it(
    database_url: str, tmp_path: Path
) -> None:
    if not _has_scheduler():
        pytest.skip("this fopymes has no scheduler")
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from fopymes_cli.main import run; run()",
            "server",
            "--port",
            str(port),
            "--with-scheduler",
        ],
        env={**os.environ, "FOPYMES_DATABASE_URL": database_url, "FOPYMES_HOME": str(tmp_path)},
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", timeout=60)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=90)
    assert process.returncode == 0
    assert "scheduler started" in stderr
    assert "scheduler stopped" in stderr
