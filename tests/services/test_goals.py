"""Savings goals through the service layer on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
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
from fopymes_server.goals import contributions, service
from fopymes_server.goals.schemas import ContributionCreate, GoalCreate, GoalStatus, GoalUpdate
from fopymes_server.transactions import service as transactions
from tests.factories import add_member, at_noon, contribute, hand_clock, make_goal, new_owner


@pytest.fixture(autouse=True)
def _mid_november(ctx: AppContext) -> None:
    hand_clock(ctx, at_noon("2026-11-15"))


def _show(ctx: AppContext, principal: Principal, ref: str | int):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return service.show(uow, principal, ref)


def _withdraw(ctx: AppContext, principal: Principal, ref: str, amount: str, **fields: object):  # type: ignore[no-untyped-def]
    with ctx.uow() as uow:
        return contributions.withdraw(
            uow,
            principal,
            ref,
            data=ContributionCreate(amount=amount, **fields),  # type: ignore[arg-type]
        )


def _events(ctx: AppContext, principal: Principal, type: str) -> list[dict[str, object]]:
    with ctx.uow(write=False) as uow:
        return [e.payload for e in events.since(uow, principal, 0) if e.type == type]


def test_saved_is_the_sum_of_contributions_and_withdrawals(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Bike", "1000.00")
    for amount in ("0.10",) * 10:
        contribute(ctx, p, "bike", amount)
    contribute(ctx, p, "Bike", "300.00")
    _withdraw(ctx, p, "Bike", "100.50")
    goal = _show(ctx, p, "Bike").goal
    assert (goal.saved, goal.remaining, goal.percent_saved) == (
        Decimal("200.50"),
        Decimal("799.50"),
        Decimal("20.1"),
    )
    assert goal.contributions == 12
    assert goal.status is GoalStatus.ACTIVE
    with pytest.raises(RuleViolationError, match=r"holds only 200\.50 EUR"):
        _withdraw(ctx, p, "Bike", "200.51")
    contribute(ctx, p, "Bike", "799.50")
    assert _show(ctx, p, "Bike").goal.status is GoalStatus.ACHIEVED


def test_the_plan_reaches_the_target_exactly_on_the_deadline(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Car", "1000.00", deadline="2027-02-15")
    detail = _show(ctx, p, "Car")
    assert [(i.due, i.amount) for i in detail.plan] == [
        (date(2026, 12, 15), Decimal("333.34")),
        (date(2027, 1, 15), Decimal("333.33")),
        (date(2027, 2, 15), Decimal("333.33")),
    ]
    contribute(ctx, p, "Car", "100.00")
    plan = _show(ctx, p, "Car").plan
    assert sum((i.amount for i in plan), Decimal(0)) == Decimal("900.00")
    assert [i.amount for i in plan] == [Decimal("300.00")] * 3


def test_pace_follows_the_straight_line_and_history_suggests_a_cadence(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    p = owner.principal
    make_goal(ctx, p, "Roof", "1200.00", deadline="2027-11-15", frequency="month")
    contribute(ctx, p, "Roof", "100.00", date="2026-11-15")
    hand_clock(ctx, at_noon("2027-05-16"))  # 182 of 365 days: the line is at 598.36
    contribute(ctx, p, "Roof", "200.00", date="2027-01-15")
    contribute(ctx, p, "Roof", "290.00", date="2027-03-16")
    behind = _show(ctx, p, "Roof")
    assert behind.pace is not None
    assert behind.pace.expected_saved == Decimal("598.36")
    assert behind.pace.on_track is False  # 590.00 saved
    assert [i.amount for i in behind.plan] == [Decimal("101.67")] * 4 + [Decimal("101.66")] * 2
    assert (behind.pace.periods_left, behind.pace.required_per_period) == (6, Decimal("101.67"))
    assert behind.suggestion is not None
    assert behind.suggestion.average_amount == Decimal("196.67")
    assert behind.suggestion.average_interval_days == Decimal("60.5")  # 121 days / 2
    assert behind.suggestion.contributions_needed == 4  # 610.00 / 196.67, rounded up
    assert behind.suggestion.estimated_completion == date(2027, 11, 13)  # + 4 * 60.5 days
    contribute(ctx, p, "Roof", "8.36")
    pace = _show(ctx, p, "Roof").pace
    assert pace is not None
    assert pace.on_track is True


def test_milestones_are_recorded_once_each_as_events(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Bike", "1000.00")
    assert contribute(ctx, p, "Bike", "300.00").milestones_reached == [25]
    _withdraw(ctx, p, "Bike", "200.00")
    assert contribute(ctx, p, "Bike", "200.00").milestones_reached == []
    assert contribute(ctx, p, "Bike", "450.00").milestones_reached == [50, 75]
    with ctx.uow() as uow:
        service.edit(uow, p, "Bike", changes=GoalUpdate(target="750.00"))  # now at 100 %
    milestones = [(m["milestone"], m["saved"]) for m in _events(ctx, p, "goal.milestone")]
    assert milestones == [(25, "300.00"), (50, "750.00"), (75, "750.00"), (100, "750.00")]
    assert [m.milestone for m in _show(ctx, p, "Bike").milestones] == [25, 50, 75, 100]


def _balances(ctx: AppContext, p: Principal) -> dict[str, Decimal]:
    with ctx.uow(write=False) as uow:
        return {line.name: line.balance for line in accounts.balance_sheet(uow, p).accounts}


def test_a_contribution_from_an_account_is_a_transfer_to_the_goals_savings_account(
    ctx: AppContext,
) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Bike", "1000.00", category="Other expenses")
    result = contribute(ctx, p, "Bike", "250.00", payment_method="cash", note="first")
    assert result.goal.account == "Bike savings"
    transaction_id = result.contribution.transaction_id
    assert transaction_id is not None
    with ctx.uow(write=False) as uow:
        moved = transactions.get(uow, p, transaction_id)
    assert (
        moved.kind.value,
        moved.amount,
        moved.payment_method,
        moved.counter_account,
        moved.category,
    ) == ("transfer", Decimal("250.00"), "Cash", "Bike savings", None)
    assert moved.description == "Savings: Bike"
    back = _withdraw(ctx, p, "Bike", "50.00", payment_method="Cash")
    with ctx.uow(write=False) as uow:
        returned = transactions.get(uow, p, back.contribution.transaction_id)  # type: ignore[arg-type]
    assert (returned.kind.value, returned.payment_method, returned.counter_account) == (
        "transfer",
        "Bike savings",
        "Cash",
    )
    assert _balances(ctx, p) == {"Bike savings": Decimal("200.00"), "Cash": Decimal("-200.00")}
    with ctx.uow(write=False) as uow:
        listed = transactions.list_transactions(uow, p)
    assert (listed.totals[0].income, listed.totals[0].expense) == (Decimal(0), Decimal(0))

    with pytest.raises(NotFoundError), ctx.uow() as uow:
        contributions.contribute(
            uow, p, "Bike", data=ContributionCreate(amount="10", payment_method="Nope")
        )
    with ctx.uow() as uow:
        accounts.archive(uow, p, "Cash")
    with pytest.raises(ValidationError, match="archived"), ctx.uow() as uow:
        contributions.contribute(
            uow, p, "Bike", data=ContributionCreate(amount="10", payment_method="Cash")
        )
    assert _show(ctx, p, "Bike").goal.saved == Decimal("200.00")
    with ctx.uow(write=False) as uow:
        assert len(transactions.list_transactions(uow, p).items) == 2

    with ctx.uow() as uow:
        service.remove(uow, p, "Bike")
    with ctx.uow(write=False) as uow:
        assert len(transactions.list_transactions(uow, p).items) == 2
        assert service.list_goals(uow, p) == []
    assert _balances(ctx, p)["Bike savings"] == Decimal("200.00")


def test_a_goal_may_name_or_open_its_savings_account_and_refuses_one_that_cannot_hold_it(
    ctx: AppContext,
) -> None:
    p = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.add(uow, p, name="Jar", type=AccountType.SAVINGS)
        accounts.add(uow, p, name="Visa", type=AccountType.CREDIT_CARD)
    assert make_goal(ctx, p, "Bike", account="jar").account == "Jar"
    assert make_goal(ctx, p, "Trip", open_account=True).account == "Trip savings"
    contribute(ctx, p, "Bike", "30.00", payment_method="Cash")
    assert _balances(ctx, p)["Jar"] == Decimal("30.00")
    for ref, wanted in (("Visa", "liability"), ("Nope", "Nope")):
        with pytest.raises((ValidationError, NotFoundError), match=wanted):
            make_goal(ctx, p, f"Goal {wanted}", account=ref)
    with pytest.raises(ValidationError, match="is in EUR, the goal in USD"):
        make_goal(ctx, p, "Dollars", currency="USD", account="Jar")
    with ctx.uow() as uow:
        assert service.edit(uow, p, "Trip", changes=GoalUpdate(account="Jar")).account == "Jar"


def test_a_cancelled_goal_takes_no_money_until_restored(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Bike", "1000.00", deadline="2027-01-01")
    with ctx.uow() as uow:
        assert service.cancel(uow, p, "Bike").status is GoalStatus.CANCELLED
    with pytest.raises(RuleViolationError, match="cancelled"):
        contribute(ctx, p, "Bike", "10")
    assert _show(ctx, p, "Bike").plan == []
    with ctx.uow() as uow:
        service.cancel(uow, p, "Bike", restore=True)
    assert contribute(ctx, p, "Bike", "10").goal.status is GoalStatus.ACTIVE


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "42"}, "name"),
        ({"target": "0"}, "target"),
        ({"target": "10.001"}, "target"),
        ({"deadline": "2026-11-14"}, "deadline"),
        ({"deadline": "someday"}, "deadline"),
        ({"frequency": "daily"}, "frequency"),
        ({"category": "Salary"}, "category"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_bad_goals_are_refused_naming_the_field(
    ctx: AppContext, fields: dict[str, object], field: str
) -> None:
    p = new_owner(ctx).principal
    data = {"name": "Bike", "target": "100", **fields}
    with pytest.raises(ValidationError) as info, ctx.uow() as uow:
        service.add(uow, p, data=GoalCreate(**data))  # type: ignore[arg-type]
    assert info.value.field == field
    with ctx.uow(write=False) as uow:
        assert service.list_goals(uow, p) == []


def test_names_are_unique_in_any_case_and_bad_amounts_write_nothing(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Bike")
    with pytest.raises(ConflictError):
        make_goal(ctx, p, "BIKE")
    for amount in ("-1", "0", "1.001", "abc"):
        with pytest.raises(ValidationError, match="amount"):
            contribute(ctx, p, "Bike", amount)
    assert _show(ctx, p, "Bike").history == []


def test_viewers_and_other_workspaces(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    viewer = add_member(ctx, owner, Role.VIEWER)
    stranger = new_owner(ctx)
    goal = make_goal(ctx, owner.principal, "Bike")
    assert _show(ctx, viewer.principal, goal.id).goal.name == "Bike"
    with pytest.raises(PermissionDeniedError):
        contribute(ctx, viewer.principal, "Bike", "5")
    with pytest.raises(PermissionDeniedError), ctx.uow() as uow:
        service.cancel(uow, viewer.principal, "Bike")
    for attempt in (
        lambda uow: service.show(uow, stranger.principal, goal.id),
        lambda uow: service.edit(uow, stranger.principal, goal.id, changes=GoalUpdate(name="x")),
        lambda uow: service.cancel(uow, stranger.principal, goal.id),
        lambda uow: service.remove(uow, stranger.principal, goal.id),
        lambda uow: contributions.contribute(
            uow, stranger.principal, goal.id, data=ContributionCreate(amount="1")
        ),
        lambda uow: contributions.withdraw(
            uow, stranger.principal, goal.id, data=ContributionCreate(amount="1")
        ),
    ):
        with pytest.raises(NotFoundError), ctx.uow() as uow:
            attempt(uow)
    with ctx.uow(write=False) as uow:
        assert service.list_goals(uow, stranger.principal) == []
    mine = make_goal(ctx, stranger.principal, "Mine")
    with ctx.uow(write=False) as uow:
        owners_cash = accounts.resolve(uow, owner.principal, "Cash").id
    with pytest.raises(NotFoundError):
        contribute(ctx, stranger.principal, mine.id, "5", payment_method=owners_cash)
    assert _show(ctx, owner.principal, "Bike").history == []


def test_deleting_a_transfer_transaction_keeps_the_contribution(ctx: AppContext) -> None:
    p = new_owner(ctx).principal
    make_goal(ctx, p, "Bike", "1000.00")
    moved = contribute(ctx, p, "Bike", "40.00", payment_method="Cash")
    assert moved.contribution.transaction_id is not None
    with ctx.uow() as uow:
        transactions.delete(uow, p, moved.contribution.transaction_id)
    detail = _show(ctx, p, "Bike")
    assert detail.goal.saved == Decimal("40.00")
    assert [c.transaction_id for c in detail.history] == [None]
