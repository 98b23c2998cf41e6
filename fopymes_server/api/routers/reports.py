"""/workspaces/{workspace_id}/reports."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/reports", tags=["reports"])
