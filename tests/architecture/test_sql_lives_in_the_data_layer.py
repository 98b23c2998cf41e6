"""Only the data layer speaks SQLAlchemy: repositories, models, migrations, the unit of work.

DESIGN: "repositories hold SQL". A service, a rule, a front end or a schema that imports
SQLAlchemy means a repository method is missing. The import graph (grimp, which
import-linter also reads) is checked module by module; the few data-layer modules that are
not named `repository.py` or `models.py` are named here with the reason.
"""

from __future__ import annotations

import grimp

DATA_LAYER_NAMES = ("repository", "models")
"""`<feature>/repository.py` and `<feature>/models.py`, or `<part>_repository.py` and
`<part>_models.py` beside them."""
ALSO_DATA_LAYER = {
    "fopymes_server.core.database": "engines, pools and the schema check",
    "fopymes_server.core.orm": "the declarative base and column types",
    "fopymes_server.core.uow": "the session every repository shares",
    "fopymes_server.accounts.balances": "the balances repository and the legs of an account",
    "fopymes_server.transactions.movements": "income, expense and transfer as SQL predicates",
    "fopymes_server.transactions.lines": "category lines: unsplit rows and split parts as SQL",
    "fopymes_server.transactions.matching": "text search and 'uncategorised' as SQL predicates",
}


def _data_layer(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return (
        last in DATA_LAYER_NAMES
        or last.endswith(tuple(f"_{name}" for name in DATA_LAYER_NAMES))
        or ".migrations." in f"{module}."
        or module in ALSO_DATA_LAYER
    )


def test_only_the_data_layer_imports_sqlalchemy() -> None:
    graph = grimp.build_graph("fopymes_server", "fopymes_cli", include_external_packages=True)
    speaking = {
        module
        for module in graph.find_modules_that_directly_import("sqlalchemy")
        if module.startswith(("fopymes_server", "fopymes_cli"))
    }
    assert speaking, "the graph found no SQLAlchemy at all: the check would pass vacuously"
    outside = sorted(m for m in speaking if not _data_layer(m))
    assert outside == [], f"SQLAlchemy outside the data layer: {outside}"
    assert set(ALSO_DATA_LAYER) <= speaking, "an allowed module no longer needs the exception"


def test_every_package_but_the_api_is_under_the_framework_free_contract() -> None:
    """The import-linter contract names packages; a new one must join it (or be the API)."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [
        c for c in config["tool"]["importlinter"]["contracts"] if "framework-free" in c["name"]
    ]
    listed = {name.removeprefix("fopymes_server.") for name in contract["source_modules"]}
    packages = {p.parent.name for p in (root / "fopymes_server").glob("*/__init__.py")}
    assert listed == packages - {"api"}
    assert "fastapi" in contract["forbidden_modules"]
