"""`fopymes db check`: the month sums balances read are recomputed from the rows.

Damage is made by hand (as a partial restore or a dropped trigger would): the check names
what differs and exits 1; `--repair` rewrites the sums from the rows and balances are right
again.
"""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text

from tests.cli.conftest import Terminal


def _balance(me: Terminal) -> str:
    listed = json.loads(me.ok("account", "list", "-o", "json").stdout)
    return next(a["balance"] for a in listed if a["name"] == "Cash")  # type: ignore[no-any-return]


def test_db_check_finds_a_damaged_month_sum_and_repairs_it(me: Terminal) -> None:
    me.ok(
        "tx", "add", "12.50", "-c", "Groceries", "-m", "Cash", "-D", "Bread", "--date", "2026-01-10"
    )
    me.ok("tx", "add", "40", "--income", "-m", "Cash", "-D", "Gift", "--date", "2026-02-01")
    agreed = me.ok("db", "check")
    assert "month sums agree" in agreed.stderr
    assert _balance(me) == "27.50"
    [workspace] = json.loads(me.ok("workspace", "list", "-o", "json").stdout)
    engine = create_engine(me.database_url)
    with engine.begin() as connection:  # only this test's workspace: others share the database
        connection.execute(
            text(
                "UPDATE account_month_flows SET flow_minor = flow_minor + 100 "
                "WHERE workspace_id = :ws"
            ),
            {"ws": workspace["id"]},
        )
    engine.dispose()
    assert _balance(me) == "29.50"  # both damaged months are before this one
    damaged = me("db", "check")
    assert (damaged.exit_code, damaged.stdout) == (1, "")
    assert "month sums differ from the transactions" in damaged.stderr
    assert "fopymes db check --repair" in damaged.stderr
    assert "2026-01: stored -1150 (cleared -1250), the rows give -1250" in damaged.stderr
    assert "2026-02: stored 4100 (cleared 4000), the rows give 4000" in damaged.stderr
    me.ok("db", "check", "--repair")
    assert "month sums agree" in me.ok("db", "check").stderr
    assert _balance(me) == "27.50"
