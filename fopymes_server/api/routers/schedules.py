"""/workspaces/{workspace_id}/schedules."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/workspaces/{workspace_id}/schedules", tags=["schedules"])
