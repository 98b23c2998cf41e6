"""The examples in /openapi.json are requests the server accepts, not illustrations."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.core.context import AppContext
from tests.api.conftest import Caller


def test_the_ofx_upload_example_is_a_statement_the_server_imports(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"]["/api/v1/workspaces/{workspace_id}/imports/ofx"]["post"]
    example = operation["requestBody"]["content"]["application/x-ofx"]["example"]
    with ctx.uow() as uow:
        account = accounts.add(
            uow, owner.person.principal, name="Current account", type=AccountType.CHECKING
        )
    url = f"{owner.workspace}/imports/ofx"
    headers = {**owner.headers, "Content-Type": "application/x-ofx"}
    for dry_run in ("true", "false"):
        response = client.post(
            url,
            params={"payment_method_id": account.id, "dry_run": dry_run},
            content=example.encode(),
            headers=headers,
        )
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["errors"] == []
        assert report["new"] == 1
    assert report["added"] == 1
