"""`fopymes init --template`: a shop starts with a business's categories, as
`workspace create --template` does; an unknown template is refused before anything is made."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Terminal
from tests.factories import PASSWORD, random_email


def _init(me: Terminal, *flags: str):  # type: ignore[no-untyped-def]
    return me(
        "init",
        "--email",
        random_email(),
        "--name",
        "Shop",
        "--password-stdin",
        "--workspace",
        "Shop",
        *flags,
        input=PASSWORD + "\n",
    )


def test_init_seeds_the_templates_categories_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    database = tmp_path / "shop.db"
    me = Terminal(home=tmp_path / "home", database_url=f"sqlite:///{database}")
    refused = _init(me, "--template", "farm")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert "template: 'farm' is not a template (use household, business)" in refused.stderr
    assert not database.exists()
    made = _init(me, "--template", "business")
    assert made.exit_code == 0, made.stderr
    names = {c["name"] for c in json.loads(me.ok("category", "list", "-o", "json").stdout)}
    assert {"Sales", "Suppliers", "Payroll"} <= names
    assert "Groceries" not in names
