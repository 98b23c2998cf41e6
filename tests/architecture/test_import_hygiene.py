"""The CLI starts light and the layers stay honest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("textual", "fastapi", "uvicorn", "reportlab", "openpyxl", "starlette")
ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from fopymes_cli.main import app
try:
    app(sys.argv[1:], prog_name="fopymes")
except SystemExit:
    pass
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)
"""


def _modules_after(args: list[str], env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        timeout=120,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_loads_no_database_orm_or_heavy_ui(tmp_path: Path) -> None:
    loaded = _modules_after(["--help"], {"FOPYMES_HOME": str(tmp_path)})
    forbidden = {*HEAVY, "sqlalchemy", "psycopg", "alembic", "pydantic", "keyring", "argon2"}
    assert loaded.isdisjoint(forbidden), loaded & forbidden


def test_tx_list_loads_no_heavy_ui_or_report_libraries(tmp_path: Path, database_url: str) -> None:
    loaded = _modules_after(
        ["tx", "list"],
        {
            "FOPYMES_HOME": str(tmp_path),
            "FOPYMES_DATABASE_URL": database_url,
            "FOPYMES_NO_KEYRING": "1",
        },
    )
    assert "sqlalchemy" in loaded  # the probe really reached the database layer
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run(
        [str(lint_imports)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
