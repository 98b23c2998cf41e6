"""/workspaces/{workspace_id}/notifications."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/notifications", tags=["notifications"])
