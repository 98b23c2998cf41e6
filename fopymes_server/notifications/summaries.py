"""The month-end summary rule: each member hears how the month closed, once per month.

Figures come from `transactions.summary.totals` (SQL sums per currency), so the summary
says exactly what the dashboard and the reports say about the same month.
"""

from __future__ import annotations

from datetime import date

from fopymes_server.core.money import format_money
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.identity.acting import member_ids, workspace_owner
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.rules import NotificationType, dedupe_key
from fopymes_server.notifications.schemas import NotificationDraft
from fopymes_server.scheduled.wording import MONTH_NAMES
from fopymes_server.transactions import summary
from fopymes_server.transactions.summary_schemas import PeriodTotals


def _line(total: PeriodTotals) -> str:
    text = (
        f"income {format_money(total.income, total.currency)}, "
        f"expenses {format_money(total.expense, total.currency)}, "
        f"net {format_money(total.net, total.currency)} ({total.count} transactions)"
    )
    if total.savings_rate is not None:
        text += f", savings rate {total.savings_rate * 100:.1f} %"
    return text


def raise_monthly_summary(uow: UnitOfWork, workspace_id: int, first: date, last: date) -> int:
    """Tell every member how the month `first`..`last` closed; commits; returns how many
    notifications were new (0 when already told, for a workspace without an owner, or for
    a month that ended before the workspace was created)."""
    workspace = uow.identity.workspace(workspace_id)
    actor = workspace_owner(uow, workspace_id)
    if actor is None or workspace is None or workspace.created_at.date() > last:
        return 0  # no summaries of months that ended before the workspace existed
    totals = summary.totals(uow, actor, first, last)
    month = f"{MONTH_NAMES[first.month - 1]} {first.year}"
    if totals:
        body = f"{month}: " + "; ".join(_line(t) for t in totals) + "."
    else:
        body = f"{month}: nothing was recorded."
    draft = NotificationDraft(
        type=NotificationType.MONTHLY_SUMMARY.value,
        title=f"{month} in summary",
        body=body,
        dedupe_key=dedupe_key(
            NotificationType.MONTHLY_SUMMARY, workspace_id, first.strftime("%Y-%m")
        ),
        entity_type="workspace",
        entity_id=workspace_id,
    )
    created = notifications.notify(
        uow, actor, recipients=member_ids(uow, workspace_id), draft=draft
    )
    uow.commit()
    return created
