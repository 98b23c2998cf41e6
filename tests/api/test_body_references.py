"""An id inside a request body that names nothing of yours is bad input: 422 naming the field.

The URL's resource missing (or another workspace's) stays 404; an id in the body that does
not exist, or belongs to another workspace, is a 422 problem whose `errors` name the field,
the same for every route, as the README promises. Nothing is written either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fopymes_server.core.context import AppContext
from tests.api.conftest import Caller, make_owner
from tests.factories import contribute, make_debt, make_goal, make_schedule, record

MISSING = 2_000_000_000


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # below the workspace; {tx}, {goal}, {debt}, {schedule} are filled in
    body: dict[str, Any]
    field: str


TX = {"amount": "1.00", "kind": "expense", "description": "Coffee"}
CASES = [
    Case("POST", "/categories", {"name": "Coffee", "kind": "expense"}, "parent_id"),
    Case("POST", "/transactions", TX, "category_id"),
    Case("POST", "/transactions", TX, "payment_method_id"),
    Case("PATCH", "/transactions/{tx}", {}, "category_id"),
    Case("PATCH", "/transactions/{tx}", {}, "payment_method_id"),
    Case("POST", "/budgets", {"amount": "400.00", "period": "monthly"}, "category_id"),
    Case("POST", "/goals", {"name": "Boat", "target": "1000.00"}, "category_id"),
    Case("PATCH", "/goals/{goal}", {}, "category_id"),
    Case("POST", "/goals/{goal}/contributions", {"amount": "5.00"}, "payment_method_id"),
    Case("POST", "/goals/{goal}/withdrawals", {"amount": "1.00"}, "payment_method_id"),
    Case(
        "POST",
        "/debts",
        {"description": "Laptop", "direction": "i_owe", "principal": "100.00"},
        "contact_id",
    ),
    Case(
        "POST",
        "/debts",
        {"description": "Laptop", "direction": "i_owe", "principal": "100.00"},
        "category_id",
    ),
    Case("POST", "/debts/{debt}/payments", {"amount": "1.00"}, "payment_method_id"),
    Case(
        "POST",
        "/schedules",
        {"name": "Rent", "amount": "850.00", "kind": "expense", "every": "month"},
        "category_id",
    ),
    Case(
        "POST",
        "/schedules",
        {"name": "Rent", "amount": "850.00", "kind": "expense", "every": "month"},
        "payment_method_id",
    ),
    Case("PATCH", "/schedules/{schedule}", {}, "category_id"),
    Case("PATCH", "/schedules/{schedule}", {}, "payment_method_id"),
    Case("POST", "/rules", {"condition": 'description ~ "SHOP"'}, "set_category_id"),
    Case("POST", "/rules", {"condition": 'description ~ "SHOP"'}, "set_method_id"),
]


@dataclass
class Books:
    """A workspace with one of each thing the cases' URLs name, and its bodies' defaults."""

    caller: Caller
    names: dict[str, int]
    defaults: dict[str, int]
    today: str


def _books(ctx: AppContext) -> Books:
    caller = make_owner(ctx)
    principal = caller.person.principal
    debt = make_debt(ctx, principal, "500.00")
    goal = make_goal(ctx, principal)
    contribute(ctx, principal, goal.id, "10.00")  # so that a withdrawal is possible
    return Books(
        caller,
        names={
            "tx": record(ctx, principal).id,
            "goal": goal.id,
            "debt": debt.id,
            "schedule": make_schedule(ctx, principal).id,
        },
        defaults={"contact_id": debt.contact_id},
        today=ctx.clock.today().isoformat(),
    )


def _send(client: TestClient, books: Books, case: Case, value: int) -> Any:
    path = case.path.format(**books.names)
    body = {**case.body, case.field: value}
    if case.method == "POST" and case.path in ("/transactions", "/goals/{goal}/contributions"):
        body.setdefault("date", books.today)
    if case.path == "/debts" and case.field != "contact_id":
        body["contact_id"] = books.defaults["contact_id"]
    if case.path == "/debts":
        body.setdefault("start", books.today)
    if case.path == "/schedules":
        body.setdefault("start", books.today)
    headers = {**books.caller.headers}
    if case.method == "PATCH":
        headers["Content-Type"] = "application/merge-patch+json"
        etag = client.get(f"{books.caller.workspace}{path}", headers=books.caller.headers)
        if "etag" in etag.headers:
            headers["If-Match"] = etag.headers["etag"]
    return client.request(
        case.method, f"{books.caller.workspace}{path}", json=body, headers=headers
    )


@pytest.fixture
def books(ctx: AppContext) -> Books:
    return _books(ctx)


@pytest.fixture
def strangers_ids(ctx: AppContext) -> Callable[[str], int]:
    """Real ids of each kind, but in another workspace."""
    other = _books(ctx)
    principal = other.caller.person.principal
    from fopymes_server.accounts import service as methods
    from fopymes_server.categories import service as categories

    with ctx.uow(write=False) as uow:
        category = categories.list_categories(uow, principal)[0].id
        method = methods.list_methods(uow, principal)[0].id

    def pick(field: str) -> int:
        if "category" in field or field == "parent_id":
            return category
        if "method" in field:
            return method
        return other.defaults["contact_id"]

    return pick


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path} {c.field}")
def test_an_unknown_or_foreign_id_in_a_body_is_a_422_naming_its_field(
    client: TestClient, books: Books, strangers_ids: Callable[[str], int], case: Case
) -> None:
    for value in (MISSING, strangers_ids(case.field)):
        response = _send(client, books, case, value)
        assert response.status_code == 422, (value, response.text)
        problem = response.json()
        assert [e["field"] for e in problem["errors"]] == [case.field], problem


def test_another_workspaces_ids_in_the_url_stay_404(
    client: TestClient, books: Books, ctx: AppContext
) -> None:
    theirs = _books(ctx)
    mine = books.caller
    for path, body in (
        ("/transactions/{tx}", {"note": "n"}),
        ("/goals/{goal}", {"target": "5.00"}),
        ("/schedules/{schedule}", {"amount": "5.00"}),
    ):
        url = f"{mine.workspace}{path.format(**theirs.names)}"
        headers = {**mine.headers, "Content-Type": "application/merge-patch+json"}
        response = client.patch(url, json=body, headers={**headers, "If-Match": '"v1"'})
        assert response.status_code == 404, (path, response.text)
    contribution = client.post(
        f"{mine.workspace}/goals/{theirs.names['goal']}/contributions",
        json={"amount": "1.00", "payment_method_id": MISSING},
        headers=mine.headers,
    )
    assert contribution.status_code == 404
    payment = client.post(
        f"{mine.workspace}/debts/{theirs.names['debt']}/payments",
        json={"amount": "1.00", "payment_method_id": MISSING},
        headers=mine.headers,
    )
    assert payment.status_code == 404
