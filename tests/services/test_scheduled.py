"""Scheduled transactions: planning, exactly-once materialising, catch-up, edits, reminders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.principal import Principal, Role
from fopymes_server.events import service as events
from fopymes_server.notifications import service as notifications
from fopymes_server.scheduled import confirmations, forecast, materialise, service_edit
from fopymes_server.scheduled import service as scheduled
from fopymes_server.scheduled.schemas import (
    MaterialiseResult,
    OccurrenceStatus,
    ScheduleCreate,
    ScheduleMode,
    ScheduleUpdate,
)
from fopymes_server.transactions import service as transactions
from fopymes_server.transactions.schemas import TransactionOut
from tests.factories import add_member, at_noon, hand_clock, make_schedule, new_owner


def run_scheduler(ctx: AppContext, today: date) -> MaterialiseResult:
    total = MaterialiseResult()
    while True:
        with ctx.uow() as uow:
            done = materialise.materialise_due(uow, today=today, batch=7)
        if not done.schedules:
            return total
        total.posted += done.posted
        total.reminders += done.reminders
        total.paused += done.paused
        total.schedules += done.schedules


def ledger(ctx: AppContext, principal: Principal) -> list[TransactionOut]:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, principal, limit=5000)
    return sorted(page.items, key=lambda tx: (tx.date, tx.id))


def test_monthly_on_the_31st_clamps_to_short_months_in_the_next_ten_dates(
    ctx: AppContext,
) -> None:
    hand_clock(ctx, at_noon("2026-01-10"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, start="2026-01-31", day="31")
    with ctx.uow(write=False) as uow:
        shown = scheduled.show(uow, owner.principal, "rent")
    assert shown.rule == "every month on day 31 (last day in shorter months), from 2026-01-31"
    assert shown.next_dates[:4] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert len(shown.next_dates) == 10


def test_a_scheduler_down_for_30_days_creates_every_missed_day_on_its_own_date(
    ctx: AppContext,
) -> None:
    hand = hand_clock(ctx, at_noon("2026-03-01"))
    owner = new_owner(ctx)
    make_schedule(
        ctx, owner.principal, "Coffee", "2.50", every="day", category="Restaurants", count=30
    )
    hand.move_to(at_noon("2026-03-30"))
    run_scheduler(ctx, date(2026, 3, 30))
    posted = ledger(ctx, owner.principal)
    assert [tx.date for tx in posted] == [date(2026, 3, d) for d in range(1, 31)]
    assert {tx.amount for tx in posted} == {Decimal("2.50")}
    assert {tx.created_by for tx in posted} == {owner.principal.user_id}


def test_repeated_runs_never_post_an_occurrence_twice(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, every="week", on="mon,fri", start="2026-01-01", count=9)
    run_scheduler(ctx, date(2026, 1, 31))
    assert len(ledger(ctx, owner.principal)) == 9
    again = run_scheduler(ctx, date(2026, 1, 31))
    assert (again.posted, again.schedules) == (0, 0)
    assert len(ledger(ctx, owner.principal)) == 9
    with ctx.uow(write=False) as uow:
        inbox = notifications.list_notifications(uow, owner.principal)
    assert [n.type for n in inbox] == ["schedule.posted"]
    assert "9 missed occurrences" in inbox[0].body


def test_count_ends_the_schedule_after_its_last_occurrence(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, start="2026-01-05", count=3)
    run_scheduler(ctx, date(2026, 4, 30))
    with ctx.uow(write=False) as uow:
        shown = scheduled.show(uow, owner.principal, "Rent")
    assert shown.next_due is None
    assert shown.next_dates == []
    assert [tx.date.month for tx in ledger(ctx, owner.principal)] == [1, 2, 3]


def test_an_edit_changes_only_future_occurrences_and_posts_overdue_ones_first(
    ctx: AppContext,
) -> None:
    hand = hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, start="2026-01-01", until="2026-05-31")
    run_scheduler(ctx, date(2026, 1, 1))
    hand.move_to(at_noon("2026-03-15"))  # the scheduler missed Feb 1 and Mar 1
    with ctx.uow() as uow:
        service_edit.edit(uow, owner.principal, "Rent", changes=ScheduleUpdate(amount="900"))
    run_scheduler(ctx, date(2026, 5, 1))
    amounts = [(tx.date.month, tx.amount) for tx in ledger(ctx, owner.principal)]
    assert amounts == [
        (1, Decimal("800.00")),
        (2, Decimal("800.00")),
        (3, Decimal("800.00")),
        (4, Decimal("900.00")),
        (5, Decimal("900.00")),
    ]


def test_changing_the_rule_restarts_it_from_today_keeping_the_past(ctx: AppContext) -> None:
    hand = hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, start="2026-01-01", count=6)
    run_scheduler(ctx, date(2026, 2, 10))
    hand.move_to(at_noon("2026-02-10"))
    with ctx.uow() as uow:
        changed = service_edit.edit(uow, owner.principal, "Rent", changes=ScheduleUpdate(day="15"))
    assert (changed.start, changed.count, changed.next_due) == (
        date(2026, 2, 10),
        4,
        date(2026, 2, 15),
    )
    run_scheduler(ctx, date(2026, 6, 30))
    days = [tx.date for tx in ledger(ctx, owner.principal)]
    assert days == [date(2026, 1, 1), date(2026, 2, 1)] + [date(2026, m, 15) for m in (2, 3, 4, 5)]


def test_paused_schedules_post_nothing_and_resume_from_today(ctx: AppContext) -> None:
    hand = hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, start="2026-01-01", count=4)
    with ctx.uow() as uow:
        scheduled.pause(uow, owner.principal, "Rent")
    run_scheduler(ctx, date(2026, 3, 10))
    assert ledger(ctx, owner.principal) == []
    hand.move_to(at_noon("2026-03-10"))
    with ctx.uow() as uow:
        resumed = scheduled.resume(uow, owner.principal, "Rent")
    assert resumed.next_due == date(2026, 4, 1)
    with pytest.raises(RuleViolationError), ctx.uow() as uow:
        scheduled.resume(uow, owner.principal, "Rent")


def test_skip_next_skips_exactly_one_date(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, start="2026-01-01", count=4)
    with ctx.uow() as uow:
        assert scheduled.skip_next(uow, owner.principal, "Rent") == date(2026, 1, 1)
    run_scheduler(ctx, date(2026, 2, 1))
    assert [tx.date for tx in ledger(ctx, owner.principal)] == [date(2026, 2, 1)]


def test_remind_mode_notifies_then_records_what_is_confirmed(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    make_schedule(
        ctx,
        owner.principal,
        "Power",
        "60",
        category="Utilities",
        mode=ScheduleMode.REMIND,
        count=2,
    )
    run_scheduler(ctx, date(2026, 2, 1))
    assert ledger(ctx, owner.principal) == []
    with ctx.uow(write=False) as uow:
        waiting = confirmations.pending(uow, owner.principal)
        inbox = notifications.list_notifications(uow, owner.principal)
    assert [o.date for o in waiting] == [date(2026, 1, 1), date(2026, 2, 1)]
    assert [n.type for n in inbox] == ["schedule.reminder"]
    assert f"2026-01-01 (#{waiting[0].id})" in inbox[0].body
    with ctx.uow() as uow:
        done = confirmations.confirm(uow, owner.principal, waiting[0].id, amount="64.10")
    with ctx.uow() as uow:
        confirmations.skip(uow, owner.principal, waiting[1].id)
    assert done.status is OccurrenceStatus.CONFIRMED
    assert [(tx.date, tx.amount) for tx in ledger(ctx, owner.principal)] == [
        (date(2026, 1, 1), Decimal("64.10"))
    ]
    with pytest.raises(RuleViolationError, match="already confirmed"), ctx.uow() as uow:
        confirmations.confirm(uow, owner.principal, waiting[0].id)
    run_scheduler(ctx, date(2026, 2, 1))
    with ctx.uow(write=False) as uow:
        assert len(notifications.list_notifications(uow, owner.principal)) == 1


def test_a_schedule_whose_owner_lost_write_rights_is_paused_and_owners_told(
    ctx: AppContext,
) -> None:
    hand_clock(ctx, at_noon("2026-01-01"))
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    make_schedule(ctx, editor.principal, start="2026-01-01", count=4)
    with ctx.uow() as uow:
        from fopymes_server.identity import service as identity

        identity.change_role(uow, owner.principal, email=editor.email, role=Role.VIEWER)
    run_scheduler(ctx, date(2026, 2, 1))
    assert ledger(ctx, editor.principal) == []
    with ctx.uow(write=False) as uow:
        told = notifications.list_notifications(uow, owner.principal)
        paused = scheduled.show(uow, owner.principal, "Rent")
    assert [n.type for n in told] == ["schedule.paused"]
    assert paused.paused
    assert "can no longer write" in (paused.pause_reason or "")
    with ctx.uow() as uow:
        taken_over = scheduled.resume(uow, owner.principal, "Rent")
    assert taken_over.owner_id == owner.principal.user_id


def test_viewers_read_schedules_but_cannot_plan_them(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    make_schedule(ctx, owner.principal)
    with pytest.raises(PermissionDeniedError), ctx.uow() as uow:
        scheduled.create(uow, viewer.principal, data=ScheduleCreate(name="X", amount="1"))
    with ctx.uow(write=False) as uow:
        assert [s.name for s in scheduled.list_schedules(uow, viewer.principal)] == ["Rent"]


def test_another_workspaces_schedule_answers_like_a_missing_one(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    rent = make_schedule(ctx, owner.principal)
    for action in (scheduled.show, scheduled.pause, scheduled.remove, scheduled.skip_next):
        with pytest.raises(NotFoundError), ctx.uow() as uow:
            action(uow, stranger.principal, rent.id)


def test_bad_input_names_the_field_and_writes_nothing(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal)
    cases = [
        ({"every": "fortnight"}, "every"),
        ({"day": "32"}, "day"),
        ({"every": "week", "day": "3"}, "day"),
        ({"on": "mon"}, "on"),
        ({"start": "2026-02-30"}, "start"),
        ({"amount": "1.234"}, "amount"),
        ({"count": 0}, "count"),
        ({"category": "Salary"}, "category"),
    ]
    for fields, field in cases:
        data = {"name": "Bad", "amount": "5", **fields}
        with pytest.raises(ValidationError) as info, ctx.uow() as uow:
            scheduled.create(uow, owner.principal, data=ScheduleCreate(**data))  # type: ignore[arg-type]
        assert info.value.field == field
    with pytest.raises(ConflictError), ctx.uow() as uow:
        scheduled.create(uow, owner.principal, data=ScheduleCreate(name="RENT", amount="1"))
    with ctx.uow(write=False) as uow:
        assert len(scheduled.list_schedules(uow, owner.principal)) == 1


def test_the_forecast_walks_each_methods_balance_and_flags_its_lowest_point(
    ctx: AppContext,
) -> None:
    hand_clock(ctx, at_noon("2026-05-01"))
    owner = new_owner(ctx)
    from fopymes_server.transactions.schemas import Kind
    from tests.factories import record

    record(ctx, owner.principal, "1000", kind=Kind.INCOME, date="2026-04-30", payment_method="Cash")
    end = {"until": "2026-06-30"}
    make_schedule(ctx, owner.principal, "Rent", "800", start="2026-05-03", **end)
    make_schedule(
        ctx,
        owner.principal,
        "Groceries",
        "100",
        category="Groceries",
        every="week",
        start="2026-05-04",
        **end,
    )
    make_schedule(
        ctx,
        owner.principal,
        "Pay",
        "1500",
        kind="income",
        category="Salary",
        start="2026-05-28",
        **end,
    )
    with ctx.uow(write=False) as uow:
        planned = forecast.upcoming(uow, owner.principal, days=30)
    cash = next(m for m in planned.methods if m.payment_method == "Cash")
    assert cash.opening == Decimal("1000.00")
    assert (cash.lowest, cash.lowest_date) == (Decimal("-200.00"), date(2026, 5, 25))
    assert cash.closing == Decimal("1300.00")
    flagged = [item for item in planned.items if item.lowest]
    assert [(i.date, i.schedule) for i in flagged] == [(date(2026, 5, 25), "Groceries")]
    with pytest.raises(ValidationError), ctx.uow(write=False) as uow:
        forecast.upcoming(uow, owner.principal, days=0)


def test_pausing_a_paused_schedule_changes_and_announces_nothing(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    make_schedule(ctx, owner.principal, "Rent", start="2031-01-01")
    with ctx.uow() as uow:
        first = scheduled.pause(uow, owner.principal, "Rent")
    with ctx.uow() as uow:
        again = scheduled.pause(uow, owner.principal, "Rent")
    assert again == first
    with ctx.uow(write=False) as uow:
        paused = [e for e in events.since(uow, owner.principal, 0) if e.type == "schedule.paused"]
    assert len(paused) == 1


def test_a_scheduled_transfer_moves_money_between_accounts_and_is_never_income_or_expense(
    ctx: AppContext,
) -> None:
    from fopymes_server.accounts import service as accounts
    from fopymes_server.accounts.schemas import AccountCreate, AccountType

    hand_clock(ctx, at_noon("2026-03-15"))
    owner = new_owner(ctx)
    p = owner.principal
    with ctx.uow() as uow:
        accounts.create(uow, p, AccountCreate(name="Savings", type=AccountType.SAVINGS))
        accounts.create(
            uow, p, AccountCreate(name="Dollars", type=AccountType.CHECKING, currency="USD")
        )
    made = make_schedule(
        ctx,
        p,
        "To savings",
        "200",
        kind="transfer",
        category=None,
        to_account="savings",
        start="2026-01-01",
        day="1",
    )
    assert (made.payment_method, made.counter_account) == ("Cash", "Savings")
    run_scheduler(ctx, date(2026, 3, 15))
    moved = ledger(ctx, p)
    assert [(t.date, t.kind.value, t.amount, t.counter_account) for t in moved] == [
        (date(2026, m, 1), "transfer", Decimal("200.00"), "Savings") for m in (1, 2, 3)
    ]
    with ctx.uow(write=False) as uow:
        sheet = {a.name: a.balance for a in accounts.balance_sheet(uow, p).accounts}
        totals = transactions.list_transactions(uow, p).totals[0]
        planned = forecast.upcoming(uow, p, days=31)
    assert (sheet["Cash"], sheet["Savings"]) == (Decimal("-600.00"), Decimal("600.00"))
    assert (totals.income, totals.expense) == (Decimal(0), Decimal(0))
    # The forecast starts from the real balances and moves both accounts on 1 April.
    legs = [(i.payment_method, i.change, i.balance) for i in planned.items]
    assert legs == [
        ("Cash", Decimal("-200.00"), Decimal("-800.00")),
        ("Savings", Decimal("200.00"), Decimal("800.00")),
    ]
    for fields, field in (
        ({"to_account": "Savings", "category": "Housing"}, "category"),
        ({"category": None}, "to"),
        ({"to_account": "Cash", "category": None}, "to"),
        ({"to_account": "Dollars", "category": None}, "to"),
        ({"to_account": "Nope", "category": None}, "to"),
    ):
        with pytest.raises((ValidationError, NotFoundError)) as refused:
            make_schedule(ctx, p, "Bad", "5", kind="transfer", **fields)
        assert getattr(refused.value, "field", None) == field, fields
    with pytest.raises(ValidationError, match="only a transfer"):
        make_schedule(ctx, p, "Odd", "5", to_account="Savings")
    with pytest.raises(ValidationError, match="no category"), ctx.uow() as uow:
        service_edit.edit(uow, p, "To savings", changes=ScheduleUpdate(category="Housing"))
    with ctx.uow(write=False) as uow:
        assert [s.name for s in scheduled.list_schedules(uow, p)] == ["To savings"]
