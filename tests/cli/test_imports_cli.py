"""`fopymes import ...` and `fopymes rule ...` end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import Terminal
from tests.factories import random_email

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


FIXTURES = Path(__file__).resolve().parents[1] / "imports" / "fixtures"


def test_ofx_accounts_of_one_file_are_mapped_with_account_and_balances_are_shown(
    me: Terminal,
) -> None:
    me.ok("method", "add", "Visa", "--type", "credit_card")
    file = str(FIXTURES / "ofx_latin1_two_accounts.ofx")
    preview = me.ok(
        "import", "ofx", file, "--account", "ES9100491500051234567892=Cash",
        "--account", "4111111111114321=Visa", "--dry-run",
    )  # fmt: skip
    assert "Account 0049/ES9100491500051234567892 -> Cash: opening not given, " in preview.stderr
    assert "closing 1,470.00 EUR on 2026-11-30." in preview.stderr
    assert "3 would be added" in preview.stderr
    bad = me("import", "ofx", file, "--account", "nothing")
    assert (bad.exit_code, bad.stderr.count("\n")) == (2, 1)
    assert "'nothing' is not ACCOUNT=METHOD" in bad.stderr


def test_investment_ofx_imports_cash_and_lists_holdings_lines_as_left_out(
    make_terminal: Callable[..., Terminal],
) -> None:
    me = make_terminal(currency="USD")
    done = me.ok("import", "ofx", str(FIXTURES / "ofx_investment.ofx"), "--method", "Cash")
    assert "left out line 80: TRANSFER: moves holdings, not cash" in done.stderr
    assert "Imported 4 transactions" in done.stderr
    assert "1 lines left out" in done.stderr


def test_a_file_that_is_not_a_statement_is_refused_in_one_line(me: Terminal) -> None:
    result = me("import", "ofx", str(FIXTURES / "ofx_bank_error.ofx"), "--method", "Cash")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.strip().splitlines() == [
        "Error: file: line 8: the bank answered with error 2000: Account not available"
    ]


def test_a_wallet_profile_with_fees_filters_and_fallbacks_imports_the_net_total(
    me: Terminal,
) -> None:
    me.ok(
        "import", "profile", "add", "wallet", "--date", "Date", "--amount", "Gross",
        "--description", "Name", "--fallback-description", "Type", "--fee", "Fee",
        "--exclude", "Status=Pending", "--skip-zero",
    )  # fmt: skip
    file = str(FIXTURES / "csv_wallet_fees.csv")
    preview = me.ok("import", "csv", file, "--profile", "wallet", "--dry-run")
    assert "read as encoding utf-8, delimiter ',', header on line 1." in preview.stderr
    assert "left out line 5: filter: Status is 'Pending', which is excluded" in preview.stderr
    assert "left out line 6: amount: is zero" in preview.stderr
    assert "Fee: Client Alpha" in preview.stdout
    me.ok("import", "csv", file, "--profile", "wallet")
    rows = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    signed = sum(Decimal(r["amount"]) * (1 if r["kind"] == "income" else -1) for r in rows)
    assert signed == Decimal("210.65")
    shown = json.loads(me.ok("import", "profile", "show", "wallet", "-o", "json").stdout)
    assert (shown["fee"], shown["exclude"], shown["header_row"]) == (
        "Fee",
        ["Status=Pending"],
        None,
    )


def test_a_dry_run_table_shows_the_first_rows_as_parsed(me: Terminal, tmp_path: Path) -> None:
    me.ok(
        "import", "profile", "add", "plain", "--date", "date", "--amount", "amount",
        "--description", "what", "--direction", "dc", "--method", "Cash",
    )  # fmt: skip
    body = "".join(f"2026-11-{day:02d},shop {day},1.00,D\n" for day in range(1, 26))
    file = tmp_path / "many.csv"
    file.write_text("date,what,amount,dc\n" + body)
    preview = me.ok("import", "csv", str(file), "--profile", "plain", "--dry-run")
    assert "shop 20" in preview.stdout
    assert "shop 21" not in preview.stdout
    assert "-1.00" in preview.stdout
    assert "... and 5 more rows" in preview.stderr
    assert len(json.loads(me.ok("import", "csv", str(file), "-P", "plain", "--dry-run",
                                "-o", "json").stdout)) == 25  # fmt: skip


def test_fopymes_own_export_imports_into_a_new_workspace_creating_its_names(
    make_terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    alice, bob = make_terminal(), make_terminal()
    alice.ok("category", "add", "Consulting", "--income")
    alice.ok("method", "add", "Visa", "--type", "credit_card")
    alice.ok("tx", "add", "1200.00", "--income", "-c", "Consulting", "-D", "Invoice 7")
    alice.ok("tx", "add", "45.20", "-c", "Groceries", "-m", "Visa", "-D", "=SUM(A1)")
    alice.ok("tx", "add", "3.10", "-m", "Cash", "-D", "Bus")
    export = tmp_path / "alice.csv"
    alice.ok("export", "transactions", "-f", "csv", "--output", str(export))
    refused = bob("import", "csv", str(export), "--profile", "fopymes")
    assert refused.exit_code == 2
    assert "confirmation: needed; pass --yes" in refused.stderr
    assert "category Consulting (income); payment method Visa" in refused.stderr
    preview = bob.ok("import", "csv", str(export), "-P", "fopymes", "--dry-run")
    assert "Would create category Consulting (income); payment method Visa." in preview.stderr
    assert json.loads(bob.ok("method", "list", "-o", "json").stdout)[-1]["name"] != "Visa"
    done = bob.ok("import", "csv", str(export), "-P", "fopymes", "--yes")
    assert "Imported 3 transactions" in done.stderr

    def ledger(who: Terminal) -> list[tuple[str, str, str, str | None, str | None]]:
        rows = json.loads(who.ok("tx", "list", "-o", "json").stdout)
        keys = ("kind", "amount", "description", "category", "payment_method")
        return sorted(tuple(r[k] for k in keys) for r in rows)  # type: ignore[misc]

    assert ledger(bob) == ledger(alice)
    again = bob.ok("import", "csv", str(export), "-P", "fopymes")
    assert "3 duplicates skipped" in again.stderr


def test_norma43_camt_and_mt940_import_from_the_cli_with_their_balances(
    me: Terminal, tmp_path: Path
) -> None:
    for command, name, net in (
        ("norma43", "norma43.n43", "1552.30"),
        ("camt", "camt053.xml", "2691.55"),
        ("mt940", "mt940.sta", "1552.30"),
    ):
        me.ok("method", "add", command, "--type", "bank_account")
        file = str(FIXTURES / name)
        preview = me.ok("import", command, file, "--method", command, "--dry-run")
        assert "opening " in preview.stderr
        assert "nothing written" in preview.stderr
        me.ok("import", command, file, "--method", command)
        rows = json.loads(me.ok("tx", "list", "-m", command, "-o", "json").stdout)
        total = sum(Decimal(r["amount"]) * (1 if r["kind"] == "income" else -1) for r in rows)
        assert total == Decimal(net)
    bad = tmp_path / "bad.n43"
    bad.write_bytes((FIXTURES / "norma43.n43").read_bytes().replace(b"\r\n22", b"\r\n27", 1))
    refused = me("import", "norma43", str(bad), "--method", "norma43")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr.strip().splitlines() == [
        "Error: file: line 2: '27' is not a Norma 43 record (11, 22, 23, 24, 33, 88)"
    ]


def test_a_viewer_previews_an_import_but_cannot_run_it(
    me: Terminal, make_terminal: Callable[..., Terminal]
) -> None:
    _profile(me)
    email = random_email()
    first_password = me.ok("member", "add", email, "--role", "viewer").stdout.strip()
    viewer = make_terminal(signed_up=False)
    viewer.ok("login", "--email", email, "--password-stdin", input=first_password + "\n")
    file = str(DATA / "bank_es.csv")
    preview = viewer.ok("import", "csv", file, "--profile", "caixa", "--dry-run", "-o", "json")
    assert len(json.loads(preview.stdout)) == 6
    refused = viewer("import", "csv", file, "--profile", "caixa")
    assert refused.exit_code == 1
    assert "viewer" in refused.stderr
    assert json.loads(me.ok("tx", "list", "-o", "json").stdout) == []


def _accounts(who: Terminal) -> list[tuple[str, str, str]]:
    listed = json.loads(who.ok("account", "list", "-o", "json").stdout)
    return sorted((a["name"], a["currency"], a["balance"]) for a in listed)


def _transfers(who: Terminal) -> list[tuple[str, ...]]:
    rows = json.loads(who.ok("tx", "list", "--kind", "transfer", "-o", "json").stdout)
    keys = ("date", "amount", "currency", "payment_method", "counter_account", "counter_amount")
    return sorted(tuple(str(r[k]) for k in keys) for r in rows)


def test_an_export_with_transfers_moves_to_a_new_workspace_in_one_command(
    make_terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    alice, bob = make_terminal(), make_terminal()
    alice.ok("account", "add", "Bank")
    alice.ok("account", "add", "Wallet", "--type", "cash", "--currency", "USD")
    alice.ok("tx", "add", "1000", "--income", "-m", "Bank", "-D", "Salary", "-d", "2026-02-01")
    alice.ok("tx", "add", "12.00", "-m", "Cash", "-D", "Lunch", "-d", "2026-02-01")
    alice.ok("tx", "add", "4.50", "-m", "Wallet", "--currency", "USD", "-D", "Coffee")
    alice.ok("transfer", "200", "--from", "Bank", "--to", "Cash", "--date", "2026-02-02")
    alice.ok("transfer", "100", "--from", "Bank", "--to", "Wallet", "--to-amount", "108.35")
    export = tmp_path / "alice.csv"
    alice.ok("export", "transactions", "-f", "csv", "--output", str(export))
    preview = bob.ok("import", "csv", str(export), "-P", "fopymes", "--dry-run")
    assert "Bank -> Wallet (108.35 USD)" in preview.stdout
    assert "Would create payment methods Bank, Wallet (USD)." in preview.stderr
    done = bob.ok("import", "csv", str(export), "-P", "fopymes", "--yes")
    assert "Imported 5 transactions" in done.stderr
    assert _accounts(bob) == _accounts(alice)
    assert _transfers(bob) == _transfers(alice)
    assert len(_transfers(bob)) == 2
    assert ledger_totals(bob) == ledger_totals(alice)
    checked = bob("db", "check")
    assert checked.exit_code == 0, checked.stderr
    assert "month sums agree" in checked.stderr
    again = bob.ok("import", "csv", str(export), "-P", "fopymes")
    assert "Imported 0 transactions" in again.stderr
    assert "5 duplicates skipped" in again.stderr
    assert _accounts(bob) == _accounts(alice)


def ledger_totals(who: Terminal) -> dict[str, str]:
    """Income and expense per currency, as `tx list` sums them (transfers are neither)."""
    rows = json.loads(who.ok("tx", "list", "-o", "json").stdout)
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row["kind"] != "transfer":
            key = f"{row['kind']} {row['currency']}"
            totals[key] = totals.get(key, Decimal(0)) + Decimal(row["amount"])
    return {key: str(value) for key, value in totals.items()}


def test_a_transfer_to_an_account_that_cannot_exist_is_one_line_and_nothing_is_written(
    make_terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    alice, bob = make_terminal(), make_terminal()
    alice.ok("account", "add", "Bank")
    alice.ok("tx", "add", "12.00", "-m", "Cash", "-D", "Lunch")
    alice.ok("transfer", "200", "--from", "Bank", "--to", "Cash", "--date", "2026-02-01")
    export = tmp_path / "alice.csv"
    alice.ok("export", "transactions", "-f", "csv", "--output", str(export))
    long_name = "Savings " * 13
    text = export.read_text().replace(",transfer,Cash,", f",transfer,{long_name},")
    export.write_text(text)
    before = (bob.ok("tx", "list", "-o", "json").stdout, _accounts(bob))
    refused = bob("import", "csv", str(export), "-P", "fopymes", "--yes")
    assert (refused.exit_code, refused.stdout) == (2, "")
    errors = [line for line in refused.stderr.splitlines() if "line 2" in line]
    assert errors == [
        f"alice.csv: line 2: to account: '{long_name[:40]}' cannot be an account's name: "
        "must be at most 100 characters"
    ]
    assert "1 bad row; nothing was imported" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (bob.ok("tx", "list", "-o", "json").stdout, _accounts(bob)) == before


def test_rule_apply_previews_asks_and_then_changes_all_at_once(me: Terminal) -> None:
    me.ok("tx", "add", "12.99", "-D", "NETFLIX.COM", "--date", "2026-11-02")
    me.ok("tx", "add", "40", "-D", "Bakery", "-c", "Groceries", "--date", "2026-11-03")
    me.ok("rule", "add", "--if", 'description ~ "netflix"', "--set-category", "Leisure")
    before = me.ok("tx", "list", "-o", "json").stdout
    preview = me.ok("rule", "apply", "--dry-run")
    assert "NETFLIX.COM" in preview.stdout
    assert "- → Leisure" in preview.stdout
    assert "1 would change (categories 1" in preview.stderr
    refused = me("rule", "apply")
    assert refused.exit_code == 2
    assert "--yes" in refused.stderr
    assert me.ok("tx", "list", "-o", "json").stdout == before
    applied = json.loads(me.ok("rule", "apply", "--yes", "-o", "json").stdout)
    assert (applied["dry_run"], applied["changed"], applied["examined"]) == (False, 1, 2)
    rows = json.loads(me.ok("tx", "list", "-o", "json").stdout)
    assert {r["description"]: r["category"] for r in rows} == {
        "NETFLIX.COM": "Leisure",
        "Bakery": "Groceries",
    }
    again = me.ok("rule", "apply", "--yes")
    assert "Nothing to change." in again.stdout + again.stderr
