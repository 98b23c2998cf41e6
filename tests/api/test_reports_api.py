"""Reports over REST on both databases: JSON, files read back, e-mail through the outbox,
schedules, and who may do what."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from fopymes_server.core.context import AppContext
from fopymes_server.core.principal import Principal, Role
from fopymes_server.identity import service as identity
from fopymes_server.mail import service as mail
from fopymes_server.mail.outbox import RetryPolicy, deliver_due
from fopymes_server.reports import service
from fopymes_server.reports.periods import parse_period
from fopymes_server.transactions.schemas import Kind
from tests.api.conftest import Caller, make_member, make_owner, personal_token
from tests.factories import PASSWORD, Person, at_noon, hand_clock, random_email, record
from tests.mail.server import SmtpServer, smtp

__all__ = ["smtp"]  # the loopback SMTP server fixture

TODAY = date(2026, 11, 25)
PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def books(ctx: AppContext, owner: Caller) -> Caller:
    """October 2026: 3210.50 in, 1234.56 + 45.20 out; September: 99.00 out. Today is
    2026-11-25, so last month is October."""
    hand_clock(ctx, at_noon(TODAY.isoformat()))
    p = owner.person.principal
    record(ctx, p, "3210.50", kind=Kind.INCOME, date="2026-10-27", description="Pay")
    record(ctx, p, "1234.56", category="Housing", date="2026-10-01", description="Rent")
    record(ctx, p, "45.20", category="Groceries", date="2026-10-02", description="Mercadona")
    record(ctx, p, "99.00", category="Groceries", date="2026-09-03", description="Shop")
    return owner


def _report(client: TestClient, caller: Caller, **params: str) -> Any:
    return client.get(f"{caller.workspace}/reports", params=params, headers=caller.headers)


def _download(client: TestClient, caller: Caller, **params: str) -> Any:
    return client.get(f"{caller.workspace}/reports/download", params=params, headers=caller.headers)


def test_the_json_report_is_the_services_model_with_amounts_as_strings(
    client: TestClient, ctx: AppContext, books: Caller
) -> None:
    response = _report(client, books, period="last-month")
    assert response.status_code == 200
    body = response.json()
    with ctx.uow(write=False) as uow:
        expected = service.show(
            uow, books.person.principal, period=parse_period("2026-10", TODAY)
        ).model_dump(mode="json")
    assert {k: v for k, v in body.items() if k != "generated_at"} == {
        k: v for k, v in expected.items() if k != "generated_at"
    }
    assert body["kpis"] == {
        "income": "3210.50",
        "expense": "1279.76",
        "net": "1930.74",
        "savings_rate": "0.6014",
        "count": 3,
    }
    assert body["previous_kpis"]["expense"] == "99.00"
    assert {line["name"]: line["amount"] for line in body["expenses_by_category"]} == {
        "Housing": "1234.56",
        "Groceries": "45.20",
    }


def test_the_etag_ignores_generated_at_and_changes_with_the_figures(
    client: TestClient, ctx: AppContext, books: Caller
) -> None:
    first = _report(client, books, month="2026-10")
    tag = first.headers["etag"]
    hand_clock(ctx, at_noon("2026-11-26"))  # a later generated_at, the same figures
    again = client.get(
        f"{books.workspace}/reports",
        params={"month": "2026-10"},
        headers={**books.headers, "If-None-Match": tag},
    )
    assert again.status_code == 304
    record(ctx, books.person.principal, "1.00", date="2026-10-15")
    changed = client.get(
        f"{books.workspace}/reports",
        params={"month": "2026-10"},
        headers={**books.headers, "If-None-Match": tag},
    )
    assert changed.status_code == 200
    assert changed.json()["kpis"]["expense"] == "1280.76"


@pytest.mark.parametrize(
    ("params", "start", "end", "label"),
    [
        ({}, "2026-11-01", "2026-11-30", "2026-11"),
        ({"period": "last-month"}, "2026-10-01", "2026-10-31", "2026-10"),
        ({"period": "this-month"}, "2026-11-01", "2026-11-30", "2026-11"),
        ({"period": "last-quarter"}, "2026-07-01", "2026-09-30", "2026Q3"),
        ({"period": "ytd"}, "2026-01-01", "2026-11-25", "2026-ytd"),
        ({"period": "last-12-months"}, "2025-11-01", "2026-10-31", "2025-11..2026-10"),
        ({"period": "2026-10-02..2026-10-27"}, "2026-10-02", "2026-10-27", None),
        ({"month": "2026-10"}, "2026-10-01", "2026-10-31", "2026-10"),
        ({"quarter": "2026Q4"}, "2026-10-01", "2026-12-31", "2026Q4"),
        ({"year": "2026"}, "2026-01-01", "2026-12-31", "2026"),
        ({"date_from": "2026-10-01", "date_to": "2026-10-31"}, "2026-10-01", "2026-10-31", None),
        ({"date_from": "2026-10-01"}, "2026-10-01", "2026-11-25", None),
    ],
)
def test_every_way_of_naming_a_period_reads_as_the_cli_reads_it(
    client: TestClient,
    books: Caller,
    params: dict[str, str],
    start: str,
    end: str,
    label: str | None,
) -> None:
    body = _report(client, books, **params).json()
    assert (body["period"]["start"], body["period"]["end"]) == (start, end)
    assert body["period"]["label"] == (label or f"{start}..{end}")
    assert body["kpis"]["income"] == ("3210.50" if start <= "2026-10-27" <= end else "0.00")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"month": "2026-13"}, "month"),
        ({"month": "2026Q3"}, "month"),
        ({"quarter": "2026Q5"}, "quarter"),
        ({"year": "26"}, "year"),
        ({"period": "next-week"}, "period"),
        ({"period": "last-month", "month": "2026-10"}, "period"),
        ({"month": "2026-10", "date_from": "2026-10-01"}, "period"),
        ({"date_to": "2026-10-31"}, "to"),
        ({"date_from": "2026-10-31", "date_to": "2026-10-01"}, "from"),
        ({"date_from": "31/10/2026"}, "from"),
        ({"period": "0001-02"}, "period"),
        ({"period": "0002-01-01..9999-12-31"}, "period"),
    ],
)
def test_a_bad_period_is_a_422_problem_naming_the_field(
    client: TestClient, books: Caller, params: dict[str, str], field: str
) -> None:
    for response in (_report(client, books, **params), _download(client, books, **params)):
        assert response.status_code == 422
        assert response.headers["content-type"] == PROBLEM
        problem = response.json()
        assert problem["type"] == "urn:fopymes:problem:validation"
        assert [e["field"] for e in problem["errors"]] == [field]


def test_the_pdf_download_holds_the_period_and_the_totals(
    client: TestClient, books: Caller
) -> None:
    response = _download(client, books, format="pdf", period="last-month")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="fopymes-books-2026-10.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2026-10-01 to 2026-10-31" in text
    for figure in ("3,210.50", "1,279.76", "1,930.74", "1,234.56"):
        assert figure in text
    default = _download(client, books, period="last-month")  # pdf, as the CLI defaults
    assert default.headers["content-type"] == "application/pdf"


def test_the_xlsx_download_has_the_sheets_and_numeric_totals(
    client: TestClient, books: Caller
) -> None:
    response = _download(client, books, format="xlsx", quarter="2026Q4")
    assert response.headers["content-type"] == XLSX
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="fopymes-books-2026q4.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert {"Summary", "By category", "Budgets", "Goals", "Transactions"} <= set(book.sheetnames)
    values = {row[0].value: row[2] for row in book["Summary"].iter_rows(min_row=2, max_row=6)}
    assert values["Income"].data_type == "n"
    assert Decimal(str(values["Income"].value)) == Decimal("3210.50")
    assert Decimal(str(values["Expenses"].value)) == Decimal("1279.76")
    rows = list(book["Transactions"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3


def test_a_csv_download_is_one_table_or_a_zip_of_every_table(
    client: TestClient, books: Caller
) -> None:
    one = _download(client, books, format="csv", table="expenses_by_category", month="2026-10")
    assert one.headers["content-type"].startswith("text/csv")
    assert (
        one.headers["content-disposition"]
        == 'attachment; filename="fopymes-books-2026-10-expenses_by_category.csv"'
    )
    rows = {row["category"]: row for row in csv.DictReader(io.StringIO(one.text))}
    assert rows["Housing"]["amount"] == "1234.56"
    assert rows["Groceries"]["amount"] == "45.20"
    largest = _download(client, books, format="csv", table="largest-expenses", month="2026-10")
    assert (
        'filename="fopymes-books-2026-10-largest_expenses.csv"'
        in (largest.headers["content-disposition"])
    )
    assert largest.text.splitlines()[0] == "date,description,category,method,amount,id"
    every = _download(client, books, format="csv", month="2026-10")
    assert every.headers["content-type"] == "application/zip"
    assert (
        every.headers["content-disposition"] == 'attachment; filename="fopymes-books-2026-10.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(every.content)) as archive:
        names = set(archive.namelist())
        summary = archive.read("fopymes-books-2026-10-summary.csv").decode()
    assert {"fopymes-books-2026-10-trend.csv", "fopymes-books-2026-10-daily.csv"} <= names
    assert "Income,money,3210.50" in summary
    for params in ({"format": "csv", "table": "nope"}, {"format": "pdf", "table": "trend"}):
        refused = _download(client, books, **params)
        assert refused.status_code == 422
        assert [e["field"] for e in refused.json()["errors"]] == ["table"]
    assert _download(client, books, format="docx").status_code == 422


def test_a_workspace_named_beyond_ascii_still_gets_its_file_name(
    client: TestClient, ctx: AppContext
) -> None:
    email = random_email("owner")
    with ctx.uow() as uow:
        setup = identity.setup(
            uow,
            email=email,
            name="Ana",
            password=PASSWORD,
            workspace_name="Librería Ñandú",
            currency="EUR",
        )
    principal = Principal(setup.user.id, setup.workspace.id, Role.OWNER)
    caller = Caller(Person(email, principal), personal_token(ctx, Person(email, principal)))
    response = _download(client, caller, format="pdf", month="2026-10")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="fopymes-librer_a-_and_-2026-10.pdf"; '
        "filename*=UTF-8''fopymes-librer%C3%ADa-%C3%B1and%C3%BA-2026-10.pdf"
    )


def test_a_second_workspace_sees_none_of_the_firsts_rows(
    client: TestClient, ctx: AppContext, books: Caller
) -> None:
    other = make_owner(ctx)
    record(ctx, other.person.principal, "777.77", date="2026-10-05", description="Hidden")
    mine = _report(client, books, month="2026-10").json()
    theirs = _report(client, other, month="2026-10").json()
    assert theirs["kpis"]["expense"] == "777.77"
    assert theirs["kpis"]["income"] == "0.00"
    assert [line["description"] for line in theirs["largest_expenses"]] == ["Hidden"]
    assert "777.77" not in str(mine)
    assert "Hidden" not in str(mine)
    csv_text = _download(client, other, format="csv", table="largest_expenses").text
    assert "Rent" not in csv_text
    assert "Mercadona" not in csv_text
    stranger = client.get(
        f"{books.workspace}/reports/download", params={"month": "2026-10"}, headers=other.headers
    )
    assert stranger.status_code == 404
    assert stranger.headers["content-type"] == PROBLEM
    probing = client.get(
        f"{books.workspace}/reports", params={"month": "2026-13"}, headers=other.headers
    )
    assert probing.status_code == 404  # no 422 telling a stranger the workspace exists


def test_a_viewer_reads_reports_but_may_not_e_mail_them(
    client: TestClient, ctx: AppContext, books: Caller
) -> None:
    viewer = make_member(ctx, books, Role.VIEWER)
    assert _report(client, viewer, month="2026-10").json()["kpis"]["income"] == "3210.50"
    assert _download(client, viewer, format="csv", table="summary").status_code == 200
    refused = client.post(
        f"{viewer.workspace}/reports/email",
        json={"to": "boss@example.com", "month": "2026-10"},
        headers=viewer.headers,
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == PROBLEM
    with ctx.uow(write=False) as uow:
        assert mail.outbox(uow, books.person.principal) == []


def test_e_mailing_queues_one_message_with_the_report_attached_even_when_retried(
    client: TestClient, ctx: AppContext, books: Caller, smtp: SmtpServer
) -> None:
    url = f"{books.workspace}/reports/email"
    body = {"to": "boss@example.com", "period": "last-month", "format": "pdf"}
    headers = {**books.headers, "Idempotency-Key": "report-october-1"}
    first = client.post(url, json=body, headers=headers)
    assert first.status_code == 202
    sent = first.json()
    assert sent["to"] == "boss@example.com"
    assert sent["attachment"] == "fopymes-books-2026-10.pdf"
    assert sent["content_type"] == "application/pdf"
    assert sent["period"] == {"start": "2026-10-01", "end": "2026-10-31", "label": "2026-10"}
    again = client.post(url, json=body, headers=headers)
    assert again.status_code == 202
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == sent
    with ctx.uow(write=False) as uow:
        [queued] = mail.outbox(uow, books.person.principal)
    assert (queued.id, queued.to_address) == (sent["message_id"], "boss@example.com")
    assert "2026-10" in queued.subject
    policy = RetryPolicy(max_attempts=3, first_delay=timedelta(minutes=1))
    report = deliver_due(
        ctx, smtp.sender(), now=ctx.clock.now(), policy=policy, only=sent["message_id"]
    )
    assert report.sent == 1
    [message] = smtp.inbox.to("boss@example.com")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "fopymes-books-2026-10.pdf"
    assert attachment.get_content_type() == "application/pdf"
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert len(payload) == sent["size"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)
    assert "3,210.50" in text


def test_an_e_mailed_csv_table_and_bad_e_mail_requests(
    client: TestClient, ctx: AppContext, books: Caller
) -> None:
    url = f"{books.workspace}/reports/email"
    table = client.post(
        url,
        json={"to": "a@example.com", "month": "2026-10", "format": "csv", "table": "trend"},
        headers=books.headers,
    )
    assert table.status_code == 202
    assert table.json()["content_type"] == "text/csv"
    every = client.post(
        url,
        json={"to": "a@example.com", "quarter": "2026Q4", "format": "csv"},
        headers=books.headers,
    )
    assert every.json()["attachment"] == "fopymes-books-2026q4.zip"
    for bad, field in [
        ({"to": "not-an-address", "month": "2026-10"}, "email"),
        ({"to": "a@example.com", "month": "2026-10", "workspace_id": 1}, "workspace_id"),
        ({"to": "a@example.com", "month": "2026-10", "year": "2026"}, "period"),
        ({"to": "a@example.com", "format": "docx"}, "format"),
    ]:
        refused = client.post(url, json=bad, headers=books.headers)
        assert refused.status_code == 422, bad
        assert refused.headers["content-type"] == PROBLEM
        assert field in {e["field"] for e in refused.json()["errors"]}
    with ctx.uow(write=False) as uow:
        assert len(mail.outbox(uow, books.person.principal)) == 2


def test_report_schedules_are_added_listed_and_removed_by_writers_only(
    client: TestClient, ctx: AppContext, books: Caller
) -> None:
    url = f"{books.workspace}/reports/schedules"
    viewer = make_member(ctx, books, Role.VIEWER)
    editor = make_member(ctx, books, Role.EDITOR)
    stranger = make_owner(ctx)
    body = {"frequency": "quarterly", "format": "xlsx", "to": "Boss@Example.com"}
    assert client.post(url, json=body, headers=viewer.headers).status_code == 403
    assert client.post(url, json=body, headers=stranger.headers).status_code == 404
    made = client.post(url, json=body, headers=editor.headers)
    assert made.status_code == 201
    created = made.json()
    assert created["period"] == "last-quarter"
    assert created["format"] == "xlsx"
    assert created["next_run_on"] == "2027-01-01"
    listed = client.get(url, headers=viewer.headers)
    assert listed.json() == {"items": [created]}
    assert client.get(url, headers=stranger.headers).status_code == 404
    one = f"{url}/{created['id']}"
    assert client.delete(one, headers=viewer.headers).status_code == 403
    assert client.delete(one, headers=stranger.headers).status_code == 404
    other = client.delete(
        f"{stranger.workspace}/reports/schedules/{created['id']}", headers=stranger.headers
    )
    assert other.status_code == 404
    assert client.delete(one, headers=books.headers).status_code == 204
    assert client.delete(one, headers=books.headers).status_code == 404
    assert client.get(url, headers=books.headers).json() == {"items": []}
    for bad in (
        {"frequency": "weekly", "to": "a@example.com"},
        {"frequency": "monthly", "to": "a@example.com", "next_run_on": "2026-12-01"},
        {"frequency": "monthly", "to": "nobody"},
    ):
        assert client.post(url, json=bad, headers=books.headers).status_code == 422
