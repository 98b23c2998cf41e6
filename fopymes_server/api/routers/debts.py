"""/workspaces/{workspace_id}/debts."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/debts", tags=["debts"])
