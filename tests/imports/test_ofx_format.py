"""Reading OFX as banks write it: lenient where the money is readable, strict on values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.ofx_format import parse_ofx

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).resolve().parents[1] / "data"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_no_header_a_ten_character_bank_id_an_empty_balance_and_french_are_read() -> None:
    (statement,) = parse_ofx(_read("ofx_no_header_long_bankid.ofx"))
    assert statement.account == "3000400012/00012345678"
    assert statement.closing is None
    assert [(line.line, line.amount) for line in statement.lines] == [
        (24, Decimal("-23.90")),
        (31, Decimal("1800.00")),
        (38, Decimal("-2.50")),
    ]
    assert statement.lines[2].description == "FRAIS TENUE DE COMPTE"
    assert statement.errors == []


def test_a_latin1_file_with_a_bank_and_a_card_statement_gives_both_accounts() -> None:
    bank, card = parse_ofx(_read("ofx_latin1_two_accounts.ofx"))
    assert (bank.account, card.account) == ("0049/ES9100491500051234567892", "4111111111114321")
    assert bank.lines[0].description == "PANADERÍA SEÑOR & HIJOS"
    assert bank.closing is not None
    assert bank.closing.amount == Decimal("1470.00")
    assert card.closing is None
    assert [line.amount for line in card.lines] == [Decimal("-64.10")]


@pytest.mark.parametrize("charset", [b"8859-1", b"ISO-8859-1", b"ISO8859-1", b"LATIN1"])
def test_charset_spellings_decode_the_same(charset: str) -> None:
    data = _read("ofx_latin1_two_accounts.ofx").replace(b"CHARSET:8859-1", b"CHARSET:" + charset)
    assert parse_ofx(data)[0].lines[0].description == "PANADERÍA SEÑOR & HIJOS"


def test_ofx_2_xml_with_closed_leaves_entities_and_empty_elements() -> None:
    (statement,) = parse_ofx(_read("ofx_xml_utf8.ofx"))
    assert [line.description for line in statement.lines] == [
        "Bäckerei Müller & Söhne",
        "Miete Garage",
    ]
    assert statement.lines[0].note is None
    assert statement.closing is not None
    assert statement.closing.line == 44


def test_an_investment_statement_gives_its_cash_movements_and_skips_holdings() -> None:
    (statement,) = parse_ofx(_read("ofx_investment.ofx"))
    assert statement.currency == "USD"
    assert [(line.line, line.amount, line.external_id) for line in statement.lines] == [
        (28, Decimal("5000.00"), "INV-1"),
        (37, Decimal("-2993.80"), "INV-2"),
        (54, Decimal("726.42"), "INV-3"),
        (69, Decimal("12.34"), "INV-4"),
    ]
    assert statement.lines[1].description == "Buy 10.5 units 922908363"
    assert [(s.line, s.field) for s in statement.skipped] == [(80, "TRANSFER")]
    assert statement.errors == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Fecha;Concepto;Importe\n02/11/2026;X;-1\n", "has no <OFX> element"),
        (b"<html><body>Session expired</body></html>", "has no <OFX> element"),
        (b"OFXHEADER:100\n\n<OFX>\n<SIGNONMSGSRSV1>\n</SIGNONMSGSRSV1>\n</OFX>\n", "holds no"),
        (
            (FIXTURES / "ofx_bank_error.ofx").read_bytes(),
            "line 8: the bank answered with error 2000: Account not available",
        ),
        (
            (DATA / "statement.ofx").read_bytes().split(b"<STMTTRN>")[0] + b"<STMTTRN>\n<TRN",
            "line 30: <BANKTRANLIST> is never closed",
        ),
    ],
    ids=["csv", "html", "signon-only", "bank-error", "truncated"],
)
def test_what_is_not_a_statement_is_refused_with_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_ofx(data)


def test_a_bad_date_or_balance_is_a_row_error_on_its_line() -> None:
    data = (
        (DATA / "statement.ofx")
        .read_bytes()
        .replace(b"<DTPOSTED>20261102", b"<DTPOSTED>20261302")
        .replace(b"<BALAMT>1542.45", b"<BALAMT>NaN")
    )
    (statement,) = parse_ofx(data)
    assert [(e.line, e.field) for e in statement.errors] == [(42, "date"), (64, "balance")]
    assert len(statement.lines) == 3


@given(junk=st.binary(max_size=300), cut=st.integers(min_value=0, max_value=3000))
def test_any_bytes_or_a_damaged_statement_never_crash_the_reader(junk: bytes, cut: int) -> None:
    statement = (FIXTURES / "ofx_investment.ofx").read_bytes()
    position = cut % len(statement)
    for data in (junk, b"<OFX>" + junk, statement[:position] + junk + statement[position:]):
        try:
            parse_ofx(data)
        except ValidationError:
            continue
