"""Debt rules: interest, outstanding balance, status and amortisation schedules (pure).

Called by `debts/` services and jobs. The interest convention is exact and stated once, here,
so the CLI, the API and a PDF report agree to the minor unit on every balance:

- Day count actual/365 fixed: a day's interest is `base * rate / 100 / 365`, leap years too.
  Interest accrues for the days from the start date to the valuation date (the start day
  itself earns nothing), computed with exact fractions.
- Simple interest accrues on the principal still outstanding. Monthly-compounded interest
  also accrues on the interest that was unpaid at the last monthly anniversary of the start
  date (day clamped: a debt started on the 31st compounds on Feb 28/29).
- Rounding: the running total of exact interest is rounded half-even to the currency's minor
  unit whenever interest is posted (each monthly anniversary, each payment date and the
  valuation date); what is posted is the rounded total minus what was posted before, so
  rounding never accumulates and simple interest without payments is exactly
  round(principal * rate * days / 36500).
- Payments apply on their date, after that day's interest: first to unpaid interest, then to
  principal. So `sum(payments) + balance == principal + interest_accrued` holds exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from fractions import Fraction

from fopymes_server.core.dates import LAST_DAY, add_months
from fopymes_server.core.errors import RuleViolationError, ValidationError
from fopymes_server.core.money import format_money, from_minor, parse_amount, to_minor

MAX_INSTALMENTS = 1200  # a hundred years of monthly payments
MAX_ANNUAL_RATE = Decimal(1000)


class InterestMode(StrEnum):
    SIMPLE = "simple"
    COMPOUND_MONTHLY = "compound_monthly"


class DebtStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class DebtTerms:
    """What was lent or borrowed: principal, start date and optional annual rate in percent.

    Raises ValidationError when the principal is not positive or does not fit the currency,
    the currency is unknown, or the rate is negative or above 1000 percent.
    """

    principal: Decimal
    currency: str
    start: date
    annual_rate: Decimal | None = None
    interest: InterestMode = InterestMode.SIMPLE

    def __post_init__(self) -> None:
        parse_amount(self.principal, self.currency, field="principal")
        if self.annual_rate is not None and not 0 <= self.annual_rate <= MAX_ANNUAL_RATE:
            raise ValidationError("interest_rate", "must be a percentage from 0 to 1000")


@dataclass(frozen=True, slots=True)
class Payment:
    day: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class DebtBalance:
    """A debt on one date; `balance == principal_outstanding + interest_unpaid`."""

    on: date
    balance: Decimal
    principal_outstanding: Decimal
    interest_unpaid: Decimal
    interest_accrued: Decimal
    paid: Decimal


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One instalment: `payment == interest + principal`, `remaining` is left after it."""

    number: int
    due: date
    payment: Decimal
    interest: Decimal
    principal: Decimal
    remaining: Decimal


def _shown(minor: int, currency: str) -> str:
    return format_money(from_minor(minor, currency), currency)


class _Ledger:
    """Replays a debt day by day in integer minor units (private: state changes in place)."""

    def __init__(self, terms: DebtTerms) -> None:
        self.terms = terms
        # exact interest = exact_numerator / denominator: as exact as Fraction, and faster
        rate = Fraction(terms.annual_rate or 0)
        self.rate_numerator = rate.numerator
        self.denominator = rate.denominator * 36500
        self.day = terms.start
        self.months = 0
        self.principal = to_minor(terms.principal, terms.currency)
        self.interest_unpaid = 0
        self.capitalised = 0  # unpaid interest that bears interest (compound only)
        self.exact_numerator = 0
        self.posted = 0
        self.paid = 0

    @property
    def balance(self) -> int:
        return self.principal + self.interest_unpaid

    def advance(self, day: date) -> None:
        """Accrue and post interest up to `day`, compounding at each anniversary passed
        (anniversaries stop at the last day of the date range, see core.dates)."""
        while self.day < (anniversary := add_months(self.terms.start, self.months + 1)) <= day:
            self._accrue(anniversary)
            self.months += 1
            if self.terms.interest is InterestMode.COMPOUND_MONTHLY:
                self.capitalised = self.interest_unpaid
        self._accrue(day)

    def _accrue(self, day: date) -> None:
        base = self.principal + self.capitalised
        self.exact_numerator += base * self.rate_numerator * (day - self.day).days
        self.day = day
        total, rest = divmod(self.exact_numerator, self.denominator)
        if 2 * rest > self.denominator or (2 * rest == self.denominator and total % 2):
            total += 1  # half-even on the running total
        self.interest_unpaid += total - self.posted
        self.posted = total

    def pay(self, amount: int) -> tuple[int, int]:
        """Apply a payment to interest then principal; returns (interest part, principal part)."""
        if amount > self.balance:
            paying, owed = (_shown(minor, self.terms.currency) for minor in (amount, self.balance))
            message = f"a payment of {paying} on {self.day} is more than the balance of {owed}"
            raise RuleViolationError(message)
        to_interest = min(amount, self.interest_unpaid)
        self.interest_unpaid -= to_interest
        self.capitalised = min(self.capitalised, self.interest_unpaid)
        self.principal -= amount - to_interest
        self.paid += amount
        return to_interest, amount - to_interest


def balance_on(terms: DebtTerms, payments: Sequence[Payment], on: date) -> DebtBalance:
    """The debt on `on`, with interest accrued to that day and the payments dated up to it.

    Payments are applied in date order (same-day payments in the given order); later ones are
    ignored. Raises ValidationError("date") when `on` or a payment is before the start, or a
    payment amount is not positive or does not fit the currency; RuleViolationError when a
    payment is larger than the balance on its date.
    """
    if on < terms.start:
        raise ValidationError("date", f"{on} is before the debt started ({terms.start})")
    ledger = _Ledger(terms)
    for payment in sorted(payments, key=lambda payment: payment.day):
        if payment.day > on:
            break
        if payment.day < terms.start:
            raise ValidationError("date", f"a payment on {payment.day} predates the debt")
        amount = parse_amount(payment.amount, terms.currency, field="payment")
        ledger.advance(payment.day)
        ledger.pay(to_minor(amount, terms.currency))
    ledger.advance(on)
    currency = terms.currency
    return DebtBalance(
        on=on,
        balance=from_minor(ledger.balance, currency),
        principal_outstanding=from_minor(ledger.principal, currency),
        interest_unpaid=from_minor(ledger.interest_unpaid, currency),
        interest_accrued=from_minor(ledger.posted, currency),
        paid=from_minor(ledger.paid, currency),
    )


def payment_parts(terms: DebtTerms, payments: Sequence[Payment]) -> list[tuple[Decimal, Decimal]]:
    """How each payment divides into (interest, principal), in the given order.

    Payments are replayed in date order (same-day ones as given), as `balance_on` applies
    them; interest is paid first. This is what `debt pay --record` posts as an expense or
    income (the interest) and a transfer (the principal). Raises what `balance_on` raises.
    """
    ledger = _Ledger(terms)
    parts: dict[int, tuple[Decimal, Decimal]] = {}
    order = sorted(range(len(payments)), key=lambda index: payments[index].day)
    for index in order:
        payment = payments[index]
        if payment.day < terms.start:
            raise ValidationError("date", f"a payment on {payment.day} predates the debt")
        amount = parse_amount(payment.amount, terms.currency, field="payment")
        ledger.advance(payment.day)
        interest, principal = ledger.pay(to_minor(amount, terms.currency))
        parts[index] = (
            from_minor(interest, terms.currency),
            from_minor(principal, terms.currency),
        )
    return [parts[index] for index in range(len(payments))]


def debt_status(balance: Decimal, due: date | None, today: date) -> DebtStatus:
    """PAID when nothing is owed, OVERDUE after the due date with a balance, else OPEN."""
    if balance <= 0:
        return DebtStatus.PAID
    if due is not None and today > due:
        return DebtStatus.OVERDUE
    return DebtStatus.OPEN


def _annuity(terms: DebtTerms, instalments: int) -> int:
    """Level payment in minor units at the nominal monthly rate (annual / 12), half-up."""
    rate = (terms.annual_rate or Decimal(0)) / 1200
    with localcontext() as context:
        context.prec = 50
        if rate == 0:
            exact = terms.principal / instalments
        else:
            exact = terms.principal * rate / (1 - (1 + rate) ** -instalments)
    rounded = exact.quantize(from_minor(1, terms.currency), ROUND_HALF_UP)
    return max(to_minor(rounded, terms.currency), 1)


def _level(terms: DebtTerms, instalments: int) -> int:
    """Smallest level (minor units) whose last row pays no more than it: galloping then
    bisection from the annuity guess ("fits" is monotone: more paid never leaves more owed)."""

    def fits(level: int) -> bool:
        ledger = _Ledger(terms)
        for number in range(1, instalments + 1):
            ledger.advance(add_months(terms.start, number))
            if level >= ledger.balance:
                return True
            if number < instalments:
                ledger.pay(level)
        return False

    high, step = _annuity(terms, instalments), 1
    while not fits(high):
        high, step = high + step, step * 2
    low, step = high - 1, 1
    while low >= 1 and fits(low):
        high, low, step = low, low - step, step * 2
    low = max(low, 0)  # 0 stands for "no smaller level fits"
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle
    return high


def amortisation_schedule(
    terms: DebtTerms, *, instalments: int | None = None, monthly_payment: Decimal | None = None
) -> list[ScheduleRow]:
    """Monthly rows, due on each anniversary of the start, until the balance is zero.

    Give exactly one of `monthly_payment` (every row pays it, the last pays what is left) or
    `instalments` (1..1200): every row but the last pays one level amount, the smallest whole
    minor-unit amount whose last row is no larger, solved against this module's actual/365
    convention from the annuity at annual / 12. Should that level clear the debt early (a
    principal of few minor units per instalment), one unit less is used and the last row is
    larger; a principal under `instalments` minor units finishes early at one unit a row.

    `balance_on(terms, <rows as payments>, row.due).balance == row.remaining`, the last
    remaining is zero and the payments sum to principal + total interest exactly. Raises
    ValidationError when both or neither are given or one is out of range;
    RuleViolationError when a monthly payment does not exceed the interest it must cover or
    would need more than 1200 months.
    """
    if monthly_payment is not None:
        if instalments is not None:
            raise ValidationError("instalments", "give instalments or a monthly payment, not both")
        amount = parse_amount(monthly_payment, terms.currency, field="monthly_payment")
        return _rows(terms, to_minor(amount, terms.currency), None)
    if instalments is None or not 1 <= instalments <= MAX_INSTALMENTS:
        message = f"give from 1 to {MAX_INSTALMENTS} instalments, or a monthly payment"
        raise ValidationError("instalments", message)
    level = _level(terms, instalments)
    rows = _rows(terms, level, instalments)
    if len(rows) < instalments and level > 1:
        rows = _rows(terms, level - 1, instalments)
    return rows


def _rows(terms: DebtTerms, payment: int, instalments: int | None) -> list[ScheduleRow]:
    """Replay `payment` minor units a month (the last row pays the rest) into schedule rows."""
    currency = terms.currency
    shown = _shown(payment, currency)
    ledger = _Ledger(terms)
    rows: list[ScheduleRow] = []
    for number in range(1, MAX_INSTALMENTS + 1):
        due = add_months(terms.start, number)
        if rows and due <= rows[-1].due:
            raise RuleViolationError(f"the repayment would run past {LAST_DAY}; shorten it")
        ledger.advance(due)
        last = number == instalments or payment >= ledger.balance
        if not last and instalments is None and payment <= ledger.interest_unpaid:
            raise RuleViolationError(
                f"a monthly payment of {shown} does not cover the interest due on {due}; "
                "the debt would never be repaid"
            )
        amount = ledger.balance if last else payment
        interest, principal = ledger.pay(amount)
        parts = (amount, interest, principal, ledger.balance)
        rows.append(ScheduleRow(number, due, *(from_minor(part, currency) for part in parts)))
        if last:
            return rows
    raise RuleViolationError(
        f"a monthly payment of {shown} would need more than {MAX_INSTALMENTS} months; raise it"
    )
