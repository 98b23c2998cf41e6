"""/workspaces/{workspace_id}/rules."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/rules", tags=["rules"])
