"""`python -m fopymes_cli.docs_reference [DOCS_DIR]`: rewrite the generated reference pages."""

from __future__ import annotations

import sys
from pathlib import Path

from fopymes_cli.docs_reference import write_all

if __name__ == "__main__":
    default = Path(__file__).resolve().parents[2] / "docs"
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else default):
        print(f"wrote {path}", file=sys.stderr)
