"""Imported lines keep to the one date range: a typo such as year 0226 is a row error."""

from __future__ import annotations

from pathlib import Path

from fopymes_server.core.context import AppContext
from fopymes_server.imports import service, service_profiles
from fopymes_server.imports.schemas import CsvMapping
from fopymes_server.transactions import service as transactions
from tests.factories import new_owner

BANK = (Path(__file__).resolve().parents[1] / "data" / "bank_es.csv").read_bytes()
MAPPING = CsvMapping(
    date="Fecha",
    date_format="%d/%m/%Y",
    amount="Importe",
    description="Concepto",
    decimal=",",
    thousands=".",
    header_row=3,
    payment_method="Cash",
)


def test_a_line_dated_outside_the_range_is_a_row_error_and_nothing_is_imported(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        service_profiles.add_profile(uow, owner, name="caixa", mapping=MAPPING)
    typo = BANK.replace(b"05/11/2026", b"05/11/0226").replace(b"27/11/2026", b"27/11/3026")
    with ctx.uow() as uow:
        report = service.import_csv(uow, owner, data=typo, source="bank.csv", profile="caixa")
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (6, "date", "0226-11-05 is outside 1900-01-01 to 2999-12-31"),
        (7, "date", "3026-11-27 is outside 1900-01-01 to 2999-12-31"),
    ]
    assert report.added == 0
    with ctx.uow(write=False) as uow:
        assert transactions.list_transactions(uow, owner).items == []
