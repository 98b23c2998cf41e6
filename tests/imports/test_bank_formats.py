"""Norma 43, CAMT and MT940 read from hand-written statements: lines, balances, refusals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.camt_format import parse_camt
from fopymes_server.imports.mt940_format import parse_mt940
from fopymes_server.imports.norma43_format import parse_norma43
from fopymes_server.imports.statements import Statement, balance_error

FIXTURES = Path(__file__).parent / "fixtures"
NORMA43 = (FIXTURES / "norma43.n43").read_bytes()
CAMT = (FIXTURES / "camt053.xml").read_bytes()
MT940 = (FIXTURES / "mt940.sta").read_bytes()


def _moved(statement: Statement) -> Decimal:
    return sum((line.amount for line in statement.lines), Decimal(0))


def test_norma43_reads_movements_concepts_and_both_balances() -> None:
    (statement,) = parse_norma43(NORMA43)
    assert (statement.account, statement.currency) == ("2100/0418/4012345678", "EUR")
    assert [(line.line, line.amount) for line in statement.lines] == [
        (2, Decimal("-45.20")),
        (4, Decimal("-850.00")),
        (5, Decimal("2450.00")),
        (7, Decimal("-2.50")),
    ]
    assert statement.lines[0].description == "MERCADONA VALENCIA COMPRA TARJETA 1234"
    assert statement.lines[3].description == "Intereses / comisiones / gastos"
    assert statement.opening is not None
    assert statement.closing is not None
    assert (statement.opening.amount, statement.closing.amount) == (
        Decimal("1000.00"),
        Decimal("2552.30"),
    )
    assert balance_error(statement) is None


def _record(data: bytes, code: bytes) -> int:
    return next(i for i, line in enumerate(data.split(b"\r\n")) if line.startswith(code))


def _replace_record(data: bytes, code: bytes, start: int, text: bytes) -> bytes:
    lines = data.split(b"\r\n")
    index = _record(data, code)
    lines[index] = lines[index][:start] + text + lines[index][start + len(text) :]
    return b"\r\n".join(lines)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            _replace_record(NORMA43, b"33", 25, b"00000000089771"),
            "line 8: record 33 states 3 debits",
        ),
        (_replace_record(NORMA43, b"88", 20, b"000009"), "line 9: record 88 counts 000009"),
        (NORMA43.replace(b"\r\n22", b"\r\n27", 1), "line 2: '27' is not a Norma 43 record"),
        (NORMA43.split(b"\r\n33")[0], "has no closing record 33"),
        (_replace_record(NORMA43, b"22", 28, b"00000000004x20"), "line 2: amount"),
        (b"Fecha;Concepto\n", "line 1: 'Fe' is not a Norma 43 record"),
    ],
    ids=["debit-total", "record-count", "unknown-record", "truncated", "amount", "csv"],
)
def test_norma43_that_does_not_add_up_is_refused_naming_the_line(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_norma43(data)


def test_camt053_imports_booked_entries_and_leaves_pending_ones_out() -> None:
    (statement,) = parse_camt(CAMT)
    assert statement.account == "DE89370400440532013000"
    assert [line.amount for line in statement.lines] == [
        Decimal("-85.00"),
        Decimal("2800.00"),
        Decimal("-23.45"),
    ]
    assert statement.lines[0].external_id == "2026110300001"
    assert statement.lines[0].description == "Stadtwerke München"
    assert statement.lines[0].note == "Abschlag Strom November"
    assert [(s.line, s.message) for s in statement.skipped] == [(69, "is PDNG, not booked")]
    assert balance_error(statement) is None


def test_camt052_and_054_are_read_by_the_same_reader() -> None:
    report = CAMT.replace(b"BkToCstmrStmt", b"BkToCstmrAcctRpt").replace(b"<Stmt>", b"<Rpt>")
    report = report.replace(b"</Stmt>", b"</Rpt>").replace(b"camt.053", b"camt.052")
    assert _moved(parse_camt(report)[0]) == Decimal("2691.55")
    notice = CAMT.replace(b"BkToCstmrStmt", b"BkToCstmrDbtCdtNtfctn").replace(b"Stmt>", b"Ntfctn>")
    assert _moved(parse_camt(notice)[0]) == Decimal("2691.55")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaa">]>\n<Document/>',
            "line 2: a DOCTYPE is not allowed",
        ),
        (b"<Document><BkToCstmrStmt><Stmt>", "is not well-formed XML"),
        (b'<?xml version="1.0"?>\n<Invoice/>', "line 2: is not a CAMT"),
        (b"hello", "line 1: is not well-formed XML"),
    ],
    ids=["doctype", "truncated", "other-xml", "text"],
)
def test_what_is_not_camt_is_refused_with_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_camt(data)


def test_a_camt_amount_that_is_not_a_decimal_is_a_row_error() -> None:
    (statement,) = parse_camt(CAMT.replace(b">85.00<", b">NaN<"))
    assert [(e.line, e.field) for e in statement.errors] == [(31, "amount")]


def test_mt940_reads_balances_references_and_structured_details() -> None:
    (statement,) = parse_mt940(MT940)
    assert statement.account == "NL20INGB0001234567"
    assert [(line.line, line.amount, line.external_id) for line in statement.lines] == [
        (6, Decimal("-45.20"), "AH20261102"),
        (9, Decimal("-850.00"), "BK20261105"),
        (11, Decimal("2450.00"), "BK20261125"),
        (13, Decimal("-2.50"), None),
    ]
    assert statement.lines[0].description == "Albert Heijn"
    assert statement.lines[2].description == "Werkgever BV"
    assert balance_error(statement) is None


def test_an_mt940_movement_that_cannot_be_read_is_an_error_not_dropped() -> None:
    (statement,) = parse_mt940(MT940.replace(b"D45,20", b"D4x5,20"))
    assert [(e.line, e.field) for e in statement.errors] == [(6, "amount")]
    assert len(statement.lines) == 3


def test_mt940_with_two_accounts_and_a_closing_balance_that_does_not_add_up() -> None:
    second = MT940.replace(b"NL20INGB0001234567", b"NL91ABNA0417164300")
    first, other = parse_mt940(MT940 + second.replace(b"2552,30", b"2552,31"))
    assert balance_error(first) is None
    problem = balance_error(other)
    assert problem is not None
    assert problem.line == 32
    assert "is 2552.30, but the closing balance is 2552.31" in problem.message
    with pytest.raises(ValidationError, match="no :25: account"):
        parse_mt940(b"hello\n")


def test_mt940_reversals_move_money_back_and_every_page_adds_up() -> None:
    first, second = parse_mt940((FIXTURES / "mt940_two_pages_reversals.sta").read_bytes())
    assert first.account == second.account == "NL20INGB0001234567"
    assert [line.amount for line in first.lines] == [Decimal("-100.00"), Decimal("100.00")]
    assert [line.amount for line in second.lines] == [
        Decimal("40.00"),
        Decimal("-40.00"),
        Decimal("-12.50"),
    ]
    assert (balance_error(first), balance_error(second)) == (None, None)


PARSERS = [parse_norma43, parse_camt, parse_mt940]


@pytest.mark.parametrize("parse", PARSERS, ids=["norma43", "camt", "mt940"])
@given(junk=st.binary(max_size=300))
def test_any_bytes_are_statements_or_one_validation_error(parse: Any, junk: bytes) -> None:
    try:
        parse(junk)
    except ValidationError:
        return


@pytest.mark.parametrize(
    ("parse", "data"),
    [(parse_norma43, NORMA43), (parse_camt, CAMT), (parse_mt940, MT940)],
    ids=["norma43", "camt", "mt940"],
)
@given(cut=st.integers(min_value=0, max_value=4000), byte=st.integers(0, 255))
def test_a_damaged_statement_never_crashes_the_reader(
    parse: Any, data: bytes, cut: int, byte: int
) -> None:
    position = cut % len(data)
    damaged = data[:position] + bytes([byte]) + data[position + 1 :]
    try:
        parse(damaged)
    except ValidationError:
        return
