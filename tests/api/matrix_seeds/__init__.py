"""Ids for the authorization matrix, one module per feature.

Each module here has `seed(ctx, owner) -> dict[str, int]`: it creates what the feature's
routes need in the owner's workspace and returns the path parameters naming it (for
example `{"budget_id": 7}`). The matrix fills every `{name}` in an operation's path from
the union of these, so a new router is covered by adding its module, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from fopymes_server.core.context import AppContext


def all_ids(ctx: AppContext, owner: Any) -> dict[str, int]:
    """Run every feature's `seed` and merge what they return; a name given twice fails."""
    ids: dict[str, int] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for name, value in module.seed(ctx, owner).items():
            assert name not in ids, f"{module_info.name} seeds {name}, already seeded"
            ids[name] = value
    return ids
