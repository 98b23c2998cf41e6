"""CSV profile options, each on a statement where reading it wrong changes the totals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.imports.csv_format import CsvRead, parse_csv
from fopymes_server.imports.schemas import CsvMapping

FIXTURES = Path(__file__).parent / "fixtures"
DUTCH: dict[str, Any] = {
    "date": "Datum",
    "date_format": "%Y%m%d",
    "amount": "Bedrag (EUR)",
    "description": "Naam / Omschrijving",
    "direction": "Af Bij",
    "decimal": ",",
}
GERMAN: dict[str, Any] = {
    "date": "Buchungstag",
    "date_format": "%d.%m.%Y",
    "amount": "Betrag",
    "description": "Auftraggeber / Begünstigter",
    "direction": "Soll/Haben",
    "decimal": ",",
    "thousands": ".",
}
WALLET: dict[str, Any] = {"date": "Date", "amount": "Gross", "description": "Name"}
SUMMARY: dict[str, Any] = {
    "date": "Fecha",
    "date_format": "%d/%m/%Y",
    "amount": "Importe",
    "description": "Concepto",
    "decimal": ",",
    "thousands": ".",
}


def _read(name: str, **mapping: Any) -> CsvRead:
    return parse_csv((FIXTURES / name).read_bytes(), CsvMapping(**mapping))


def _total(read: CsvRead) -> Decimal:
    assert read.errors == []
    return sum((line.amount for line in read.lines), Decimal(0))


def test_a_direction_column_signs_unsigned_amounts() -> None:
    read = _read("csv_nl_af_bij.csv", **DUTCH)
    assert [line.amount for line in read.lines] == [
        Decimal("-45.20"),
        Decimal("-850.00"),
        Decimal("2450.00"),
        Decimal("12.50"),
    ]
    assert _total(read) == Decimal("1567.30")


def test_a_direction_value_that_is_neither_way_is_a_row_error() -> None:
    read = _read("csv_nl_af_bij.csv", **DUTCH, out_values=("Debit",), in_values=("Credit",))
    assert [(e.line, e.field) for e in read.errors] == [(n, "direction") for n in (2, 3, 4, 5)]
    assert "'Af' is neither out (debit) nor in (credit)" in read.errors[0].message


def test_the_header_is_found_under_a_preamble_by_the_mapped_names() -> None:
    read = _read(
        "csv_de_preamble_soll_haben.csv",
        **GERMAN,
        exclude=("Status=vorgemerkt",),
        skip_summary_rows=True,
    )
    assert read.layout.describe() == "encoding cp1252, delimiter ';', header on line 15"
    assert _total(read) == Decimal("2691.55")
    assert [(s.line, s.field) for s in read.skipped] == [(19, "filter"), (20, "row")]


def test_header_row_counts_lines_including_empty_ones() -> None:
    read = _read(
        "csv_de_preamble_soll_haben.csv",
        **GERMAN,
        header_row=15,
        include=("Status=gebucht",),
        skip_summary_rows=True,
    )
    assert read.layout.header_line == 15
    assert _total(read) == Decimal("2691.55")
    assert "Status is 'vorgemerkt', not one of the included values" in read.skipped[0].message


def test_without_the_exclude_filter_the_pending_row_would_be_imported() -> None:
    read = _read("csv_de_preamble_soll_haben.csv", **GERMAN, skip_summary_rows=True)
    assert _total(read) == Decimal("2631.55")


def test_fees_fallback_descriptions_pending_and_zero_rows_of_a_wallet() -> None:
    read = _read(
        "csv_wallet_fees.csv",
        **WALLET,
        description_fallback="Type",
        fee="Fee",
        exclude=("Status=Pending",),
        skip_zero=True,
    )
    assert _total(read) == Decimal("210.65")  # the sum of Net over what was done
    fees = [
        (line.line, line.amount, line.description) for line in read.lines if line.line in (3, 7)
    ]
    assert fees == [
        (3, Decimal("100.00"), "Client Alpha"),
        (3, Decimal("-3.25"), "Fee: Client Alpha"),
        (7, Decimal("200.00"), "Client Beta"),
        (7, Decimal("-6.10"), "Fee: Client Beta"),
    ]
    assert read.lines[3].description == "General Withdrawal"
    assert [(s.line, s.field) for s in read.skipped] == [(5, "filter"), (6, "amount")]


def test_a_signed_fee_column_gives_a_refunded_fee_back() -> None:
    """A refund returns the fee the payment paid: with the fee signed the two lines net to
    nothing, as the wallet's Net column says; read as charges they would lose 6.50."""
    signed = _read("csv_wallet_refund.csv", **WALLET, fee="Fee", fee_signed=True)
    assert [(line.amount, line.description) for line in signed.lines] == [
        (Decimal("100.00"), "Client Alpha"),
        (Decimal("-3.25"), "Fee: Client Alpha"),
        (Decimal("-100.00"), "Client Alpha"),
        (Decimal("3.25"), "Fee: Client Alpha"),
    ]
    assert _total(signed) == Decimal("0.00")
    as_charges = _read("csv_wallet_refund.csv", **WALLET, fee="Fee")
    assert _total(as_charges) == Decimal("-6.50")
    cards = _read(
        "csv_wallet_refund.csv", **WALLET, fee="Fee", fee_signed=True, sign="positive-expense"
    )
    assert [line.amount for line in cards.lines][1::2] == [Decimal("3.25"), Decimal("-3.25")]


def test_without_a_fallback_an_empty_description_is_a_row_error() -> None:
    read = _read("csv_wallet_fees.csv", **WALLET, skip_zero=True)
    assert [(e.line, e.field) for e in read.errors] == [(4, "description")]


def test_summary_rows_are_left_out_and_listed_when_asked() -> None:
    read = _read("csv_summary_rows.csv", **SUMMARY, skip_summary_rows=True)
    assert _total(read) == Decimal("1946.80")
    assert [s.line for s in read.skipped] == [2, 5, 7, 8]
    assert read.skipped[2].message == "has no amount"
    without = _read("csv_summary_rows.csv", **SUMMARY)
    assert sorted({e.line for e in without.errors}) == [2, 5, 7, 8]


def test_a_missing_header_names_the_missing_column_of_the_closest_line() -> None:
    with pytest.raises(ValidationError, match="no column 'Gebühr' in the header on line 15"):
        _read("csv_de_preamble_soll_haben.csv", **GERMAN, fee="Gebühr")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"direction": "D/C", "amount": None, "debit": "x"}, "direction"),
        ({"direction": "D/C", "out_values": ("D",)}, "direction"),
        ({"direction": "D/C", "out_values": ("D",), "in_values": ("d",)}, "direction"),
        ({"exclude": ("pending",)}, "exclude"),
    ],
)
def test_inconsistent_new_options_are_refused(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        CsvMapping(**{**WALLET, **changes})
    assert raised.value.field == field


@given(junk=st.binary(max_size=400))
def test_any_bytes_under_a_full_profile_are_rows_or_one_validation_error(junk: bytes) -> None:
    mapping = CsvMapping(
        **WALLET,
        description_fallback="Type",
        fee="Fee",
        exclude=("Status=Pending",),
        skip_zero=True,
        skip_summary_rows=True,
    )
    data = (FIXTURES / "csv_wallet_fees.csv").read_bytes()
    for candidate in (junk, data[:200] + junk):
        try:
            parse_csv(candidate, mapping)
        except ValidationError:
            continue


def test_a_currency_written_in_the_amount_is_the_rows_currency_or_a_conflict() -> None:
    marked: dict[str, Any] = {
        "date": "Date",
        "amount": "Amount",
        "description": "Description",
        "decimal": ",",
    }
    read = _read("csv_amounts_with_currency.csv", **marked)
    assert read.errors == []
    assert [(line.amount, line.currency) for line in read.lines] == [
        (Decimal("-3.50"), "EUR"),
        (Decimal("-120.00"), "GBP"),
        (Decimal("10.00"), "EUR"),
        (Decimal("-2.00"), None),
    ]
    for conflict in ({"currency": "EUR"}, {"currency_column": "Currency"}):
        read = _read("csv_amounts_with_currency.csv", **marked, **conflict)
        assert [(e.line, e.field) for e in read.errors] == [(3, "amount")]
        assert "'-120,00 GBP' is in GBP, but the row's currency is EUR" in read.errors[0].message
