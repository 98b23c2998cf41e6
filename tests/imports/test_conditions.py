"""The rule condition language: what it matches, what it refuses, and that it never crashes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.conditions import Facts, parse_condition
from fopymes_server.imports.fingerprints import fingerprints
from fopymes_server.imports.schemas import StatementLine


def facts(description: str = "x", amount: str = "10", kind: str = "expense", **more: str) -> Facts:
    return Facts(description=description, amount=Decimal(amount), kind=kind, **more)


@pytest.mark.parametrize(
    ("condition", "matching", "other"),
    [
        ('description ~ "MERCADONA|CARREFOUR"', facts("Mercadona 123"), facts("Lidl")),
        ('description contains "amazon"', facts("AMAZON EU"), facts("ebay")),
        ('description = "rent"', facts("Rent"), facts("rent day")),
        ("amount >= 100", facts(amount="100"), facts(amount="99.99")),
        ('kind = "income" and amount < 5', facts(kind="income", amount="1"), facts(amount="1")),
        ('not method = "Cash"', facts(method="Card"), facts(method="cash")),
        (
            '(description ~ "^bus" or description ~ "metro") and amount <= 3',
            facts("Metro ticket", "2"),
            facts("Metro ticket", "20"),
        ),
        ('description ~ "caf\\"e"', facts('caf"e'), facts("cafe")),
        ('account = "Card"', facts(method="card"), facts(method="Cash")),
        ("amount >= 10 and amount <= 50", facts(amount="50"), facts(amount="50.01")),
        ("amount >= 10 and amount <= 50", facts(amount="10"), facts(amount="9.99")),
        (
            'kind = "expense" and (account = "Card" or amount > 100)',
            facts(amount="101", method="Cash"),
            facts(kind="income", amount="101", method="Card"),
        ),
    ],
)
def test_conditions_match_what_they_say(condition: str, matching: Facts, other: Facts) -> None:
    test = parse_condition(condition)
    assert test(matching)
    assert not test(other)


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ('merchant ~ "x"', "not a field"),
        ('description ~ "shop(?=ping)"', "lookaround or backreference"),
        ('description ~ "(?<!super)market"', "lookaround or backreference"),
        ('description ~ "(ab)\\\\1"', "lookaround or backreference"),
        ('description ~ "' + "a" * 201 + '"', "at most 200"),
        ('description ~ "["', "not a valid pattern"),
        ('amount ~ "1"', "amount takes"),
        ("description = shop", "quoted text"),
        ('description = "a" and', "ends too early"),
        ('description = "a" description = "b"', "unexpected"),
        ("__import__('os')", "cannot read"),
        ("", "must not be empty"),
    ],
)
def test_bad_conditions_are_refused_with_the_reason(condition: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_condition(condition)


def test_a_pattern_that_would_backtrack_exponentially_returns_on_a_long_line() -> None:
    test = parse_condition('description ~ "(a|a)*b"')
    assert test(facts("a" * 50)) is False
    assert test(facts("a" * 50 + "b")) is True
    nested = parse_condition('description ~ "(x+x+)+y"')
    assert nested(facts("x" * 5000)) is False


def test_patterns_ignore_case_beyond_ascii() -> None:
    assert parse_condition('description ~ "ÉPICERIE"')(facts("épicerie du coin"))


@given(st.text(max_size=80))
def test_any_text_either_parses_or_is_a_validation_error(text: str) -> None:
    try:
        test = parse_condition(text)
    except ValidationError:
        return
    assert isinstance(test(facts()), bool)


def _line(line: int, description: str = "Coffee", amount: str = "-2.50") -> StatementLine:
    from datetime import date

    return StatementLine(
        line=line, date=date(2026, 11, 3), amount=Decimal(amount), description=description
    )


def test_equal_lines_in_one_file_get_different_fingerprints_and_repeat_on_reimport() -> None:
    lines = [_line(1), _line(2), _line(3, "Bus")]
    first = fingerprints(lines, ["EUR"] * 3, ["method:1"] * 3)
    assert len(set(first)) == 3
    assert fingerprints(lines, ["EUR"] * 3, ["method:1"] * 3) == first
    assert fingerprints([_line(9, "  coffee ", "-2.5")], ["EUR"], ["method:1"])[0] == first[0]
    assert fingerprints([_line(1)], ["EUR"], ["method:2"])[0] != first[0]


def test_a_condition_tests_the_payee() -> None:
    test = parse_condition('payee ~ "mercadona" and amount > 10')
    assert test(Facts(description="x", amount=Decimal("12"), kind="expense", payee="MERCADONA"))
    assert not test(Facts(description="mercadona", amount=Decimal("12"), kind="expense"))
