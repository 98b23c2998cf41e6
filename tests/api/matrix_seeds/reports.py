"""Report routes for the authorization matrix: one report schedule of the owner's."""

from __future__ import annotations

from fopymes_server.core.context import AppContext
from fopymes_server.reports import schedules
from fopymes_server.reports.schemas import ReportFormat
from tests.api.conftest import Caller


def seed(ctx: AppContext, owner: Caller) -> dict[str, int]:
    """A schedule made through the service, so DELETE .../schedules/{id} names a real one:
    the stranger's 404 and the viewer's 403 then come from authorization, not absence."""
    with ctx.uow() as uow:
        created = schedules.add(
            uow,
            owner.person.principal,
            frequency="monthly",
            fmt=ReportFormat.PDF,
            to="matrix@shop.example",
        )
    return {"report_schedule_id": created.id}
