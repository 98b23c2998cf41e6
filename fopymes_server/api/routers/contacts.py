"""/workspaces/{workspace_id}/contacts."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/contacts", tags=["contacts"])
