"""An import preview and the import profiles read the same through the CLI and the API:
`fopymes import csv --dry-run -o json` prints the lines of the API's preview, and
`fopymes import profile list -o json` the API's list."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import API
from tests.contract.conftest import BothEnds

DATA = Path(__file__).resolve().parents[1] / "data"


def _caixa(both: BothEnds) -> None:
    both.cli.ok(
        "import", "profile", "add", "caixa", "--date", "Fecha", "--date-format", "%d/%m/%Y",
        "--amount", "Importe", "--description", "Concepto", "--decimal-comma",
        "--thousands", ".", "--header-row", "3", "--method", "Cash",
    )  # fmt: skip


def test_the_preview_lines_are_the_apis_preview(both: BothEnds) -> None:
    _caixa(both)
    both.cli.ok("rule", "add", "--if", 'description ~ "MERCADONA"', "--set-category", "Groceries")
    file = DATA / "bank_es.csv"
    lines = both.cli_json("import", "csv", str(file), "--profile", "caixa", "--dry-run")
    response = both.api.post(
        f"{API}/workspaces/{both.workspace_id}/imports/csv",
        params={"profile": "caixa"},
        content=file.read_bytes(),
        headers={**both.headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert len(lines) == 6
    assert lines == response.json()["lines"]


def test_the_profile_list_is_the_apis_list(both: BothEnds) -> None:
    _caixa(both)
    listed = both.cli_json("import", "profile", "list")
    assert [p["name"] for p in listed] == ["fopymes", "caixa"]
    assert listed == both.api_json("imports/profiles")["items"]
