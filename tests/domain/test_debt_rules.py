from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopymes_server.core.errors import RuleViolationError, ValidationError
from fopymes_server.core.money import from_minor, to_minor
from fopymes_server.debts.rules import (
    DebtStatus,
    DebtTerms,
    InterestMode,
    Payment,
    amortisation_schedule,
    balance_on,
    debt_status,
)

D = Decimal
JAN_1 = date(2025, 1, 1)
SIMPLE_12 = DebtTerms(D("1000.00"), "EUR", JAN_1, D(12))
COMPOUND_12 = DebtTerms(D("1000.00"), "EUR", JAN_1, D(12), InterestMode.COMPOUND_MONTHLY)


@st.composite
def debts(draw: st.DrawFn) -> DebtTerms:
    currency = draw(st.sampled_from(["JPY", "EUR", "KWD"]))
    rate = draw(st.none() | st.integers(0, 5000).map(lambda bp: D(bp).scaleb(-2)))
    return DebtTerms(
        principal=from_minor(draw(st.integers(1, 10**10)), currency),
        currency=currency,
        start=draw(st.dates(min_value=date(1970, 1, 1), max_value=date(2090, 12, 31))),
        annual_rate=rate,
        interest=draw(st.sampled_from(InterestMode)),
    )


def test_without_interest_the_balance_is_the_principal_less_the_payments() -> None:
    terms = DebtTerms(D("500.00"), "EUR", JAN_1)
    result = balance_on(terms, [Payment(date(2025, 2, 1), D("120.50"))], date(2030, 1, 1))
    assert (result.balance, result.interest_accrued, result.paid) == (
        D("379.50"),
        D("0.00"),
        D("120.50"),
    )


def test_simple_interest_counts_actual_days_over_365() -> None:
    # 1000 * 12% * 59 / 365 = 19.397...
    assert balance_on(SIMPLE_12, [], date(2025, 3, 1)).interest_accrued == D("19.40")
    # a whole leap year is 366 days of interest: 1000 * 12% * 366 / 365 = 120.328...
    terms = DebtTerms(D("1000.00"), "EUR", date(2024, 1, 1), D(12))
    assert balance_on(terms, [], date(2025, 1, 1)).interest_accrued == D("120.33")


def test_monthly_compounding_charges_interest_on_last_months_interest() -> None:
    # January: 1000 * 12% * 31/365 = 10.1917... posted 10.19 and capitalised on Feb 1;
    # February: 1010.19 * 12% * 28/365 = 9.2992...; running total 19.491... -> 19.49
    result = balance_on(COMPOUND_12, [], date(2025, 3, 1))
    assert (result.interest_accrued, result.balance) == (D("19.49"), D("1019.49"))


def test_a_payment_goes_to_interest_first_then_to_principal() -> None:
    result = balance_on(SIMPLE_12, [Payment(date(2025, 2, 1), D(50))], date(2025, 3, 1))
    # Feb 1: 10.19 interest paid, 39.81 principal; February on 960.19 adds 8.839...
    assert result.principal_outstanding == D("960.19")
    assert (result.interest_accrued, result.interest_unpaid) == (D("19.03"), D("8.84"))
    assert result.balance == D("969.03")


def test_payments_after_the_valuation_date_are_not_counted() -> None:
    payments = [Payment(date(2025, 6, 1), D(10)), Payment(date(2025, 1, 15), D(5))]
    result = balance_on(DebtTerms(D(100), "JPY", JAN_1), payments, date(2025, 2, 1))
    assert (result.paid, result.balance) == (D(5), D(95))


def test_a_payment_larger_than_the_balance_is_refused() -> None:
    on = date(2025, 3, 1)
    with pytest.raises(RuleViolationError, match="more than the balance"):
        balance_on(SIMPLE_12, [Payment(on, D("1019.41"))], on)
    assert balance_on(SIMPLE_12, [Payment(on, D("1019.40"))], on).balance == D("0.00")


def test_dates_before_the_start_and_bad_payment_amounts_name_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        balance_on(SIMPLE_12, [], date(2024, 12, 31))
    assert error.value.field == "date"
    with pytest.raises(ValidationError) as error:
        balance_on(SIMPLE_12, [Payment(date(2024, 12, 31), D(1))], JAN_1)
    assert error.value.field == "date"
    with pytest.raises(ValidationError) as error:
        balance_on(SIMPLE_12, [Payment(JAN_1, D("0.001"))], JAN_1)
    assert error.value.field == "payment"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"principal": D(0)}, "principal"),
        ({"principal": D("1.001")}, "principal"),
        ({"currency": "XYZ"}, "currency"),
        ({"annual_rate": D(-1)}, "interest_rate"),
        ({"annual_rate": D(1001)}, "interest_rate"),
    ],
)
def test_impossible_terms_name_the_field(arguments: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"principal": D(10), "currency": "EUR", "start": JAN_1}
    with pytest.raises(ValidationError) as error:
        DebtTerms(**{**values, **arguments})  # type: ignore[arg-type]
    assert error.value.field == field


@pytest.mark.parametrize(
    ("balance", "due", "status"),
    [
        (D(0), date(2025, 1, 1), DebtStatus.PAID),
        (D(10), None, DebtStatus.OPEN),
        (D(10), date(2025, 3, 1), DebtStatus.OPEN),
        (D(10), date(2025, 2, 28), DebtStatus.OVERDUE),
        (D(0), date(2025, 2, 28), DebtStatus.PAID),
    ],
)
def test_a_debt_is_overdue_only_after_its_due_date_with_a_balance(
    balance: Decimal, due: date | None, status: DebtStatus
) -> None:
    assert debt_status(balance, due, today=date(2025, 3, 1)) is status


@settings(max_examples=100, deadline=None)
@given(
    debts(),
    st.lists(st.tuples(st.integers(0, 1500), st.integers(1, 100)), max_size=8),
    st.integers(0, 2000),
)
def test_payments_plus_balance_equal_principal_plus_interest_exactly(
    terms: DebtTerms, steps: list[tuple[int, int]], horizon: int
) -> None:
    currency = terms.currency
    payments: list[Payment] = []
    for offset, percent in sorted(steps):
        day = terms.start + timedelta(days=offset)
        owed = to_minor(balance_on(terms, payments, day).balance, currency)
        if owed * percent // 100 > 0:
            payments.append(Payment(day, from_minor(owed * percent // 100, currency)))
    on = terms.start + timedelta(days=horizon)
    result = balance_on(terms, payments, on)
    paid = sum((p.amount for p in payments if p.day <= on), D(0))
    assert result.paid == paid
    assert paid + result.balance == terms.principal + result.interest_accrued
    assert result.balance == result.principal_outstanding + result.interest_unpaid
    assert result.balance >= 0
    assert (
        result.interest_accrued
        >= balance_on(terms, payments, on - timedelta(days=1) if horizon else on).interest_accrued
    )


@settings(max_examples=100)
@given(debts(), st.integers(0, 3000))
def test_simple_interest_without_payments_is_one_rounding_of_the_exact_amount(
    terms: DebtTerms, days: int
) -> None:
    simple = DebtTerms(terms.principal, terms.currency, terms.start, terms.annual_rate)
    result = balance_on(simple, [], terms.start + timedelta(days=days))
    exact = Fraction(to_minor(terms.principal, terms.currency)) * Fraction(terms.annual_rate or 0)
    expected = round(exact * days / 36500)
    assert to_minor(result.interest_accrued, terms.currency) == expected
    compound = replace(simple, interest=InterestMode.COMPOUND_MONTHLY)
    assert balance_on(compound, [], result.on).interest_accrued >= result.interest_accrued


@settings(max_examples=100)
@given(debts(), st.integers(0, 1500))
def test_paying_one_minor_unit_more_than_the_balance_is_always_refused(
    terms: DebtTerms, days: int
) -> None:
    on = terms.start + timedelta(days=days)
    owed = to_minor(balance_on(terms, [], on).balance, terms.currency)
    with pytest.raises(RuleViolationError):
        balance_on(terms, [Payment(on, from_minor(owed + 1, terms.currency))], on)


def test_a_twelve_month_schedule_pays_a_level_amount_and_clears_on_the_last_row() -> None:
    rows = amortisation_schedule(SIMPLE_12, instalments=12)
    # the nominal annuity, 1000 * 1% / (1 - 1.01^-12) = 88.85, overpays at actual/365:
    # 88.83 is the smallest level whose last row is no larger
    assert rows[0].payment == D("88.83")
    assert [row.due for row in rows[:3]] == [date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    assert (rows[0].interest, rows[0].principal, rows[0].remaining) == (
        D("10.19"),
        D("78.64"),
        D("921.36"),
    )
    assert all(row.payment == D("88.83") for row in rows[:-1])
    assert (rows[-1].payment, rows[-1].remaining) == (D("88.77"), D("0.00"))


def test_an_interest_free_schedule_never_asks_more_than_the_level_on_the_last_row() -> None:
    rows = amortisation_schedule(DebtTerms(D(100), "EUR", JAN_1), instalments=3)
    assert [row.payment for row in rows] == [D("33.34"), D("33.34"), D("33.32")]
    assert all(row.interest == 0 for row in rows)


def test_a_level_that_would_end_a_schedule_early_is_lowered_by_one_minor_unit() -> None:
    terms = DebtTerms(D(33143), "JPY", date(2000, 1, 1), D("7.73"))
    rows = amortisation_schedule(terms, instalments=264)  # 262 JPY a month clears in 263
    assert len(rows) == 264
    assert {row.payment for row in rows[:-1]} == {D(261)}


def test_a_schedule_by_monthly_amount_runs_until_the_debt_is_cleared() -> None:
    rows = amortisation_schedule(SIMPLE_12, monthly_payment=D(100))
    assert len(rows) == 11
    assert all(row.payment == D(100) for row in rows[:-1])
    assert rows[-1].payment < D(100)
    assert rows[-1].remaining == 0


def test_a_monthly_payment_that_does_not_cover_the_interest_is_refused() -> None:
    with pytest.raises(RuleViolationError, match="never be repaid"):
        amortisation_schedule(SIMPLE_12, monthly_payment=D("10.19"))


def test_a_monthly_payment_that_would_take_over_a_century_is_refused() -> None:
    with pytest.raises(RuleViolationError, match="1200 months"):
        amortisation_schedule(DebtTerms(D(1000), "EUR", JAN_1), monthly_payment=D("0.50"))


@pytest.mark.parametrize(
    "arguments",
    [{}, {"instalments": 12, "monthly_payment": D(10)}, {"instalments": 0}, {"instalments": 1201}],
)
def test_a_schedule_needs_exactly_one_valid_way_of_paying(arguments: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as error:
        amortisation_schedule(SIMPLE_12, **arguments)  # type: ignore[arg-type]
    assert error.value.field == "instalments"


@settings(max_examples=60, deadline=None)
@given(debts(), st.integers(1, 360))
def test_schedules_sum_to_principal_plus_interest_and_agree_with_the_balance(
    terms: DebtTerms, instalments: int
) -> None:
    rows = amortisation_schedule(terms, instalments=instalments)
    total_interest = sum((row.interest for row in rows), D(0))
    assert sum((row.payment for row in rows), D(0)) == terms.principal + total_interest
    assert all(row.payment == row.interest + row.principal for row in rows)
    assert rows[-1].remaining == 0
    assert all(row.remaining > 0 for row in rows[:-1])
    assert [row.number for row in rows] == list(range(1, len(rows) + 1))
    level = rows[0].payment
    assert all(row.payment == level for row in rows[:-1])
    principal = to_minor(terms.principal, terms.currency)
    if principal >= instalments:
        assert len(rows) == instalments
    payments = [Payment(row.due, row.payment) for row in rows]
    for row in {rows[0], rows[len(rows) // 2], rows[-1]}:
        replayed = balance_on(terms, payments, row.due)
        assert replayed.balance == row.remaining
        assert (
            replayed.interest_accrued
            == sum((r.interest for r in rows if r.number <= row.number), D(0))
            + replayed.interest_unpaid
        )


@settings(max_examples=60, deadline=None)
@given(debts(), st.integers(2, 360))
def test_the_last_row_exceeds_the_level_only_when_one_unit_more_would_finish_early(
    terms: DebtTerms, instalments: int
) -> None:
    rows = amortisation_schedule(terms, instalments=instalments)
    level = rows[0].payment
    if rows[-1].payment <= level:
        return
    try:
        quicker = amortisation_schedule(
            terms, monthly_payment=level + from_minor(1, terms.currency)
        )
    except RuleViolationError:  # tiny principals only: a level within a unit of the interest
        return
    assert len(quicker) < instalments
