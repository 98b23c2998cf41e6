"""Contacts and debts over REST on both databases: the numbers are the service's own.

Every amount the API returns is compared with what `debts.service` computes for the same
debt, so the REST layer is checked for carrying values exactly (as decimal strings), not
for re-deriving interest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from fopymes_server.accounts import service as accounts
from fopymes_server.contacts import service as contacts
from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.debts import payments, service
from fopymes_server.debts.schemas import Direction
from tests.api.conftest import Caller, make_member, make_owner
from tests.factories import make_contact, make_debt

LOAN = {
    "direction": "i_owe",
    "principal": "1200.00",
    "start": "2026-01-15",
    "due": "2027-01-15",
    "annual_rate": "5.25",
    "interest": "simple",
    "instalments": 12,
    "description": "Laptop",
}


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def _money(value: object) -> str:
    """How the API writes a Decimal the service returned."""
    return format(value, "f")


# --- contacts ------------------------------------------------------------------------------


def test_a_contact_is_added_read_listed_and_deleted(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    url = f"{owner.workspace}/contacts"
    created = client.post(
        url, json={"name": "Ana", "email": "ana@example.com"}, headers=owner.headers
    )
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "Ana"
    assert body["email"] == "ana@example.com"
    assert body["user_id"] is None
    assert created.headers["location"].endswith(f"/contacts/{body['id']}")
    with ctx.uow(write=False) as uow:
        stored = contacts.resolve(uow, owner.person.principal, body["id"])
    assert stored.name == "Ana"

    one = client.get(f"{url}/{body['id']}", headers=owner.headers)
    assert one.json() == body
    cached = client.get(
        f"{url}/{body['id']}", headers={**owner.headers, "If-None-Match": one.headers["etag"]}
    )
    assert cached.status_code == 304
    make_contact(ctx, owner.person.principal, "Bruno")
    listed = client.get(url, headers=owner.headers).json()
    assert [c["name"] for c in listed["items"]] == ["Ana", "Bruno"]

    assert client.delete(f"{url}/{body['id']}", headers=owner.headers).status_code == 204
    _problem(client.get(f"{url}/{body['id']}", headers=owner.headers), 404)


def test_a_contact_can_be_a_member_and_names_are_unique_in_any_case(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    editor = make_member(ctx, owner, Role.EDITOR)
    url = f"{owner.workspace}/contacts"
    linked = client.post(
        url, json={"name": "Eva", "member": editor.person.email}, headers=owner.headers
    ).json()
    assert linked["user_id"] == editor.person.principal.user_id
    assert linked["email"] == editor.person.email
    clash = _problem(client.post(url, json={"name": "EVA"}, headers=owner.headers), 409)
    assert "already exists" in clash["detail"]
    nobody = client.post(
        url, json={"name": "Zoe", "member": "nobody@example.com"}, headers=owner.headers
    )
    _problem(nobody, 404)


def test_bad_contact_input_is_a_422_naming_the_field_and_smuggled_fields_are_refused(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    url = f"{owner.workspace}/contacts"
    numeric = _problem(client.post(url, json={"name": "123"}, headers=owner.headers), 422)
    assert numeric["errors"][0]["field"] == "name"
    mail = _problem(
        client.post(url, json={"name": "Ana", "email": "not-mail"}, headers=owner.headers), 422
    )
    assert mail["errors"][0]["field"] == "email"
    missing = _problem(client.post(url, json={}, headers=owner.headers), 422)
    assert missing["errors"][0]["field"] == "name"
    other = make_owner(ctx)
    for field, value in [
        ("id", 1),
        ("workspace_id", other.person.principal.workspace_id),
        ("created_by", other.person.principal.user_id),
        ("user_id", other.person.principal.user_id),
    ]:
        refused = _problem(
            client.post(url, json={"name": "Ana", field: value}, headers=owner.headers), 422
        )
        assert refused["errors"][0]["field"] == field
    assert client.get(url, headers=owner.headers).json()["items"] == []


def test_adding_a_contact_twice_with_one_idempotency_key_adds_it_once(
    client: TestClient, owner: Caller
) -> None:
    url = f"{owner.workspace}/contacts"
    headers = {**owner.headers, "Idempotency-Key": "contact-1"}
    first = client.post(url, json={"name": "Ana"}, headers=headers)
    again = client.post(url, json={"name": "Ana"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(client.get(url, headers=owner.headers).json()["items"]) == 1
    _problem(client.post(url, json={"name": "Bruno"}, headers=headers), 422)


def test_a_contact_with_debts_cannot_be_deleted(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    debt = make_debt(ctx, owner.person.principal, contact="Ana")
    url = f"{owner.workspace}/contacts/{debt.contact_id}"
    refused = _problem(client.delete(url, headers=owner.headers), 409)
    assert "debt" in refused["detail"]
    assert client.get(url, headers=owner.headers).status_code == 200


def test_contacts_are_invisible_to_strangers_and_read_only_to_viewers(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    contact = make_contact(ctx, owner.person.principal, "Ana")
    stranger = make_owner(ctx)
    viewer = make_member(ctx, owner, Role.VIEWER)
    own = f"{owner.workspace}/contacts"
    # The stranger's own workspace with the owner's contact id: the same 404 as a missing id.
    theirs = f"{stranger.workspace}/contacts/{contact.id}"
    assert _problem(client.get(theirs, headers=stranger.headers), 404)["type"].endswith("not-found")
    _problem(client.delete(theirs, headers=stranger.headers), 404)
    _problem(client.get(f"{own}/{contact.id}", headers=stranger.headers), 404)
    _problem(client.get(own, headers=stranger.headers), 404)

    assert client.get(f"{own}/{contact.id}", headers=viewer.headers).status_code == 200
    _problem(client.post(own, json={"name": "Bruno"}, headers=viewer.headers), 403)
    _problem(client.delete(f"{own}/{contact.id}", headers=viewer.headers), 403)
    with ctx.uow(write=False) as uow:
        names = [c.name for c in contacts.list_contacts(uow, owner.person.principal)]
    assert names == ["Ana"]


# --- debts ---------------------------------------------------------------------------------


def test_a_debt_is_recorded_with_the_services_numbers_as_strings(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    contact = make_contact(ctx, owner.person.principal, "Ana")
    url = f"{owner.workspace}/debts"
    created = client.post(url, json={**LOAN, "contact_id": contact.id}, headers=owner.headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"].endswith(f"/debts/{body['id']}")
    with ctx.uow(write=False) as uow:
        debt = service.show(uow, owner.person.principal, body["id"]).debt
    assert body["principal"] == "1200.00"
    assert body["annual_rate"] == _money(debt.annual_rate)
    assert body["balance"] == _money(debt.balance)
    assert body["interest_accrued"] == _money(debt.interest_accrued)
    assert body["contact"] == "Ana"
    assert body["currency"] == "EUR"
    assert body["status"] == debt.status.value
    assert body["instalments"] == 12

    shown = client.get(f"{url}/{body['id']}", headers=owner.headers)
    assert shown.json() == {"debt": body, "payments": []}
    again = client.get(
        f"{url}/{body['id']}", headers={**owner.headers, "If-None-Match": shown.headers["etag"]}
    )
    assert again.status_code == 304


def test_a_debt_valued_on_a_date_matches_the_service_and_refuses_a_date_before_its_start(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "1000.00", start="2026-01-01", annual_rate="12", interest="compound")
    url = f"{owner.workspace}/debts/{debt.id}"
    on = client.get(url, params={"on": "2026-07-01"}, headers=owner.headers).json()["debt"]
    with ctx.uow(write=False) as uow:
        expected = service.show(uow, p, debt.id, on=dt.date(2026, 7, 1)).debt
    assert on["on"] == "2026-07-01"
    assert on["interest_accrued"] == _money(expected.interest_accrued)
    assert on["balance"] == _money(expected.balance)
    assert on["interest"] == "compound_monthly"
    early = _problem(client.get(url, params={"on": "2025-12-31"}, headers=owner.headers), 422)
    assert early["errors"][0]["field"] == "date"
    _problem(client.get(url, params={"on": "not-a-day"}, headers=owner.headers), 422)


def test_lists_filter_like_the_cli_and_total_each_way(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    owe = make_debt(ctx, p, "300.00", contact="Ana", start="2026-02-01")
    lent = make_debt(ctx, p, "80.00", contact="Bruno", direction="owed_to_me", start="2026-02-01")
    paid = make_debt(ctx, p, "20.00", contact="Bruno", direction="owed_to_me", start="2026-02-01")
    with ctx.uow() as uow:
        payments.pay(uow, p, paid.id, data=_payment("20.00", "2026-03-01"))
    url = f"{owner.workspace}/debts"

    everything = client.get(url, headers=owner.headers).json()
    assert [d["id"] for d in everything["items"]] == [owe.id, lent.id, paid.id]
    with ctx.uow(write=False) as uow:
        expected = service.list_debts(uow, p)
    assert everything["totals"] == [
        {
            "currency": t.currency,
            "i_owe": _money(t.i_owe),
            "owed_to_me": _money(t.owed_to_me),
        }
        for t in expected.totals
    ]
    assert everything["totals"][0]["owed_to_me"] == "80.00"

    open_owed = client.get(
        url, params={"open": "true", "direction": "owed_to_me"}, headers=owner.headers
    ).json()
    assert [d["id"] for d in open_owed["items"]] == [lent.id]
    with ctx.uow(write=False) as uow:
        filtered = service.list_debts(uow, p, open_only=True, direction=Direction.OWED_TO_ME)
    assert [d.id for d in filtered.items] == [lent.id]
    mine = client.get(url, params={"direction": "i_owe"}, headers=owner.headers).json()
    assert [d["id"] for d in mine["items"]] == [owe.id]
    bad = _problem(client.get(url, params={"direction": "sideways"}, headers=owner.headers), 422)
    assert bad["errors"][0]["field"] == "direction"


def test_bad_debt_input_is_a_422_naming_each_field(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    contact = make_contact(ctx, owner.person.principal, "Ana")
    url = f"{owner.workspace}/debts"
    base = {**LOAN, "contact_id": contact.id}
    for field, value in [
        ("principal", "12.345"),
        ("principal", 12.5),
        ("annual_rate", "abc"),
        ("annual_rate", "1000.5"),
        ("interest", "weekly"),
        ("instalments", 0),
        ("currency", "EURO"),
        ("due", "2025-01-01"),
    ]:
        refused = _problem(
            client.post(url, json={**base, field: value}, headers=owner.headers), 422
        )
        assert refused["errors"][0]["field"] in (field, "interest_rate"), (field, refused)
    both = _problem(
        client.post(url, json={**base, "monthly_payment": "100.00"}, headers=owner.headers), 422
    )
    assert both["errors"]
    hopeless = client.post(
        url,
        json={**base, "instalments": None, "annual_rate": "50", "monthly_payment": "1.00"},
        headers=owner.headers,
    )
    _problem(hopeless, 409)
    unknown = _problem(
        client.post(url, json={**base, "contact_id": 999_999}, headers=owner.headers), 422
    )
    assert unknown["errors"][0]["field"] == "contact_id"
    for field in ("id", "workspace_id", "created_by", "user_id"):
        smuggled = _problem(client.post(url, json={**base, field: 1}, headers=owner.headers), 422)
        assert smuggled["errors"][0]["field"] == field
    assert client.get(url, headers=owner.headers).json()["items"] == []


def _payment(amount: str, day: str) -> Any:
    from fopymes_server.debts.schemas import PaymentCreate

    return PaymentCreate(amount=amount, date=day)


def _cash_id(ctx: AppContext, p: Principal) -> int:
    with ctx.uow(write=False) as uow:
        return accounts.resolve(uow, p, "Cash").id


def test_a_payment_lowers_the_balance_records_its_transaction_and_is_listed(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "600.00", start="2026-02-01", annual_rate="6")
    url = f"{owner.workspace}/debts/{debt.id}/payments"
    cash = _cash_id(ctx, p)
    unrecorded = client.post(
        url, json={"amount": "1.00", "record_transaction": True}, headers=owner.headers
    )
    assert _problem(unrecorded, 422)["errors"][0]["field"] == "payment method"
    paid = client.post(
        url,
        json={
            "amount": "250.00",
            "date": "2026-05-01",
            "payment_method_id": cash,
            "record_transaction": True,
            "note": "May",
        },
        headers=owner.headers,
    )
    assert paid.status_code == 201, paid.text
    assert paid.headers["location"].endswith(f"/debts/{debt.id}")
    body = paid.json()
    with ctx.uow(write=False) as uow:
        detail = service.show(uow, p, debt.id)
    assert body["debt"]["balance"] == _money(detail.debt.balance)
    assert body["debt"]["paid"] == "250.00"
    [payment] = body["payments"]
    assert payment["amount"] == "250.00"
    assert payment["note"] == "May"
    assert payment["transaction_id"] == detail.payments[0].transaction_id is not None
    # 600.00 at 6 % from 1 Feb: 89 days of interest by 1 May are 8.78, paid first.
    principal_part, interest_part = (
        client.get(f"{owner.workspace}/transactions/{payment[key]}", headers=owner.headers).json()
        for key in ("transaction_id", "interest_transaction_id")
    )
    assert (principal_part["amount"], principal_part["kind"], principal_part["date"]) == (
        "241.22",
        "transfer",
        "2026-05-01",
    )
    assert principal_part["counter_account"] == body["debt"]["account"] == "Loan from Ana"
    assert (interest_part["amount"], interest_part["kind"]) == ("8.78", "expense")

    listed = client.get(url, headers=owner.headers).json()
    assert listed == {"items": body["payments"]}


def test_payments_over_the_balance_or_in_the_future_are_refused_and_change_nothing(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "100.00", start="2026-02-01")
    url = f"{owner.workspace}/debts/{debt.id}/payments"
    _problem(client.post(url, json={"amount": "100.01"}, headers=owner.headers), 409)
    tomorrow = (ctx.clock.today() + dt.timedelta(days=1)).isoformat()
    future = _problem(
        client.post(url, json={"amount": "1.00", "date": tomorrow}, headers=owner.headers), 422
    )
    assert future["errors"][0]["field"] == "date"
    early = client.post(url, json={"amount": "1.00", "date": "2026-01-31"}, headers=owner.headers)
    _problem(early, 422)
    shape = _problem(client.post(url, json={"amount": "-5"}, headers=owner.headers), 422)
    assert shape["errors"][0]["field"] == "amount"
    smuggled = client.post(url, json={"amount": "1.00", "debt_id": 3}, headers=owner.headers)
    _problem(smuggled, 422)
    assert client.get(url, headers=owner.headers).json()["items"] == []


def test_a_retried_payment_with_its_idempotency_key_is_paid_once(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "500.00", start="2026-02-01")
    url = f"{owner.workspace}/debts/{debt.id}/payments"
    headers = {**owner.headers, "Idempotency-Key": "pay-march"}
    first = client.post(url, json={"amount": "100.00", "date": "2026-03-01"}, headers=headers)
    again = client.post(url, json={"amount": "100.00", "date": "2026-03-01"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    with ctx.uow(write=False) as uow:
        detail = service.show(uow, p, debt.id)
    assert len(detail.payments) == 1
    assert detail.debt.balance == 400


def test_a_debt_add_replays_with_its_idempotency_key(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    contact = make_contact(ctx, owner.person.principal, "Ana")
    url = f"{owner.workspace}/debts"
    headers = {**owner.headers, "Idempotency-Key": "debt-1"}
    body = {**LOAN, "contact_id": contact.id}
    first = client.post(url, json=body, headers=headers)
    again = client.post(url, json=body, headers=headers)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert len(client.get(url, headers=owner.headers).json()["items"]) == 1


def test_the_schedule_is_the_services_plan_and_needs_one(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "1200.00", start="2026-01-15", annual_rate="5.25", instalments=12)
    url = f"{owner.workspace}/debts/{debt.id}/schedule"
    own = client.get(url, headers=owner.headers).json()["items"]
    with ctx.uow(write=False) as uow:
        expected = payments.schedule(uow, p, debt.id)
        monthly = payments.schedule(uow, p, debt.id, monthly_payment="300.00")
    assert len(own) == 12
    assert own == [
        {
            "number": r.number,
            "due": r.due.isoformat(),
            "payment": _money(r.payment),
            "interest": _money(r.interest),
            "principal": _money(r.principal),
            "remaining": _money(r.remaining),
        }
        for r in expected
    ]
    assert own[-1]["remaining"] == "0.00"
    by_month = client.get(url, params={"monthly_payment": "300.00"}, headers=owner.headers)
    assert len(by_month.json()["items"]) == len(monthly)
    plain = make_debt(ctx, p, "100.00", contact="Bruno", start="2026-01-15")
    none = _problem(
        client.get(f"{owner.workspace}/debts/{plain.id}/schedule", headers=owner.headers), 422
    )
    assert none["errors"][0]["field"] == "instalments"
    _problem(client.get(url, params={"instalments": 0}, headers=owner.headers), 422)
    # 100.00 at 0.01 a month would take 10,000 months: refused by the rule, not the shape.
    endless = client.get(
        f"{owner.workspace}/debts/{plain.id}/schedule",
        params={"monthly_payment": "0.01"},
        headers=owner.headers,
    )
    _problem(endless, 409)


def test_deleting_a_debt_removes_its_payments_and_keeps_their_transactions(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "300.00", start="2026-02-01")
    url = f"{owner.workspace}/debts/{debt.id}"
    paid = client.post(
        f"{url}/payments",
        json={
            "amount": "50.00",
            "date": "2026-03-01",
            "payment_method_id": _cash_id(ctx, p),
            "record_transaction": True,
        },
        headers=owner.headers,
    ).json()
    tx_id = paid["payments"][0]["transaction_id"]
    assert client.delete(url, headers=owner.headers).status_code == 204
    _problem(client.get(url, headers=owner.headers), 404)
    _problem(client.get(f"{url}/payments", headers=owner.headers), 404)
    _problem(client.delete(url, headers=owner.headers), 404)
    tx = client.get(f"{owner.workspace}/transactions/{tx_id}", headers=owner.headers)
    assert tx.status_code == 200


def test_debts_are_invisible_to_strangers_and_read_only_to_viewers(
    client: TestClient, ctx: AppContext, owner: Caller
) -> None:
    p = owner.person.principal
    debt = make_debt(ctx, p, "300.00", start="2026-02-01", instalments=3)
    stranger = make_owner(ctx)
    viewer = make_member(ctx, owner, Role.VIEWER)
    for base in (owner.workspace, stranger.workspace):
        url = f"{base}/debts/{debt.id}"
        for method, path, body in [
            ("GET", "", None),
            ("GET", "/payments", None),
            ("GET", "/schedule", None),
            ("POST", "/payments", {"amount": "1.00"}),
            ("DELETE", "", None),
        ]:
            response = client.request(method, url + path, json=body, headers=stranger.headers)
            _problem(response, 404)

    url = f"{owner.workspace}/debts"
    assert client.get(f"{url}/{debt.id}/schedule", headers=viewer.headers).status_code == 200
    body = {**LOAN, "contact_id": debt.contact_id}
    _problem(client.post(url, json=body, headers=viewer.headers), 403)
    _problem(
        client.post(f"{url}/{debt.id}/payments", json={"amount": "1.00"}, headers=viewer.headers),
        403,
    )
    _problem(client.delete(f"{url}/{debt.id}", headers=viewer.headers), 403)
    with ctx.uow(write=False) as uow:
        detail = service.show(uow, p, debt.id)
    assert detail.payments == []
