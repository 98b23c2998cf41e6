"""/workspaces/{workspace_id}/imports."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/imports", tags=["imports"])
