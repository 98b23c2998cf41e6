"""Notifications: raised once per dedupe key, private to their person, e-mailed on request."""

from __future__ import annotations

from datetime import date

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import NotFoundError, ValidationError
from fopymes_server.core.principal import Principal, Role
from fopymes_server.events import service as events
from fopymes_server.mail import service as mail
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.rules import NotificationType
from fopymes_server.notifications.schemas import NotificationDraft
from fopymes_server.notifications.summaries import raise_monthly_summary
from tests.factories import add_member, at_noon, hand_clock, new_owner, record


def draft(key: str = "k1", title: str = "Budget reached 80 %") -> NotificationDraft:
    return NotificationDraft(
        type=NotificationType.BUDGET_THRESHOLD.value,
        title=title,
        body="Groceries: 80.00 EUR of 100.00 EUR.",
        dedupe_key=key,
        entity_type="budget",
        entity_id=1,
    )


def notify(ctx: AppContext, actor: Principal, recipients: list[int], key: str = "k1") -> int:
    with ctx.uow() as uow:
        created = notifications.notify(uow, actor, recipients=recipients, draft=draft(key))
        uow.commit()
    return created


def test_a_dedupe_key_notifies_each_person_once_however_often_a_rule_runs(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    people = [owner.principal.user_id, editor.principal.user_id]
    assert notify(ctx, owner.principal, people) == 2
    assert notify(ctx, owner.principal, people) == 0
    assert notify(ctx, owner.principal, people, key="k2") == 2
    with ctx.uow(write=False) as uow:
        mine = notifications.list_notifications(uow, editor.principal)
        feed = events.since(uow, owner.principal, 0)
    assert [n.title for n in mine] == ["Budget reached 80 %", "Budget reached 80 %"]
    assert [e.type for e in feed].count("notification.created") == 4


def test_people_read_and_mark_only_their_own_notifications(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    stranger = new_owner(ctx)
    notify(ctx, owner.principal, [owner.principal.user_id, editor.principal.user_id])
    notify(ctx, owner.principal, [owner.principal.user_id], key="k2")
    with ctx.uow(write=False) as uow:
        mine = notifications.list_notifications(uow, owner.principal)
        theirs = notifications.list_notifications(uow, editor.principal)
    for intruder in (editor.principal, stranger.principal):
        with pytest.raises(NotFoundError), ctx.uow() as uow:
            notifications.mark_read(uow, intruder, mine[0].id)
    with ctx.uow() as uow:
        assert notifications.mark_read(uow, owner.principal, mine[0].id).read
    with ctx.uow() as uow:
        assert notifications.mark_all_read(uow, owner.principal) == 1
    with ctx.uow() as uow:
        assert notifications.mark_all_read(uow, owner.principal) == 0
    with ctx.uow(write=False) as uow:
        assert notifications.list_notifications(uow, owner.principal, unread_only=True) == []
        assert notifications.unread_count(uow, editor.principal) == 1
        assert notifications.list_notifications(uow, stranger.principal) == []
    assert not theirs[0].read


def test_chosen_types_are_e_mailed_in_the_same_transaction_unless_quiet(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        prefs = notifications.set_preferences(
            uow, owner.principal, email_types=[NotificationType.BUDGET_THRESHOLD]
        )
    assert prefs.email_types == ["budget.threshold"]
    notify(ctx, owner.principal, [owner.principal.user_id], key="a")
    with ctx.uow() as uow:
        notifications.set_preferences(uow, owner.principal, quiet=True)
    notify(ctx, owner.principal, [owner.principal.user_id], key="b")
    with ctx.uow(write=False) as uow:
        queued = mail.outbox(uow, owner.principal)
    assert [(m.to_address, m.subject, m.kind) for m in queued] == [
        (owner.email, "Budget reached 80 %", "notification")
    ]


def test_a_rolled_back_change_leaves_no_notification_and_no_mail(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        notifications.set_preferences(uow, owner.principal, email_types=list(NotificationType))

    def failing_change() -> None:
        with ctx.uow() as uow:
            notifications.notify(
                uow, owner.principal, recipients=[owner.principal.user_id], draft=draft()
            )
            raise RuntimeError("the change that caused it failed")

    with pytest.raises(RuntimeError):
        failing_change()
    with ctx.uow(write=False) as uow:
        assert notifications.list_notifications(uow, owner.principal) == []
        assert mail.outbox(uow, owner.principal) == []
    with ctx.uow() as uow:  # the same change, committed: both are written
        notifications.notify(
            uow, owner.principal, recipients=[owner.principal.user_id], draft=draft()
        )
        uow.commit()
    with ctx.uow(write=False) as uow:
        assert len(notifications.list_notifications(uow, owner.principal)) == 1
        assert len(mail.outbox(uow, owner.principal)) == 1


def test_the_monthly_summary_reaches_every_member_once(ctx: AppContext) -> None:
    """Also: a month that ended before the workspace existed is not summarised."""
    hand = hand_clock(ctx, at_noon("2026-05-01"))
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    record(ctx, owner.principal, "12.34", date="2026-05-20")
    hand.move_to(at_noon("2026-06-01"))
    for _ in range(2):
        with ctx.uow() as uow:
            raise_monthly_summary(
                uow, owner.principal.workspace_id, date(2026, 5, 1), date(2026, 5, 31)
            )
    with ctx.uow(write=False) as uow:
        seen = notifications.list_notifications(uow, viewer.principal)
    assert [n.title for n in seen] == ["May 2026 in summary"]
    assert "expenses 12.34 EUR" in seen[0].body
    with ctx.uow() as uow:
        earlier = raise_monthly_summary(
            uow, owner.principal.workspace_id, date(2026, 4, 1), date(2026, 4, 30)
        )
    assert earlier == 0


def test_preferences_refuse_unknown_limits(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(ValidationError), ctx.uow(write=False) as uow:
        notifications.list_notifications(uow, owner.principal, limit=0)
