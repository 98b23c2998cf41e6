"""Imports fill payees from the statement, rules set payees and add tags (both databases)."""

from __future__ import annotations

from pathlib import Path

from fopymes_server.core.context import AppContext
from fopymes_server.imports import service, service_profiles, service_rules
from fopymes_server.imports.camt_format import parse_camt
from fopymes_server.imports.mt940_format import parse_mt940
from fopymes_server.imports.schemas import CsvMapping, RuleCreate
from fopymes_server.payees import service as payees
from fopymes_server.transactions import service as transactions
from tests.factories import new_owner

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CSV = (
    "Fecha;Concepto;Beneficiario;Importe\n"
    "02/11/2026;Compra tarjeta 1;MERCADONA;-45,20\n"
    "03/11/2026;Compra tarjeta 2;Mercadona;-12,35\n"
    "04/11/2026;Café;CAFÉ  CENTRAL;-2,50\n"
    "05/11/2026;Transferencia;;-850,00\n"
).encode()
MAPPING = CsvMapping(
    date="Fecha",
    date_format="%d/%m/%Y",
    amount="Importe",
    description="Concepto",
    payee="Beneficiario",
    decimal=",",
    payment_method="Cash",
)


def _items(ctx: AppContext, principal):  # type: ignore[no-untyped-def]
    with ctx.uow(write=False) as uow:
        return transactions.list_transactions(uow, principal, limit=100).items


def test_a_csv_payee_column_fills_payees_one_per_normalised_name(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        service_profiles.add_profile(uow, owner, name="bank", mapping=MAPPING)
    with ctx.uow() as uow:
        preview = service.import_csv(
            uow, owner, data=CSV, source="b.csv", profile="bank", dry_run=True
        )
    assert [line.payee for line in preview.lines] == [
        "MERCADONA",
        "Mercadona",
        "CAFÉ CENTRAL",
        None,
    ]
    with ctx.uow(write=False) as uow:
        assert payees.list_payees(uow, owner) == []  # a preview creates none
    with ctx.uow() as uow:
        service.import_csv(uow, owner, data=CSV, source="b.csv", profile="bank")
    by_description = {tx.description: tx.payee for tx in _items(ctx, owner)}
    assert by_description == {
        "Compra tarjeta 1": "MERCADONA",
        "Compra tarjeta 2": "MERCADONA",
        "Café": "CAFÉ CENTRAL",
        "Transferencia": None,
    }
    with ctx.uow(write=False) as uow:
        counts = {p.name: p.transactions for p in payees.list_payees(uow, owner)}
    assert counts == {"CAFÉ CENTRAL": 1, "MERCADONA": 2}


def test_rules_test_the_payee_set_another_and_add_tags(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        service_profiles.add_profile(uow, owner, name="bank", mapping=MAPPING)
        service_rules.add_rule(
            uow,
            owner,
            data=RuleCreate(
                condition='payee ~ "mercadona"', set_payee="Mercadona SA", add_tags=["food"]
            ),
        )
    with ctx.uow() as uow:
        service_rules.add_rule(
            uow, owner, data=RuleCreate(condition="amount > 10", add_tags=["big", "food"])
        )
    with ctx.uow() as uow:
        service.import_csv(uow, owner, data=CSV, source="b.csv", profile="bank")
    found = {tx.description: (tx.payee, tx.tags) for tx in _items(ctx, owner)}
    assert found["Compra tarjeta 1"] == ("Mercadona SA", ["big", "food"])
    assert found["Café"] == ("CAFÉ CENTRAL", [])
    assert found["Transferencia"] == (None, ["big", "food"])


def test_ofx_names_become_payees(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        service.import_statement_file(
            uow,
            owner,
            fmt="ofx",
            data=(DATA / "statement.ofx").read_bytes(),
            source="s.ofx",
            method="Cash",
        )
    assert {tx.payee for tx in _items(ctx, owner)} == {
        "NOMINA NOVIEMBRE",
        "MERCADONA VALENCIA",
        "CARREFOUR EXPRESS",
        "ALQUILER PISO",
    }


def test_camt_and_mt940_counterparties_are_read_as_payees() -> None:
    camt = parse_camt((FIXTURES / "camt053.xml").read_bytes())
    assert {line.payee for s in camt for line in s.lines} >= {
        "Stadtwerke München",
        "Arbeitgeber GmbH",
    }
    mt940 = parse_mt940((FIXTURES / "mt940.sta").read_bytes())
    assert {line.payee for s in mt940 for line in s.lines} >= {"Albert Heijn", "Werkgever BV"}
