"""The largest payees or tags of a period: `report show --by payee|tag` and the API's `by`.

Income and expense are summed in SQL per (payee or tag, currency) over the period's
incomes and expenses (transfers are in neither, `transactions.movements`); the lines of
each currency are ranked by expense + income and the first `limit` kept.
"""

from __future__ import annotations

from itertools import groupby

from fopymes_server.core.errors import ValidationError
from fopymes_server.core.money import from_minor
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity import service as identity
from fopymes_server.reports.periods import ReportPeriod
from fopymes_server.reports.repository import LabelSums
from fopymes_server.reports.schemas import GroupLine, GroupReport, PeriodOut, ReportBy

MAX_LINES = 1000


def largest(
    uow: UnitOfWork, principal: Principal, *, period: ReportPeriod, by: ReportBy, limit: int = 20
) -> GroupReport:
    """The `limit` largest payees or tags of `period` per currency, with the rows that
    have none as a line named null. Any member may read. Raises ValidationError for a
    limit outside 1..MAX_LINES or `by` = category (that is the whole report)."""
    if by is ReportBy.CATEGORY:
        raise ValidationError("by", "category is the whole report: use reports.service.show")
    if not 1 <= limit <= MAX_LINES:
        raise ValidationError("limit", f"must be between 1 and {MAX_LINES}")
    workspace = identity.current_workspace(uow, principal)
    read = uow.reports.by_payee if by is ReportBy.PAYEE else uow.reports.by_tag
    sums = read(principal.workspace_id, period.start, period.end)
    lines: list[GroupLine] = []
    for _, group in groupby(sorted(sums, key=_rank), key=lambda s: s.currency):
        lines.extend(_line(s) for s in list(group)[:limit])
    return GroupReport(
        workspace=workspace.name,
        by=by,
        period=PeriodOut(start=period.start, end=period.end, label=period.label),
        lines=lines,
    )


def _rank(sums: LabelSums) -> tuple[str, int, str]:
    return (sums.currency, -(sums.income_minor + sums.expense_minor), sums.name or "")


def _line(sums: LabelSums) -> GroupLine:
    return GroupLine(
        id=sums.id,
        name=sums.name,
        currency=sums.currency,
        expense=from_minor(int(sums.expense_minor), sums.currency),
        income=from_minor(int(sums.income_minor), sums.currency),
        count=int(sums.count),
    )
