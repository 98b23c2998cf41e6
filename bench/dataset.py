"""The synthetic household behind the benchmark: its categories, payment methods and N entries.

Pure and deterministic (one `random.Random(seed)`, dates relative to a given end day), so
`generate.py` can load the very same entries into a database and write them as an hledger
journal, and two runs with one seed measure the same data. Amounts are integer cents from
the start: nothing here ever holds money in a float once it is an entry.
"""

from __future__ import annotations

import calendar
import gc
import random
from dataclasses import dataclass
from datetime import date, timedelta
from math import exp
from operator import itemgetter
from statistics import NormalDist
from typing import NamedTuple

CURRENCY = "EUR"
YEARS = 5


@dataclass(frozen=True, slots=True)
class CategorySpec:
    name: str
    kind: str  # "income" | "expense"
    account: str  # the hledger account the journal books it to
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class MethodSpec:
    name: str
    type: str  # an accounts.schemas.AccountType value
    account: str
    last_four: str | None = None


def _expense(name: str, account: str, parent: str | None = None) -> CategorySpec:
    return CategorySpec(name, "expense", f"expenses:{account}", parent)


def _income(name: str, account: str) -> CategorySpec:
    return CategorySpec(name, "income", f"income:{account}")


# Parents come before their children. The first thirteen are what `accounts.service.setup`
# seeds in every workspace; generate.py only adds the ones a workspace does not have yet.
CATEGORIES: tuple[CategorySpec, ...] = (
    _expense("Groceries", "groceries"),
    _expense("Restaurants", "restaurants"),
    _expense("Housing", "housing"),
    _expense("Utilities", "utilities"),
    _expense("Transport", "transport"),
    _expense("Health", "health"),
    _expense("Education", "education"),
    _expense("Leisure", "leisure"),
    _expense("Clothing", "clothing"),
    _expense("Other expenses", "other"),
    _income("Salary", "salary"),
    _income("Freelance", "freelance"),
    _income("Other income", "other"),
    _expense("Bakery", "groceries:bakery", "Groceries"),
    _expense("Farmers market", "groceries:farmers-market", "Groceries"),
    _expense("Coffee shops", "restaurants:coffee", "Restaurants"),
    _expense("Takeaway", "restaurants:takeaway", "Restaurants"),
    _expense("Rent", "housing:rent", "Housing"),
    _expense("Home insurance", "housing:insurance", "Housing"),
    _expense("Repairs", "housing:repairs", "Housing"),
    _expense("Electricity", "utilities:electricity", "Utilities"),
    _expense("Water", "utilities:water", "Utilities"),
    _expense("Internet", "utilities:internet", "Utilities"),
    _expense("Mobile phone", "utilities:phone", "Utilities"),
    _expense("Fuel", "transport:fuel", "Transport"),
    _expense("Public transport", "transport:public", "Transport"),
    _expense("Taxi", "transport:taxi", "Transport"),
    _expense("Pharmacy", "health:pharmacy", "Health"),
    _expense("Dentist", "health:dentist", "Health"),
    _expense("Gym", "health:gym", "Health"),
    _expense("Streaming", "leisure:streaming", "Leisure"),
    _expense("Travel", "leisure:travel", "Leisure"),
    _expense("Books", "leisure:books", "Leisure"),
    _expense("Gifts", "gifts"),
    _income("Interest", "interest"),
    _income("Refunds", "refunds"),
)

# The category the benchmark filters on: the most frequent one, and a parent, so the
# filter exercises the "category and its sub-categories" path.
BUSY_CATEGORY = "Groceries"

METHODS: tuple[MethodSpec, ...] = (
    MethodSpec("Cash", "cash", "assets:cash"),  # seeded by setup
    MethodSpec("Checking account", "checking", "assets:bank:checking", "4821"),
    MethodSpec("Debit card", "checking", "assets:bank:checking", "4821"),
    MethodSpec("Credit card", "credit_card", "liabilities:credit-card", "9034"),
    MethodSpec("Savings account", "savings", "assets:bank:savings", "7710"),
    # Accounts a household keeps but rarely spends from: `account list` shows ten.
    MethodSpec("Travel wallet", "cash", "assets:cash:travel"),
    MethodSpec("Emergency fund", "savings", "assets:bank:emergency", "3306"),
    MethodSpec("Brokerage cash", "other_asset", "assets:brokerage"),
    MethodSpec("Car loan", "loan", "liabilities:car-loan"),
    MethodSpec("Mortgage", "mortgage", "liabilities:mortgage"),
)


@dataclass(frozen=True, slots=True)
class Habit:
    """Everyday spending of one category: relative frequency, log-normal amount, where, how."""

    category: str
    weight: float
    median: float  # euros; generation turns draws into integer cents at once
    low: float
    high: float
    merchants: tuple[str, ...]
    methods: tuple[tuple[str, float], ...]
    kind: str = "expense"
    spread: float = 0.5


CARD = (("Debit card", 0.7), ("Credit card", 0.2), ("Cash", 0.1))
CASHY = (("Cash", 0.6), ("Debit card", 0.4))

HABITS: tuple[Habit, ...] = (
    Habit("Groceries", 30, 34, 2, 320, ("Mercadona", "Lidl", "Carrefour", "Aldi", "Dia"), CARD),
    Habit("Bakery", 7, 4.2, 0.9, 25, ("Panadería La Espiga", "Granier"), CASHY, spread=0.4),
    Habit("Farmers market", 2, 17, 3, 70, ("Mercado de San Fernando",), CASHY),
    Habit("Restaurants", 7, 31, 8, 180, ("Casa Lucio", "La Tagliatella", "Vips"), CARD),
    Habit("Coffee shops", 10, 3.1, 1.2, 12, ("Café del Barrio", "Starbucks"), CASHY, spread=0.3),
    Habit("Takeaway", 4, 21, 8, 70, ("Glovo", "Just Eat", "Telepizza"), CARD, spread=0.35),
    Habit("Fuel", 4, 55, 15, 110, ("Repsol", "Cepsa", "BP"), CARD, spread=0.3),
    Habit("Public transport", 6, 2.4, 1.5, 60, ("Metro de Madrid", "EMT", "Renfe"), CASHY),
    Habit("Taxi", 1.5, 14, 5, 60, ("Cabify", "Taxi"), CARD, spread=0.4),
    Habit("Pharmacy", 2, 11, 2, 90, ("Farmacia Central",), CARD),
    Habit("Dentist", 0.2, 75, 30, 600, ("Clínica Dental Sonrisa",), CARD),
    Habit("Health", 0.4, 45, 20, 250, ("Centro Médico",), CARD),
    Habit("Leisure", 3, 22, 5, 120, ("Cines Yelmo", "Bolera", "Teatro Real"), CARD),
    Habit("Travel", 0.5, 210, 40, 1800, ("Renfe AVE", "Iberia", "Booking.com"), CARD, spread=0.7),
    Habit("Books", 1, 17, 6, 60, ("Casa del Libro", "FNAC"), CARD, spread=0.35),
    Habit("Clothing", 2, 42, 8, 300, ("Zara", "Decathlon", "Primark"), CARD),
    Habit("Education", 0.4, 60, 10, 400, ("Udemy", "Academia de Idiomas"), CARD),
    Habit("Gifts", 1, 32, 8, 200, ("El Corte Inglés", "Amazon"), CARD),
    Habit("Repairs", 0.3, 85, 15, 700, ("Leroy Merlin", "Fontanería Pérez"), CARD, spread=0.7),
    Habit("Housing", 0.2, 140, 20, 1200, ("IKEA",), CARD, spread=0.7),
    Habit("Other expenses", 2, 18, 1, 200, ("Amazon", "Correos", "Ayuntamiento"), CARD),
    Habit("Freelance", 0.6, 420, 80, 2500, ("Invoice paid",), (("Checking account", 1),), "income"),
    Habit("Refunds", 0.6, 24, 3, 200, ("Amazon refund",), (("Credit card", 1),), "income"),
    Habit("Other income", 0.2, 55, 5, 400, ("Bizum",), (("Checking account", 1),), "income"),
)


@dataclass(frozen=True, slots=True)
class Bill:
    """A fixed monthly (or yearly) event: the rows that make the data look like a life."""

    category: str
    day: int  # clamped to the month's last day
    euros: float
    description: str
    method: str
    kind: str = "expense"
    growth: float = 0.0  # per year, compounding from the first year
    jitter: float = 0.0  # relative random variation, for metered utilities
    months: tuple[int, ...] = tuple(range(1, 13))


CHECKING = "Checking account"
BILLS: tuple[Bill, ...] = (
    Bill("Salary", 28, 2850, "ACME Iberia S.L. payroll", CHECKING, "income", growth=0.03),
    Bill(
        "Salary", 20, 2850, "ACME Iberia S.L. extra pay", CHECKING, "income", 0.03, months=(6, 12)
    ),
    Bill("Interest", 31, 1.85, "Savings interest", "Savings account", "income", jitter=0.5),
    Bill("Rent", 1, 950, "Rent Calle Mayor 12", CHECKING, growth=0.03),
    Bill("Electricity", 6, 64, "Iberdrola", CHECKING, jitter=0.35),
    Bill("Water", 8, 24, "Canal de Isabel II", CHECKING, jitter=0.2, months=(1, 3, 5, 7, 9, 11)),
    Bill("Internet", 10, 39.90, "Movistar Fibra", CHECKING),
    Bill("Mobile phone", 12, 15, "Simyo", "Credit card"),
    Bill("Gym", 3, 34.90, "Basic-Fit", "Debit card", growth=0.02),
    Bill("Streaming", 15, 12.99, "Netflix", "Credit card"),
    Bill("Streaming", 18, 10.99, "Spotify", "Credit card"),
    Bill("Home insurance", 15, 285.40, "Mapfre Hogar", CHECKING, growth=0.04, months=(3,)),
)

NOTES = ("shared with Ana", "receipt in the drawer", "split later", "birthday", "work trip")
NOTE_SHARE = 0.03
# Relative activity Monday..Sunday: more shopping on Friday and Saturday, less on Sunday.
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.05, 1.2, 1.4, 0.6)


class Entry(NamedTuple):
    """One transaction, by names; loaders map the names to the workspace's ids."""

    date: str  # ISO date
    time: str  # HH:MM:SS (UTC) of created_at
    kind: str
    amount_minor: int
    category: str
    method: str
    description: str
    note: str | None


def period(end: date) -> tuple[date, date]:
    """The first and last day of the YEARS ending with `end` (inclusive)."""
    try:
        start = end.replace(year=end.year - YEARS)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - YEARS, day=28)
    return start + timedelta(days=1), end


def generate(rows: int, *, seed: int, end: date) -> list[Entry]:
    """Exactly `rows` entries over the YEARS ending `end`, sorted by date and time.

    Monthly bills (salary, rent, utilities...) come first; if they would be more than half of
    a tiny dataset, a random `rows // 2` of them are kept. Everything else is everyday spending
    drawn from HABITS, with a few incomes.
    """
    rng = random.Random(seed)
    start, end = period(end)
    bills = _bills(rng, start, end)
    if len(bills) > rows // 2:
        bills = rng.sample(bills, rows // 2)
    bills.sort(key=itemgetter(0, 1))
    # A million small tuples and no reference cycles: the cyclic collector would only walk
    # the growing list again and again (a third of the run time), so it rests meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _everyday(rng, start, end, rows - len(bills), bills)
    finally:
        if collecting:
            gc.enable()


def _bills(rng: random.Random, start: date, end: date) -> list[Entry]:
    found: list[Entry] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = calendar.monthrange(year, month)[1]
        for bill in BILLS:
            day = date(year, month, min(bill.day, last))
            if month not in bill.months or not start <= day <= end:
                continue
            euros = bill.euros * (1 + bill.growth) ** (year - start.year)
            if bill.jitter:
                euros *= 1 + rng.uniform(-bill.jitter, bill.jitter)
            found.append(
                Entry(
                    day.isoformat(),
                    _time(rng),
                    bill.kind,
                    max(1, round(euros * 100)),
                    bill.category,
                    bill.method,
                    bill.description,
                    None,
                )
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _everyday(
    rng: random.Random, start: date, end: date, count: int, bills: list[Entry]
) -> list[Entry]:
    """`count` everyday entries in time order, with the (sorted) `bills` merged in place.

    Per row this does a handful of table look-ups indexed by rng.random(): the generic
    helpers (rng.choices with k=1, rng.gauss) cost several times more, and a million rows
    should take seconds, not half a minute.
    """
    days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    day_names = [day.isoformat() for day in days]
    day_weights = [WEEKDAY_WEIGHTS[day.weekday()] for day in days]
    rnd = rng.random
    slots = sorted(
        day * DAY_SPAN + int(rnd() * DAY_SPAN)
        for day in rng.choices(range(len(days)), weights=day_weights, k=count)
    )
    habits = [_Draw.of(habit) for habit in HABITS]
    picked = rng.choices(habits, weights=[h.weight for h in HABITS], k=count)
    bill_slots = [_slot(bill, start) for bill in bills] + [_NEVER]
    entries: list[Entry] = []
    append = entries.append
    next_bill = 0
    quantiles, steps, times = _NORMAL, len(_NORMAL) - 1, _TIMES
    for slot, draw in zip(slots, picked, strict=True):
        while bill_slots[next_bill] <= slot:
            append(bills[next_bill])
            next_bill += 1
        position = rnd() * steps
        index = int(position)
        low_z = quantiles[index]
        z = low_z + (quantiles[index + 1] - low_z) * (position - index)
        cents = round(draw.median_cents * exp(draw.spread * z))
        methods, merchants = draw.methods, draw.merchants
        append(
            Entry(
                day_names[slot // DAY_SPAN],
                times[slot % DAY_SPAN],
                draw.kind,
                min(draw.high_cents, max(draw.low_cents, cents)),
                draw.category,
                methods[int(rnd() * len(methods))],
                merchants[int(rnd() * len(merchants))],
                NOTES[int(rnd() * len(NOTES))] if rnd() < NOTE_SHARE else None,
            )
        )
    entries.extend(bills[next_bill:])
    return entries


@dataclass(frozen=True, slots=True)
class _Draw:
    """A Habit prepared for the hot loop: cents and look-up tables instead of weights."""

    kind: str
    category: str
    median_cents: float
    spread: float
    low_cents: int
    high_cents: int
    methods: tuple[str, ...]
    merchants: tuple[str, ...]

    @classmethod
    def of(cls, habit: Habit) -> _Draw:
        total = sum(weight for _, weight in habit.methods)
        methods: list[str] = []
        for name, weight in habit.methods:
            methods.extend([name] * round(100 * weight / total))
        return cls(
            habit.kind,
            habit.category,
            habit.median * 100,
            habit.spread,
            round(habit.low * 100),
            round(habit.high * 100),
            tuple(methods),
            habit.merchants,
        )


# Entries are created between 07:00 and 22:00 UTC; one precomputed label per second.
DAY_START = 7 * 3600
DAY_SPAN = 15 * 3600
_TIMES = tuple(
    f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
    for s in range(DAY_START, DAY_START + DAY_SPAN)
)
_NEVER = 1 << 62
# Standard normal quantiles; interpolating between them draws a log-normal amount with two
# random() calls' worth of work instead of rng.gauss.
_NORMAL = tuple(NormalDist().inv_cdf(min(max(i / 4096, 1e-6), 1 - 1e-6)) for i in range(4097))


def _slot(entry: Entry, start: date) -> int:
    day = (date.fromisoformat(entry.date) - start).days
    hours, minutes, seconds = (int(part) for part in entry.time.split(":"))
    return day * DAY_SPAN + hours * 3600 + minutes * 60 + seconds - DAY_START


def _time(rng: random.Random) -> str:
    return _TIMES[rng.randrange(DAY_SPAN)]
