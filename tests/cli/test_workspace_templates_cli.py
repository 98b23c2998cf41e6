"""Workspace templates, the hint after init, and why a category cannot be removed."""

from __future__ import annotations

import json

from tests.cli.conftest import Terminal
from tests.factories import PASSWORD, random_email


def _names(me: Terminal) -> set[str]:
    return {c["name"] for c in json.loads(me.ok("category", "list", "-o", "json").stdout)}


def test_a_business_workspace_starts_with_business_categories(me: Terminal) -> None:
    me.ok("workspace", "create", "Corner Shop", "--template", "business")
    names = _names(me)
    assert {"Sales", "Services", "Suppliers", "Payroll", "Rent", "Taxes", "Fees"} <= names
    assert "Groceries" not in names
    me.ok("workspace", "create", "Home")
    assert {"Groceries", "Salary"} <= _names(me)


def test_an_unknown_template_is_refused_before_anything_is_made(me: Terminal) -> None:
    refused = me("workspace", "create", "Odd", "--template", "castle")
    assert refused.exit_code == 2
    assert "template" in refused.stderr
    listed = json.loads(me.ok("workspace", "list", "-o", "json").stdout)
    assert "Odd" not in {w["name"] for w in listed}


def test_the_hint_after_init_names_a_category_the_workspace_has(me: Terminal) -> None:
    fresh = Terminal(home=me.home.parent / "fresh", database_url=me.database_url)

    result = fresh.ok(
        "init",
        "--email",
        random_email(),
        "--name",
        "New",
        "--password-stdin",
        "--workspace",
        "Mine",
        "--currency",
        "EUR",
        input=PASSWORD + "\n",
    )
    hint = next(line for line in result.stderr.splitlines() if line.startswith("Next:"))
    category = hint.split("--category ")[1].split(" --")[0].strip("'")
    assert category == "Groceries"
    assert category in _names(fresh)
    fresh.ok(*hint.removeprefix("Next: fopymes ").replace("'First purchase'", "First").split())


def test_removing_a_category_in_use_says_what_uses_it(me: Terminal) -> None:
    me.ok("tx", "add", "5", "-c", "Groceries", "-D", "Bread", "--date", "2026-11-01")
    refused = me("category", "rm", "Groceries")
    assert refused.exit_code == 1
    assert "in use (1 transaction)" in refused.stderr
    me.ok("category", "add", "Bakery", "--parent", "Housing")
    parent = me("category", "rm", "Housing")
    assert "in use (1 sub-category)" in parent.stderr
    assert "(0 " not in parent.stderr
