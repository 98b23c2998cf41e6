"""The generated reference pages of the documentation site, rendered from the program itself.

`docs/reference/cli.md` comes from the Typer app (every command, argument, option and
example) and `docs/reference/api-operations.md` from the API's OpenAPI document, both
offline. A test renders them in memory and fails when the files in `docs/` differ;
`python -m fopymes_cli.docs_reference` rewrites them. `docs/reference/openapi.json` is the
document itself, so that every change of the API's contract shows as a reviewed diff (and
clients can be generated from the file). Nothing on the CLI's start-up path
imports this package.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fopymes_cli.docs_reference import api_page, cli_page

REGENERATE = "python -m fopymes_cli.docs_reference"


def _openapi_snapshot() -> str:
    """The OpenAPI document, keys sorted and indented, so diffs read line by line."""
    return json.dumps(api_page.openapi_document(), indent=2, sort_keys=True) + "\n"


PAGES: dict[str, Callable[[], str]] = {
    "reference/cli.md": cli_page.render,
    "reference/api-operations.md": api_page.render,
    "reference/openapi.json": _openapi_snapshot,
}


def write_all(docs_dir: Path) -> list[Path]:
    """Render every page into `docs_dir`; returns the files written."""
    written = []
    for relative, render in PAGES.items():
        target = docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(), encoding="utf-8")
        written.append(target)
    return written
