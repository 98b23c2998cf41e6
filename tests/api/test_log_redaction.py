"""No token or password reaches the log of a real `fopymes server`, whichever logger writes.

uvicorn logs every WebSocket handshake with its full URL, and clients may still send
`?token=` there; the server's stderr is read back after it stops.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx2
from websockets.sync.client import connect

from tests.api.conftest import API, Caller, free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]
SERVER = (sys.executable, "-c", "from fopymes_cli.main import run; run()", "server")


def test_tokens_and_passwords_in_urls_never_reach_the_server_log(
    database_url: str, tmp_path: Path, owner: Caller
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*SERVER, "--port", str(port), "--log-level", "debug"],
        env={**os.environ, "FOPYMES_DATABASE_URL": database_url, "FOPYMES_HOME": str(tmp_path)},
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, timeout=60)
        login = httpx2.post(
            f"{base}{API}/auth/login",
            json={"email": owner.person.email, "password": owner.person.password},
        )
        access = login.json()["access_token"]
        for token in (owner.token, access):
            with connect(f"ws://127.0.0.1:{port}{API}/ws?token={token}", open_timeout=10) as ws:
                assert '"welcome"' in str(ws.recv(timeout=10))
        answer = httpx2.get(
            f"{base}{API}/me?token={owner.token}&password={owner.person.password}",
            headers=owner.headers,
        )
        assert answer.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0
    assert f"WebSocket {API}/ws?[redacted]" in stderr  # the handshake was logged, masked
    for secret in (owner.token, access, owner.person.password, login.json()["refresh_token"]):
        assert secret not in stderr
    assert "token=" not in stderr


def test_a_traceback_or_a_library_message_is_masked_too() -> None:
    """Any logger, any shape: arguments, a driver's URL with a password, a traceback."""
    import io
    import logging

    from fopymes_server.api.log_redaction import RedactSecrets

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets())
    log = logging.getLogger("some.library")
    log.addHandler(handler)
    try:
        log.warning("GET %s answered %d", "/reset?token=reset-secret-1", 200)
        log.warning("cannot connect to postgresql://app:db-secret-2@db/books")
        try:
            raise RuntimeError('{"password": "hunter2-secret-3", "api_key": "k-secret-4"}')
        except RuntimeError:
            log.exception("failed with Authorization: Bearer fop_secret5")
    finally:
        log.removeHandler(handler)
    written = stream.getvalue()
    assert "answered 200" in written
    assert "RuntimeError" in written
    for secret in ("reset-secret-1", "db-secret-2", "hunter2-secret-3", "k-secret-4", "secret5"):
        assert secret not in written, written
