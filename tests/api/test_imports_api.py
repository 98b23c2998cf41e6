"""Imports over REST on both databases: profiles, CSV and OFX uploads as raw bodies, the
dry run, all-or-nothing imports, duplicates, size limits and who may do what."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.api.app import create_app
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Role
from fopymes_server.imports import service as imports
from fopymes_server.transactions import service as transactions
from tests.api.conftest import Caller, api_options, make_member, make_owner

DATA = Path(__file__).resolve().parents[1] / "data"
BANK = (DATA / "bank_es.csv").read_bytes()
OFX = (DATA / "statement.ofx").read_bytes()
FIXTURES = Path(__file__).resolve().parents[1] / "imports" / "fixtures"
MAPPING = {
    "date": "Fecha",
    "date_format": "%d/%m/%Y",
    "amount": "Importe",
    "description": "Concepto",
    "decimal": ",",
    "thousands": ".",
    "header_row": 3,
    "payment_method": "Cash",
}
CSV = {"Content-Type": "text/csv"}


def _profile(client: TestClient, caller: Caller, name: str = "caixa") -> dict[str, Any]:
    response = client.post(
        f"{caller.workspace}/imports/profiles",
        json={"name": name, "mapping": MAPPING},
        headers=caller.headers,
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _upload_csv(client: TestClient, caller: Caller, data: bytes = BANK, **params: Any) -> Any:
    return client.post(
        f"{caller.workspace}/imports/csv",
        params={"profile": "caixa", **params},
        content=data,
        headers={**caller.headers, **CSV},
    )


def _ledger(ctx: AppContext, caller: Caller) -> list[tuple[str, Decimal, str | None]]:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, caller.person.principal, limit=100)
    return sorted((t.description, t.amount, t.payment_method) for t in page.items)


def _cash_id(ctx: AppContext, caller: Caller) -> int:
    with ctx.uow(write=False) as uow:
        return accounts.resolve(uow, caller.person.principal, "Cash").id


def test_profiles_are_added_listed_read_and_removed(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _profile(client, owner)
    assert made["mapping"]["date_format"] == "%d/%m/%Y"
    assert made["mapping"]["sign"] == "negative-expense"
    url = f"{owner.workspace}/imports/profiles"
    listed = client.get(url, headers=owner.headers).json()["items"]
    assert [(p["id"], p["name"]) for p in listed] == [(None, "fopymes"), (made["id"], "caixa")]
    one = client.get(f"{url}/{made['id']}", headers=owner.headers)
    assert one.json() == made
    assert "etag" in one.headers
    taken = client.post(url, json={"name": "CAIXA", "mapping": MAPPING}, headers=owner.headers)
    assert taken.status_code == 409
    assert client.delete(f"{url}/{made['id']}", headers=owner.headers).status_code == 204
    assert client.get(f"{url}/{made['id']}", headers=owner.headers).status_code == 404


def test_a_csv_dry_run_adds_nothing_then_the_import_adds_each_line_once(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    _profile(client, owner)
    preview = _upload_csv(client, owner, filename="noviembre.csv")
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["dry_run"], body["added"], body["new"], body["duplicates"]) == (True, 0, 6, 0)
    assert body["source"] == "noviembre.csv"
    assert body["errors"] == []
    with ctx.uow(write=False) as uow:
        expected = imports.import_csv(
            uow, owner.person.principal, data=BANK, source="x", profile="caixa", dry_run=True
        )
    assert [(x["line"], x["amount"], x["kind"], x["description"]) for x in body["lines"]] == [
        (x.line, str(x.amount), x.kind, x.description) for x in expected.lines
    ]
    assert _ledger(ctx, owner) == []
    done = _upload_csv(client, owner, dry_run="false")
    assert done.status_code == 200
    assert (done.json()["dry_run"], done.json()["added"]) == (False, 6)
    ledger = _ledger(ctx, owner)
    assert len(ledger) == 6
    assert sum(amount for _, amount, _ in ledger) == Decimal("3362.55")
    assert {method for _, _, method in ledger} == {"Cash"}
    again = _upload_csv(client, owner, dry_run="false")
    assert (again.json()["added"], again.json()["duplicates"]) == (0, 6)
    assert all(line["duplicate"] for line in again.json()["lines"])
    assert len(_ledger(ctx, owner)) == 6


def test_a_bad_row_imports_nothing_and_every_bad_row_is_listed(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    _profile(client, owner)
    bad = BANK.replace(b"-12,35", b"-12,3x").replace(b"05/11/2026", b"35/11/2026")
    refused = _upload_csv(client, owner, bad, dry_run="false")
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert [e["field"] for e in problem["errors"]] == ["line 5: amount", "line 6: date"]
    assert "nothing was imported" in problem["detail"]
    assert _ledger(ctx, owner) == []
    preview = _upload_csv(client, owner, bad).json()
    assert [(e["line"], e["field"]) for e in preview["errors"]] == [(5, "amount"), (6, "date")]
    assert preview["new"] == 4


def test_an_ofx_statement_goes_to_the_method_of_its_account(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    with ctx.uow() as uow:
        account = accounts.add(
            uow, owner.person.principal, name="Current account", type=AccountType.CHECKING
        )
    url = f"{owner.workspace}/imports/ofx"
    headers = {**owner.headers, "Content-Type": "application/x-ofx"}
    unknown = client.post(url, content=OFX, headers=headers)
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "method")
    preview = client.post(
        url, params={"payment_method_id": account.id}, content=OFX, headers=headers
    )
    assert (preview.json()["new"], preview.json()["added"]) == (4, 0)
    assert _ledger(ctx, owner) == []
    done = client.post(
        url,
        params={"payment_method_id": account.id, "dry_run": "false"},
        content=OFX,
        headers={**owner.headers, "Content-Type": "application/octet-stream"},
    )
    assert done.json()["added"] == 4
    assert "Current account" in done.json()["account"]
    again = client.post(url, params={"dry_run": "false"}, content=OFX, headers=headers)
    assert (again.json()["added"], again.json()["duplicates"]) == (0, 4)
    ledger = _ledger(ctx, owner)
    assert {method for _, _, method in ledger} == {"Current account"}
    assert sum(amount for _, amount, _ in ledger) == Decimal("3357.55")
    not_ofx = client.post(url, content=b"hello", headers=headers)
    assert not_ofx.status_code == 422


def test_an_ofx_amount_of_nan_infinity_or_exponent_is_422_naming_the_line(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    url = f"{owner.workspace}/imports/ofx"
    headers = {**owner.headers, "Content-Type": "application/x-ofx"}
    for amount in (b"NaN", b"-Infinity", b"1e5"):
        response = client.post(
            url,
            params={"payment_method_id": _cash_id(ctx, owner), "dry_run": "false"},
            content=OFX.replace(b"-45.20", amount),
            headers=headers,
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "line 43: amount"
        assert amount.decode() in response.json()["errors"][0]["message"]
    assert _ledger(ctx, owner) == []


def test_an_ofx_file_of_two_accounts_maps_each_and_reports_its_balances(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    with ctx.uow() as uow:
        card = accounts.add(uow, owner.person.principal, name="Visa", type=AccountType.CREDIT_CARD)
    data = (FIXTURES / "ofx_latin1_two_accounts.ofx").read_bytes()
    url = f"{owner.workspace}/imports/ofx"
    headers = {**owner.headers, "Content-Type": "application/x-ofx"}
    mapping = [f"ES9100491500051234567892={_cash_id(ctx, owner)}", f"4111111111114321={card.id}"]
    preview = client.post(url, params={"account": mapping}, content=data, headers=headers)
    assert preview.status_code == 200, preview.text
    statements = preview.json()["statements"]
    assert [(s["method"], s["opening"]) for s in statements] == [("Cash", None), ("Visa", None)]
    assert statements[0]["closing"] == {"amount": "1470.00", "date": "2026-11-30", "line": 41}
    bad = client.post(url, params={"account": "no-id"}, content=data, headers=headers)
    assert bad.status_code == 422
    done = client.post(
        url, params={"account": mapping, "dry_run": "false"}, content=data, headers=headers
    )
    assert done.json()["added"] == 3
    assert sum(amount for _, amount, _ in _ledger(ctx, owner)) == Decimal("594.10")


def test_a_profile_with_direction_filters_and_summary_rows_reads_a_german_export(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    mapping = {
        "date": "Buchungstag",
        "date_format": "%d.%m.%Y",
        "amount": "Betrag",
        "description": "Auftraggeber / Begünstigter",
        "direction": "Soll/Haben",
        "out_values": ["S"],
        "in_values": ["H"],
        "exclude": ["Status=vorgemerkt"],
        "skip_summary_rows": True,
        "decimal": ",",
        "thousands": ".",
        "payment_method": "Cash",
    }
    made = client.post(
        f"{owner.workspace}/imports/profiles",
        json={"name": "giro", "mapping": mapping},
        headers=owner.headers,
    )
    assert made.status_code == 201, made.text
    assert made.json()["mapping"]["exclude"] == ["Status=vorgemerkt"]
    assert made.json()["mapping"]["header_row"] is None
    data = (FIXTURES / "csv_de_preamble_soll_haben.csv").read_bytes()
    done = client.post(
        f"{owner.workspace}/imports/csv",
        params={"profile": "giro", "dry_run": "false"},
        content=data,
        headers={**owner.headers, **CSV},
    ).json()
    assert done["read_as"] == "encoding cp1252, delimiter ';', header on line 15"
    assert [(s["line"], s["field"]) for s in done["skipped"]] == [(19, "filter"), (20, "row")]
    assert done["added"] == 3
    with ctx.uow(write=False) as uow:
        items = transactions.list_transactions(uow, owner.person.principal, limit=10).items
    assert sum(t.amount if t.kind.value == "income" else -t.amount for t in items) == Decimal(
        "2691.55"
    )
    bad = client.post(
        f"{owner.workspace}/imports/profiles",
        json={"name": "bad", "mapping": {**mapping, "exclude": ["no equals"]}},
        headers=owner.headers,
    )
    assert bad.status_code == 422


def test_an_export_upload_creates_the_names_it_lacks_only_when_asked(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    export = (
        b"id,date,kind,amount,currency,category,payment_method,description,note\n"
        b"1,2026-11-02,income,1200.00,EUR,Consulting,Transfer,Invoice 7,\n"
        b"2,2026-11-03,expense,-45.20,EUR,Groceries,Cash,Shop,\n"
    )
    url = f"{owner.workspace}/imports/csv"
    headers = {**owner.headers, **CSV}
    plain = client.post(url, params={"dry_run": "false"}, content=export, headers=headers)
    assert plain.status_code == 422
    preview = client.post(url, params={"create_missing": "true"}, content=export, headers=headers)
    body = preview.json()
    assert (body["created"], body["errors"], body["new"]) == (
        "category Consulting (income); payment method Transfer",
        [],
        2,
    )
    done = client.post(
        url, params={"create_missing": "true", "dry_run": "false"}, content=export, headers=headers
    )
    assert done.json()["added"] == 2
    assert ("Invoice 7", Decimal("1200.00"), "Transfer") in _ledger(ctx, owner)


def test_an_export_upload_with_transfers_writes_them_as_transfers_once(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    export = (
        b"id,date,kind,amount,currency,category,payment_method,description,note,movement,"
        b"counter_account,counter_amount,counter_currency\n"
        b"1,2026-11-02,income,500.00,EUR,,Bank,Salary,,income,,,\n"
        b"2,2026-11-03,transfer,-200.00,EUR,,Bank,Transfer Bank to Cash,,transfer,Cash,200.00,EUR\n"
        b"3,2026-11-04,transfer,-100.00,EUR,,Bank,To dollars,,transfer,Wallet,108.35,USD\n"
    )
    url = f"{owner.workspace}/imports/csv"
    headers = {**owner.headers, **CSV}
    params = {"create_missing": "true", "dry_run": "false"}
    done = client.post(url, params=params, content=export, headers=headers)
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["added"], body["created"]) == (3, "payment methods Bank, Wallet (USD)")
    assert [(line["kind"], line["counter_account"], line["counter_amount"]) for line in
            body["lines"]] == [("income", None, None), ("transfer", "Cash", "200.00"),
                               ("transfer", "Wallet", "108.35")]  # fmt: skip
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, owner.person.principal, limit=100)
        sheet = accounts.balance_sheet(uow, owner.person.principal)
    moved = sorted((t.payment_method, t.counter_account, t.counter_amount) for t in page.items
                   if t.kind == "transfer")  # fmt: skip
    assert moved == [("Bank", "Cash", Decimal("200.00")), ("Bank", "Wallet", Decimal("108.35"))]
    held = {(a.name, a.currency): a.balance for a in sheet.accounts}
    assert held[("Bank", "EUR")] == Decimal("200.00")
    assert held[("Wallet", "USD")] == Decimal("108.35")
    again = client.post(url, params=params, content=export, headers=headers).json()
    assert (again["added"], again["duplicates"]) == (0, 3)


def test_norma43_camt_and_mt940_uploads_preview_import_and_refuse(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    cash = _cash_id(ctx, owner)
    for route, name, media in (
        ("norma43", "norma43.n43", "text/plain"),
        ("camt", "camt053.xml", "application/xml"),
        ("mt940", "mt940.sta", "text/plain"),
    ):
        url = f"{owner.workspace}/imports/{route}"
        headers = {**owner.headers, "Content-Type": media}
        data = (FIXTURES / name).read_bytes()
        preview = client.post(
            url, params={"payment_method_id": cash}, content=data, headers=headers
        )
        assert preview.status_code == 200, preview.text
        (statement,) = preview.json()["statements"]
        assert statement["opening"]["amount"] == "1000.00"
        done = client.post(
            url,
            params={"payment_method_id": cash, "dry_run": "false"},
            content=data,
            headers=headers,
        )
        assert (done.json()["added"], done.json()["new"]) == (preview.json()["new"],) * 2
        not_it = client.post(url, content=b"hello", headers=headers)
        assert not_it.status_code == 422
        assert not_it.headers["content-type"] == "application/problem+json"
    assert len(_ledger(ctx, owner)) == 11


def test_a_body_above_max_body_bytes_is_413_and_imports_nothing(ctx: AppContext) -> None:
    """Both ways a client can send too much, both answered as a problem: a Content-Length
    over the limit (refused before the route reads anything) and a chunked body that
    grows past it (refused while the route reads it)."""
    app = create_app(ctx, api_options(max_body_bytes=2048))
    with TestClient(app, client=(f"test-{uuid.uuid4().hex[:10]}", 50000)) as client:
        owner = make_owner(ctx)
        _profile(client, owner)
        head = b"\n".join(BANK.split(b"\n")[:3]) + b"\n"
        big = head + b"02/11/2026;MERCADONA VALENCIA;-45,20;1.954,80\n" * 60
        assert len(big) > 2048
        declared = _upload_csv(client, owner, big, dry_run="false")
        assert declared.status_code == 413
        assert declared.headers["content-type"] == "application/problem+json"
        assert declared.json()["type"] == "urn:fopymes:problem:too-large"
        chunked = client.post(
            f"{owner.workspace}/imports/csv",
            params={"profile": "caixa", "dry_run": "false"},
            content=iter([big[:1000], big[1000:2000], big[2000:]]),
            headers={**owner.headers, **CSV},
        )
        assert chunked.status_code == 413
        assert chunked.headers["content-type"] == "application/problem+json"
        assert chunked.json()["type"] == "urn:fopymes:problem:too-large"
        assert _ledger(ctx, owner) == []
        fits = _upload_csv(client, owner, BANK, dry_run="false")
        assert (fits.status_code, fits.json()["added"]) == (200, 6)


def test_bad_uploads_and_profiles_are_422(client: TestClient, owner: Caller) -> None:
    _profile(client, owner)
    empty = _upload_csv(client, owner, b"")
    assert (empty.status_code, empty.json()["errors"][0]["field"]) == (422, "body")
    wrong = _upload_csv(client, owner, b"a;b;c\n1;2;3\n4;5;6\n7;8;9\n")
    assert wrong.status_code == 422
    unknown = _upload_csv(client, owner, profile="nope")
    assert unknown.status_code == 404
    assert "caixa" in unknown.json()["hint"]
    url = f"{owner.workspace}/imports/profiles"
    both = {**MAPPING, "debit": "Cargo"}
    for mapping, field in [
        (both, "amount"),
        ({**MAPPING, "decimal": ";"}, "mapping.decimal"),
        ({**MAPPING, "amount": "0"}, "mapping.amount"),
        ({**MAPPING, "encoding": "utf 8!"}, "mapping.encoding"),
    ]:
        response = client.post(url, json={"name": "x", "mapping": mapping}, headers=owner.headers)
        assert response.status_code == 422, mapping
        assert response.json()["errors"][0]["field"] == field
    for extra, value in [("id", 1), ("workspace_id", 999), ("created_by", 1)]:
        body = {"name": "y", "mapping": MAPPING, extra: value}
        response = client.post(url, json=body, headers=owner.headers)
        assert (response.status_code, response.json()["errors"][0]["field"]) == (422, extra)
    names = [p["name"] for p in client.get(url, headers=owner.headers).json()["items"]]
    assert names == ["fopymes", "caixa"]


def test_another_workspaces_profile_ids_are_404(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _profile(client, owner)
    stranger = make_owner(ctx)
    theirs = f"{stranger.workspace}/imports/profiles/{made['id']}"
    assert client.get(theirs, headers=stranger.headers).status_code == 404
    assert client.delete(theirs, headers=stranger.headers).status_code == 404
    uploaded = client.post(
        f"{stranger.workspace}/imports/csv",
        params={"profile": str(made["id"])},
        content=BANK,
        headers={**stranger.headers, **CSV},
    )
    assert uploaded.status_code == 404
    into_owner = _upload_csv(client, stranger, dry_run="false")
    assert into_owner.status_code == 404  # the stranger's own workspace has no "caixa"
    owners = client.post(
        f"{owner.workspace}/imports/csv", content=BANK, headers={**stranger.headers, **CSV}
    )
    assert owners.status_code == 404
    kept = client.get(f"{owner.workspace}/imports/profiles/{made['id']}", headers=owner.headers)
    assert kept.status_code == 200


def test_viewers_read_profiles_but_cannot_import_or_change_them(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    made = _profile(client, owner)
    viewer = make_member(ctx, owner, Role.VIEWER)
    url = f"{viewer.workspace}/imports/profiles"
    assert client.get(f"{url}/{made['id']}", headers=viewer.headers).status_code == 200
    refused = [
        _upload_csv(client, viewer, dry_run="false"),
        client.post(
            f"{viewer.workspace}/imports/ofx",
            params={"dry_run": "false"},
            content=OFX,
            headers=viewer.headers,
        ),
        client.post(url, json={"name": "z", "mapping": MAPPING}, headers=viewer.headers),
        client.delete(f"{url}/{made['id']}", headers=viewer.headers),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert _ledger(ctx, owner) == []


def test_a_viewer_previews_an_import_as_the_cli_lets_them_and_nothing_is_written(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    _profile(client, owner)
    viewer = make_member(ctx, owner, Role.VIEWER)
    preview = _upload_csv(client, viewer)
    assert preview.status_code == 200, preview.text
    assert (preview.json()["dry_run"], preview.json()["new"]) == (True, 6)
    assert preview.json() == _upload_csv(client, owner).json()
    assert _ledger(ctx, owner) == []


def test_an_idempotency_key_replays_the_first_import(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    _profile(client, owner)
    keyed = {**owner.headers, **CSV, "Idempotency-Key": "statement-2026-11"}
    url = f"{owner.workspace}/imports/csv?profile=caixa&dry_run=false"
    first = client.post(url, content=BANK, headers=keyed)
    again = client.post(url, content=BANK, headers=keyed)
    assert (first.json()["added"], again.json()["added"]) == (6, 6)
    assert again.headers["idempotent-replayed"] == "true"
    assert len(_ledger(ctx, owner)) == 6
    other_file = client.post(url, content=BANK + b"30/11/2026;FARMACIA;-8,00;1\n", headers=keyed)
    assert other_file.status_code == 422
    assert other_file.json()["errors"][0]["field"] == "Idempotency-Key"
    assert len(_ledger(ctx, owner)) == 6
