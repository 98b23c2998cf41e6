"""/workspaces/{workspace_id}/budgets."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/budgets", tags=["budgets"])
