"""Ids for the schedules, imports and rules routes of the authorization matrix.

A `remind` schedule that started yesterday gets its pending occurrence from an edit,
which catches up the dates already due for that one schedule: the global materialiser
would also touch every other test's schedules in the shared database.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fopymes_server.core.context import AppContext
from fopymes_server.imports import service_profiles, service_rules
from fopymes_server.imports.schemas import CsvMapping, RuleCreate
from fopymes_server.scheduled import confirmations, service_edit
from fopymes_server.scheduled.schemas import ScheduleMode, ScheduleUpdate
from tests.factories import make_schedule


def seed(ctx: AppContext, owner: Any) -> dict[str, int]:
    principal = owner.person.principal
    yesterday = ctx.clock.today() - timedelta(days=1)
    schedule = make_schedule(
        ctx,
        principal,
        "Power",
        "60.00",
        category="Utilities",
        mode=ScheduleMode.REMIND,
        start=yesterday,
        every="day",
        count=3,
    )
    with ctx.uow() as uow:
        service_edit.edit(
            uow, principal, schedule.id, changes=ScheduleUpdate(description="Power bill")
        )
    with ctx.uow(write=False) as uow:
        waiting = confirmations.pending(uow, principal)
    with ctx.uow() as uow:
        profile = service_profiles.add_profile(
            uow,
            principal,
            name="caixa",
            mapping=CsvMapping(date="Fecha", amount="Importe", description="Concepto"),
        )
    with ctx.uow() as uow:
        rule = service_rules.add_rule(
            uow,
            principal,
            data=RuleCreate(condition='description ~ "MERCADONA"', set_category="Groceries"),
        )
    assert profile.id is not None
    return {
        "schedule_id": schedule.id,
        "occurrence_id": waiting[0].id,
        "profile_id": profile.id,
        "rule_id": rule.id,
    }
