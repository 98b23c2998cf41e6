"""Reading bank CSVs: encodings, delimiters, number styles, columns, and every bad row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.csv_format import parse_csv
from fopymes_server.imports.csv_layout import decode
from fopymes_server.imports.csv_rows import parse_number
from fopymes_server.imports.schemas import CsvMapping, RowError, SignConvention, StatementLine

DATA = Path(__file__).resolve().parents[1] / "data"
SPANISH = CsvMapping(
    date="Fecha",
    date_format="%d/%m/%Y",
    amount="Importe",
    description="Concepto",
    decimal=",",
    thousands=".",
    header_row=3,
)


def _parse(data: bytes, mapping: CsvMapping) -> tuple[list[StatementLine], list[RowError]]:
    read = parse_csv(data, mapping)
    return read.lines, read.errors


@pytest.mark.parametrize(
    ("text", "decimal", "thousands", "expected"),
    [
        ("1.234,56", ",", ".", "1234.56"),
        ("-45,20", ",", ".", "-45.20"),
        ("1,234.56", ".", ",", "1234.56"),
        ("(12.50)", ".", "", "-12.50"),
        ("12.50-", ".", "", "-12.50"),
        ("€ 3", ".", "", "3"),
        ("+7", ".", "", "7"),
        ("1 234,5", ",", " ", "1234.5"),
    ],
)
def test_numbers_in_every_bank_style(
    text: str, decimal: str, thousands: str, expected: str
) -> None:
    assert parse_number(text, decimal, thousands) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,5", "1.2.3", ""])
def test_text_that_is_not_a_number_in_that_style_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a number|has a ','"):
        parse_number(text, ".", "")


def test_a_spanish_bank_file_with_a_preamble_and_decimal_commas() -> None:
    lines, errors = _parse((DATA / "bank_es.csv").read_bytes(), SPANISH)
    assert errors == []
    assert [(line.line, line.date, line.amount) for line in lines[:2]] == [
        (4, date(2026, 11, 2), Decimal("-45.20")),
        (5, date(2026, 11, 3), Decimal("-12.35")),
    ]
    assert lines[3].amount == Decimal("2450.00")


def test_windows_1252_and_utf8_with_bom_decode_without_being_told() -> None:
    text = "Fecha;Concepto;Importe\n02/11/2026;Café Señor;-1,00\n"
    for data in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        mapping = SPANISH.model_copy(update={"header_row": 1})
        lines, errors = _parse(data, mapping)
        assert errors == []
        assert lines[0].description == "Café Señor"
    assert decode("ñ".encode("utf-16"), None) == ("ñ", "utf-16")


def test_separate_debit_and_credit_columns_and_card_sign_convention() -> None:
    data = b"date,what,out,in\n2026-11-01,shop,12.00,\n2026-11-02,refund,,3.50\n"
    mapping = CsvMapping(date="date", description="what", debit="out", credit="in")
    lines, _ = _parse(data, mapping)
    assert [line.amount for line in lines] == [Decimal("-12.00"), Decimal("3.50")]
    card = CsvMapping(
        date="1", description="2", amount="3", header_row=0, sign=SignConvention.POSITIVE_IS_EXPENSE
    )
    lines, _ = _parse(b"2026-11-01\tcharge\t20.00\n2026-11-02\tpayment\t-20.00\n", card)
    assert [line.amount for line in lines] == [Decimal("-20.00"), Decimal("20.00")]


def test_every_bad_row_is_reported_with_its_line_number() -> None:
    data = (
        b"date,description,amount\n"
        b"2026-11-01,ok,1.00\n"
        b"2026-13-01,bad date,1.00\n"
        b"2026-11-03,bad amount,1,5\n"
        b"2026-11-04,,2.00\n"
    )
    mapping = CsvMapping(date="date", description="description", amount="amount", delimiter=",")
    lines, errors = _parse(data, mapping)
    assert len(lines) == 1
    assert [(e.line, e.field) for e in errors] == [(3, "date"), (4, "row"), (5, "description")]
    mapping = mapping.model_copy(update={"delimiter": None})
    _, errors = _parse(data.replace(b"1,5", b"1x5"), mapping)
    assert (4, "amount") in [(e.line, e.field) for e in errors]


def test_an_unknown_column_is_a_file_level_error_listing_the_header() -> None:
    mapping = CsvMapping(date="Datum", description="description", amount="amount")
    with pytest.raises(ValidationError, match="no column 'Datum'"):
        parse_csv(b"date,description,amount\n2026-11-01,x,1\n", mapping)


@pytest.mark.parametrize(
    "changes",
    [
        {"amount": None},
        {"debit": "x"},
        {"decimal": ";"},
        {"thousands": "."},
        {"date_format": "dd/mm/yyyy"},
    ],
)
def test_inconsistent_mappings_are_refused(changes: dict[str, object]) -> None:
    base = {"date": "d", "description": "t", "amount": "a", "thousands": ","} | changes
    if changes.get("thousands") == ".":
        base["decimal"] = "."
    with pytest.raises(ValidationError):
        CsvMapping(**base)  # type: ignore[arg-type]
