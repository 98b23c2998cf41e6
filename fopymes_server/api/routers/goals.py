"""/workspaces/{workspace_id}/goals."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/goals", tags=["goals"])
