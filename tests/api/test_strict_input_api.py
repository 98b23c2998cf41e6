"""Strict input over REST: dates are YYYY-MM-DD inside one range, booleans are true or
false, amounts are plain decimals; all of it a 422 naming the field, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Caller

EXPENSE = {"amount": "45.20", "date": "2026-11-02", "description": "Mercadona"}


def _fields(response: Any) -> set[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {error["field"] for error in response.json()["errors"]}


@pytest.mark.parametrize("day", [0, 1700000000, "0", "2026-11-02T10:00:00", "0001-01-01"])
def test_a_transaction_date_is_a_day_of_the_range_written_yyyy_mm_dd(
    client: TestClient, owner: Caller, day: object
) -> None:
    url = f"{owner.workspace}/transactions"
    response = client.post(url, json={**EXPENSE, "date": day}, headers=owner.headers)
    assert _fields(response) == {"date"}
    assert client.get(url, headers=owner.headers).json()["items"] == []


@pytest.mark.parametrize("day", ["1899-12-31", "3000-01-01", "9999-12-31"])
def test_dates_outside_1900_to_2999_are_refused_with_the_range(
    client: TestClient, owner: Caller, day: str
) -> None:
    response = client.post(
        f"{owner.workspace}/transactions", json={**EXPENSE, "date": day}, headers=owner.headers
    )
    assert _fields(response) == {"date"}
    assert "1900-01-01 to 2999-12-31" in response.text


def test_the_range_edges_themselves_are_days_like_any_other(
    client: TestClient, owner: Caller
) -> None:
    for day in ("1900-01-01", "2999-12-31"):
        response = client.post(
            f"{owner.workspace}/transactions", json={**EXPENSE, "date": day}, headers=owner.headers
        )
        assert response.status_code == 201, response.text
        assert response.json()["date"] == day


@pytest.mark.parametrize(
    "query",
    ["date_from=0", "date_to=1700000000", "date_from=0001-01-01", "date_to=9999-12-31"],
)
def test_date_query_parameters_are_strict_too(
    client: TestClient, owner: Caller, query: str
) -> None:
    response = client.get(f"{owner.workspace}/transactions?{query}", headers=owner.headers)
    assert _fields(response) == {query.split("=")[0]}


def test_budget_status_of_date_zero_is_not_1970(client: TestClient, owner: Caller) -> None:
    response = client.get(f"{owner.workspace}/budgets/status?date=0", headers=owner.headers)
    assert _fields(response) == {"date"}


@pytest.mark.parametrize("quiet", [0, 1, "false", "no", None])
def test_quiet_is_true_or_false_and_nothing_else(
    client: TestClient, owner: Caller, quiet: object
) -> None:
    url = f"{owner.workspace}/notifications/preferences"
    response = client.put(url, json={"email_types": [], "quiet": quiet}, headers=owner.headers)
    assert _fields(response) == {"quiet"}
    accepted = client.put(url, json={"email_types": [], "quiet": True}, headers=owner.headers)
    assert accepted.status_code == 200
    assert accepted.json()["quiet"] is True


@pytest.mark.parametrize("flag", ["1", "0", "yes", "on"])
def test_boolean_query_parameters_are_true_or_false(
    client: TestClient, owner: Caller, flag: str
) -> None:
    response = client.get(f"{owner.workspace}/notifications?unread={flag}", headers=owner.headers)
    assert _fields(response) == {"unread"}
    assert (
        client.get(f"{owner.workspace}/notifications?unread=true", headers=owner.headers)
    ).status_code == 200


@pytest.mark.parametrize(
    "amount", ["1e5", "1E-2", "1_000", "\u0661\u0662", "\uff11\uff12", "NaN", "Infinity", "-5"]
)
def test_amounts_are_plain_decimal_strings(client: TestClient, owner: Caller, amount: str) -> None:
    url = f"{owner.workspace}/transactions"
    response = client.post(url, json={**EXPENSE, "amount": amount}, headers=owner.headers)
    assert _fields(response) == {"amount"}
    assert client.get(url, headers=owner.headers).json()["items"] == []


@pytest.mark.parametrize(
    "query",
    [
        "period=9999-12",
        "period=2999-12",
        "month=2999-12",
        "year=2999",
        "quarter=2999Q4",
        "date_from=2999-12-01&date_to=2999-12-31",
        "period=1900-01",
    ],
)
def test_reports_at_the_edges_of_the_range_never_answer_500(
    client: TestClient, owner: Caller, query: str
) -> None:
    response = client.get(f"{owner.workspace}/reports?{query}", headers=owner.headers)
    assert response.status_code in (200, 422), response.text
    if "9999" in query:
        assert _fields(response) == {"period"}
