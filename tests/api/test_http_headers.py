"""What the server says about its answers beyond the body: caching, framing, retrying.

An answer holding a secret is never cached, /docs runs only this server's scripts and
cannot be framed, and a 503 tells when to retry without naming the database.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from fopymes_server.api.app import create_app
from fopymes_server.api.routers import health
from fopymes_server.core.context import build_context
from fopymes_server.core.principal import Role
from fopymes_server.core.settings import Settings
from tests.api.conftest import API, Caller, api_options, free_port


def _login(client: TestClient, caller: Caller) -> dict[str, str]:
    response = client.post(
        f"{API}/auth/login",
        json={"email": caller.person.email, "password": caller.person.password},
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    body: dict[str, str] = response.json()
    return body


def test_every_answer_that_carries_a_secret_forbids_caching(
    client: TestClient, owner: Caller
) -> None:
    pair = _login(client, owner)
    rotated = client.post(f"{API}/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert rotated.status_code == 200
    assert rotated.headers["cache-control"] == "no-store"
    created = client.post(f"{API}/tokens", json={"name": "ci"}, headers=owner.headers)
    assert created.status_code == 201
    assert created.headers["cache-control"] == "no-store"
    added = client.post(
        f"{owner.workspace}/members",
        json={"email": "new-member@example.test", "role": Role.VIEWER.value},
        headers=owner.headers,
    )
    assert added.status_code == 201
    assert added.json()["initial_password"]
    assert added.headers["cache-control"] == "no-store"


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def test_docs_load_every_script_and_style_from_this_server(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    parser = _References()
    parser.feed(page.text)
    assert len(parser.urls) >= 3  # the script, the style sheet, the icon
    for url in parser.urls:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("", ""), f"/docs loads {url} from elsewhere"
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.content, url
    assert "cdn" not in page.text.lower()


def test_docs_cannot_be_framed_or_sniffed(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.headers["x-content-type-options"] == "nosniff"
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'sha256-" in policy
    parser = _References()
    parser.feed(page.text)
    for url in parser.urls:
        assert client.get(url).headers["x-content-type-options"] == "nosniff", url


def test_readiness_on_a_mismatched_schema_says_when_to_retry_and_names_no_revision(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "HEAD_REVISION", "9999_future")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) > 0
    assert "9999_future" not in response.text


def test_an_unreachable_database_answers_503_with_a_fixed_message_and_retry_after(
    tmp_path: Path,
) -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql+psycopg://secretrole:secretpw@127.0.0.1:{port}/secretdatabase"
    ctx = build_context(Settings(database_url=url, home=tmp_path))
    try:
        client = TestClient(create_app(ctx, api_options()))  # no lifespan: it would refuse
        answers = [
            client.get("/readyz"),
            client.get(f"{API}/workspaces/1/categories", headers={"Authorization": "Bearer x"}),
        ]
        for response in answers:
            assert response.status_code == 503
            assert int(response.headers["retry-after"]) > 0
            text = response.text.lower()
            for leak in ("secret", "127.0.0.1", str(port), "psycopg", "connection", "postgres"):
                assert leak not in text, (leak, response.text)
    finally:
        ctx.close()
