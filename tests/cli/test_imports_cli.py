"""`fopymes import ...` and `fopymes rule ...` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Terminal

DATA = Path(__file__).resolve().parents[1] / "data"


def _profile(me: Terminal) -> None:
    me.ok(
        "import",
        "profile",
        "add",
        "caixa",
        "--date",
        "Fecha",
        "--date-format",
        "%d/%m/%Y",
        "--amount",
        "Importe",
        "--description",
        "Concepto",
        "--decimal-comma",
        "--thousands",
        ".",
        "--header-row",
        "3",
        "--method",
        "Cash",
    )


def test_a_dry_run_prints_the_rows_and_writes_nothing_then_the_import_runs_once(
    me: Terminal,
) -> None:
    _profile(me)
    me.ok(
        "rule", "add", "--if", 'description ~ "MERCADONA|CARREFOUR"', "--set-category", "Groceries"
    )
    preview = me.ok(
        "import", "csv", str(DATA / "bank_es.csv"), "--profile", "caixa", "--dry-run", "-o", "json"
    )
    rows = json.loads(preview.stdout)
    assert len(rows) == 6
    assert rows[0]["category"] == "Groceries"
    assert "nothing written" in preview.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []
    done = me.ok("import", "csv", str(DATA / "bank_es.csv"), "--profile", "caixa")
    assert "Imported 6 transactions" in done.stderr
    again = me.ok("import", "csv", str(DATA / "bank_es.csv"), "--profile", "caixa")
    assert "Imported 0 transactions" in again.stderr
    assert "6 duplicates" in again.stderr
    assert len(json.loads(me.ok("tx", "list", "-o", "json").stdout)) == 6


def test_bad_rows_are_all_listed_on_stderr_and_nothing_is_imported(
    me: Terminal, tmp_path: Path
) -> None:
    _profile(me)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (DATA / "bank_es.csv")
        .read_bytes()
        .replace(b"-12,35", b"x")
        .replace(b"05/11/2026", b"35/11/2026")
    )
    result = me("import", "csv", str(bad), "--profile", "caixa")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "line 5: amount" in result.stderr
    assert "line 6: date" in result.stderr
    assert "nothing was imported" in result.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


def test_ofx_import_with_a_method_that_is_remembered(me: Terminal) -> None:
    first = me("import", "ofx", str(DATA / "statement.ofx"))
    assert first.exit_code == 2
    assert "--method" in first.stderr
    me.ok("import", "ofx", str(DATA / "statement.ofx"), "--method", "Cash")
    again = me.ok("import", "ofx", str(DATA / "statement.ofx"))
    assert "4 duplicates" in again.stderr


def test_profiles_and_rules_are_listed_shown_and_removed(me: Terminal) -> None:
    _profile(me)
    names = [p["name"] for p in json.loads(me.ok("import", "profile", "list", "-o", "json").stdout)]
    assert names == ["fopymes", "caixa"]
    shown = json.loads(me.ok("import", "profile", "show", "caixa", "-o", "json").stdout)
    assert (shown["decimal"], shown["thousands"], shown["header_row"]) == (",", ".", 3)
    me.ok("import", "profile", "rm", "caixa")
    assert me("import", "profile", "show", "caixa").exit_code == 1
    rule_id = me.ok("rule", "add", "--if", "amount > 100", "--set-description", "Big").stdout
    assert json.loads(me.ok("rule", "list", "-o", "json").stdout)[0]["set_description"] == "Big"
    me.ok("rule", "rm", rule_id.strip())
    assert me("rule", "rm", rule_id.strip()).exit_code == 1
    bad = me("rule", "add", "--if", 'description ~ "(?<!x)y"', "--set-category", "Groceries")
    assert bad.exit_code == 2
    assert "lookaround or backreference" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1  # not RE2's own log line as well


def test_an_ofx_amount_that_is_not_a_decimal_is_refused_naming_its_line(
    me: Terminal, tmp_path: Path
) -> None:
    for amount in ("NaN", "Infinity", "1e5"):
        bad = tmp_path / f"{amount}.ofx"
        bad.write_bytes((DATA / "statement.ofx").read_bytes().replace(b"-45.20", amount.encode()))
        result = me("import", "ofx", str(bad), "--method", "Cash")
        assert (result.exit_code, result.stdout) == (2, "")
        assert f"line 43: amount: TRNAMT '{amount}' is not a decimal number" in result.stderr
        assert "Traceback" not in result.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []
