"""Imports on SQLite and PostgreSQL: preview, all-or-nothing, dedupe, rules, OFX accounts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts.schemas import AccountType
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.principal import Principal, Role
from fopymes_server.events import service as events
from fopymes_server.imports import service, service_profiles, service_rules
from fopymes_server.imports.schemas import CsvMapping, ImportReport, RuleCreate
from fopymes_server.transactions import service as transactions
from tests.factories import add_member, new_owner

DATA = Path(__file__).resolve().parents[1] / "data"
BANK = (DATA / "bank_es.csv").read_bytes()
OFX = (DATA / "statement.ofx").read_bytes()
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


def _profile(ctx: AppContext, principal: Principal, name: str = "caixa") -> None:
    with ctx.uow() as uow:
        service_profiles.add_profile(uow, principal, name=name, mapping=MAPPING)


def _csv(ctx: AppContext, principal: Principal, data: bytes = BANK, **kw: object) -> ImportReport:
    with ctx.uow() as uow:
        return service.import_csv(
            uow,
            principal,
            data=data,
            source="bank.csv",
            profile="caixa",
            **kw,  # type: ignore[arg-type]
        )


def _listed(ctx: AppContext, principal: Principal) -> list[tuple[str, Decimal, str | None]]:
    with ctx.uow(write=False) as uow:
        page = transactions.list_transactions(uow, principal, limit=100)
    return sorted((t.description, t.amount, t.category) for t in page.items)


def test_a_dry_run_previews_everything_and_writes_nothing(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _profile(ctx, owner)
    preview = _csv(ctx, owner, dry_run=True)
    assert (len(preview.lines), preview.added, preview.errors) == (6, 0, [])
    assert _listed(ctx, owner) == []


def test_an_import_adds_every_line_once_and_a_reimport_adds_nothing(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _profile(ctx, owner)
    first = _csv(ctx, owner)
    assert first.added == 6
    again = _csv(ctx, owner)
    assert (again.added, again.duplicates) == (0, 6)
    overlapping = BANK + b"30/11/2026;FARMACIA;-8,00;3.529,45\n"
    assert _csv(ctx, owner, data=overlapping).added == 1
    rows = _listed(ctx, owner)
    assert len(rows) == 7
    assert [r for r in rows if r[0] == "CAFE CENTRAL"] == [
        ("CAFE CENTRAL", Decimal("2.50"), None)
    ] * 2
    with ctx.uow(write=False) as uow:
        kinds = [e.type for e in events.since(uow, owner, 0)]
    assert kinds.count("import.finished") == 3


def test_one_bad_row_imports_nothing_and_every_bad_row_is_reported(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _profile(ctx, owner)
    bad = BANK.replace(b"-12,35", b"-12,3x").replace(b"05/11/2026", b"35/11/2026")
    report = _csv(ctx, owner, data=bad)
    assert [(e.line, e.field) for e in report.errors] == [(5, "amount"), (6, "date")]
    assert report.added == 0
    assert _listed(ctx, owner) == []


def test_rules_categorise_in_order_and_a_later_rule_wins(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _profile(ctx, owner)
    with ctx.uow() as uow:
        service_rules.add_rule(
            uow,
            owner,
            data=RuleCreate(
                condition='description ~ "MERCADONA|CARREFOUR"', set_category="Groceries"
            ),
        )
    with ctx.uow() as uow:
        service_rules.add_rule(
            uow,
            owner,
            data=RuleCreate(
                condition='description contains "carrefour"',
                set_category="Restaurants",
                set_description="Carrefour",
            ),
        )
    with ctx.uow() as uow:
        service_rules.add_rule(  # an expense category on money in is left alone
            uow,
            owner,
            data=RuleCreate(condition='description ~ "NOMINA|MERCADONA"', set_category="Groceries"),
        )
    _csv(ctx, owner)
    rows = {description: category for description, _, category in _listed(ctx, owner)}
    assert rows["MERCADONA VALENCIA"] == "Groceries"
    assert rows["Carrefour"] == "Restaurants"
    assert rows["NOMINA NOVIEMBRE"] is None


def test_rules_refuse_bad_conditions_and_unknown_categories(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(ValidationError, match="condition"), ctx.uow() as uow:
        service_rules.add_rule(
            uow, owner, data=RuleCreate(condition="x ~", set_category="Groceries")
        )
    with pytest.raises(NotFoundError), ctx.uow() as uow:
        service_rules.add_rule(
            uow, owner, data=RuleCreate(condition='kind = "expense"', set_category="Nope")
        )
    with pytest.raises(ValidationError, match="sets nothing"), ctx.uow() as uow:
        service_rules.add_rule(uow, owner, data=RuleCreate(condition='kind = "expense"'))


def test_ofx_maps_the_account_to_a_method_and_remembers_it(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.add(uow, owner, name="Current account", type=AccountType.CHECKING)
    with pytest.raises(ValidationError, match="which payment method"), ctx.uow() as uow:
        service.import_statement_file(uow, owner, fmt="ofx", data=OFX, source="s.ofx")
    with ctx.uow() as uow:
        first = service.import_statement_file(
            uow, owner, fmt="ofx", data=OFX, source="s.ofx", method="Current account"
        )
    assert first.added == 4
    with ctx.uow() as uow:
        again = service.import_statement_file(uow, owner, fmt="ofx", data=OFX, source="s.ofx")
    assert (again.added, again.duplicates) == (0, 4)
    assert again.account is not None
    assert "Current account" in again.account
    with ctx.uow(write=False) as uow:
        items = transactions.list_transactions(uow, owner, limit=10).items
    assert {t.payment_method for t in items} == {"Current account"}
    assert sum(t.amount for t in items if t.kind.value == "expense") == Decimal("907.55")


def test_ofx_matches_a_method_by_the_last_four_digits(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with ctx.uow() as uow:
        accounts.add(uow, owner, name="Caixa", type=AccountType.CHECKING, last_four="7891")
    with ctx.uow() as uow:
        assert (
            service.import_statement_file(uow, owner, fmt="ofx", data=OFX, source="s.ofx").added
            == 4
        )
    with ctx.uow(write=False) as uow:
        items = transactions.list_transactions(uow, owner, limit=10).items
    assert {t.payment_method for t in items} == {"Caixa"}


def test_not_an_ofx_file_is_a_validation_error(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(ValidationError, match="OFX"), ctx.uow() as uow:
        service.import_statement_file(uow, owner, fmt="ofx", data=b"hello", source="x.ofx")


def test_viewers_may_preview_but_not_import(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    _profile(ctx, owner.principal)
    viewer = add_member(ctx, owner, Role.VIEWER).principal
    assert _csv(ctx, viewer, dry_run=True).errors == []
    with pytest.raises(PermissionDeniedError):
        _csv(ctx, viewer)


def test_profiles_are_per_workspace_and_the_builtin_one_stays(ctx: AppContext) -> None:
    owner, stranger = new_owner(ctx).principal, new_owner(ctx).principal
    _profile(ctx, owner)
    with pytest.raises(ConflictError), ctx.uow() as uow:
        service_profiles.add_profile(uow, owner, name="CAIXA", mapping=MAPPING)
    with pytest.raises(NotFoundError), ctx.uow() as uow:
        service_profiles.get_profile(uow, stranger, "caixa")
    with pytest.raises(RuleViolationError), ctx.uow() as uow:
        service_profiles.remove_profile(uow, owner, "fopymes")
    with ctx.uow() as uow:
        service_profiles.remove_profile(uow, owner, "caixa")
    with ctx.uow(write=False) as uow:
        assert [p.name for p in service_profiles.list_profiles(uow, owner)] == ["fopymes"]


def test_a_new_profile_is_answered_by_its_id_even_when_another_is_named_like_it(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal

    def add(name: str) -> int:
        with ctx.uow() as uow:
            made = service_profiles.add_profile(uow, owner, name=name, mapping=MAPPING)
        assert made.name == name
        assert made.id is not None
        return made.id

    first = add("first")
    assert add(str(first + 2)) == first + 1  # ids are handed out in order here
    assert add("third") == first + 2


def test_deleting_an_imported_transaction_lets_its_line_be_imported_again(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    _profile(ctx, owner)
    _csv(ctx, owner)
    with ctx.uow(write=False) as uow:
        victim = transactions.list_transactions(uow, owner, limit=1).items[0]
    with ctx.uow() as uow:
        transactions.delete(uow, owner, victim.id)
    assert _csv(ctx, owner).added == 1


def test_names_created_for_an_import_that_is_refused_are_not_kept(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    export = (
        b"date,amount,currency,category,payment_method,description,note\n"
        b"2026-11-02,1200.00,EUR,Consulting,Transfer,Invoice 7,\n"
        b"2026-11-03,-45.2x,EUR,Groceries,Cash,Shop,\n"
    )
    with ctx.uow() as uow:
        report = service.import_csv(
            uow, owner, data=export, source="x.csv", profile="fopymes", create_missing=True
        )
    assert [(e.line, e.field) for e in report.errors] == [(3, "amount")]
    with ctx.uow(write=False) as uow:
        methods = [m.name for m in accounts.list_methods(uow, owner)]
    assert "Transfer" not in methods
    assert _listed(ctx, owner) == []


def test_a_saved_rule_that_linear_matching_cannot_run_is_named_when_importing(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx).principal
    _profile(ctx, owner)
    with ctx.uow() as uow:  # as a rule saved before patterns were checked for RE2
        rule_id = uow.imports.add_rule(
            owner.workspace_id,
            {"condition": 'description ~ "MERCA(?=DONA)"', "set_description": "x"},
            uow.clock.now(),
        )
        uow.commit()
    with pytest.raises(ValidationError, match=f"rule {rule_id} cannot run: .*lookaround"):
        _csv(ctx, owner, dry_run=True)
