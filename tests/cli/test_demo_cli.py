"""`fopymes demo` fills a workspace with a realistic year a newcomer can explore."""

from __future__ import annotations

import json
from datetime import date

from tests.cli.conftest import Terminal


def test_demo_adds_a_year_of_incomes_and_expenses_across_categories_and_methods(
    me: Terminal,
) -> None:
    result = me.ok("demo")
    assert "Added" in result.stderr
    rows = json.loads(me.ok("tx", "list", "--limit", "10000", "-o", "json").stdout)
    assert len(rows) > 200
    kinds = {r["kind"] for r in rows}
    months = {r["date"][:7] for r in rows}
    assert kinds == {"income", "expense"}
    assert len(months) >= 12
    assert len({r["category"] for r in rows}) >= 8
    assert len({r["payment_method"] for r in rows}) >= 3
    assert max(date.fromisoformat(r["date"]) for r in rows) <= date.today()
    methods = json.loads(me.ok("method", "list", "-o", "json").stdout)
    assert {"Cash", "Debit card", "Credit card", "Bank account"} <= {m["name"] for m in methods}


def test_demo_is_refused_for_a_viewer(me: Terminal, make_terminal) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import random_email

    email = random_email()
    first_password = me.ok("member", "add", email, "--role", "viewer").stdout.strip()
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", email, "--password-stdin", input=first_password + "\n")
    refused = viewer("--workspace", "Books", "demo")
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []
