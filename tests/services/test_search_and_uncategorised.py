"""Search ignoring case and accents, and the uncategorised filter, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import literal, select

from fopymes_server.accounts import service as accounts
from fopymes_server.accounts import transfers
from fopymes_server.accounts.schemas import AccountCreate
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import NotFoundError, ValidationError
from fopymes_server.core.folding import fold
from fopymes_server.core.principal import Principal
from fopymes_server.exports import service as exports
from fopymes_server.transactions import service
from fopymes_server.transactions.matching import folded
from fopymes_server.transactions.schemas import (
    Kind,
    SplitCreate,
    TransactionCreate,
    TransactionFilter,
)
from tests.factories import new_owner, record


def _descriptions(ctx: AppContext, principal: Principal, **filters: object) -> list[str]:
    with ctx.uow(write=False) as uow:
        page = service.list_transactions(
            uow,
            principal,
            filters=TransactionFilter(**filters),  # type: ignore[arg-type]
            limit=100,
        )
    return sorted(tx.description for tx in page.items)


def _without_category(ctx: AppContext, principal: Principal, description: str, kind: Kind) -> int:
    with ctx.uow() as uow:
        return service.record(
            uow,
            principal,
            data=TransactionCreate(
                kind=kind, amount="5.00", date="2026-11-02", description=description
            ),
        ).id


@pytest.mark.parametrize("needle", ["cafe", "CAFÉ", "Café", "cAfE"])
def test_search_ignores_case_and_accents(ctx: AppContext, needle: str) -> None:
    owner = new_owner(ctx).principal
    for description in ("Café Central", "CAFÉ NORTE", "cafe sur", "Cafe\u0301 decomposed", "Tea"):
        record(ctx, owner, description=description)
    assert _descriptions(ctx, owner, search=needle) == [
        "CAFÉ NORTE",
        "Cafe\u0301 decomposed",
        "Café Central",
        "cafe sur",
    ]


def test_search_folds_the_note_and_other_scripts(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, description="Lunch", note="Menú del DÍA")
    record(ctx, owner, description="ŁÓDŹ trip")
    record(ctx, owner, description="Ñandú")
    assert _descriptions(ctx, owner, search="menu del dia") == ["Lunch"]
    assert _descriptions(ctx, owner, search="lodz") == ["ŁÓDŹ trip"]
    assert _descriptions(ctx, owner, search="ñANDU") == ["Ñandú"]


def test_search_still_treats_like_wildcards_as_text(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, description="Discount 50% ÉTÉ")
    record(ctx, owner, description="Discount 500 ete")
    record(ctx, owner, description="a_b/c")
    record(ctx, owner, description="axb")
    assert _descriptions(ctx, owner, search="50% été") == ["Discount 50% ÉTÉ"]
    assert _descriptions(ctx, owner, search="a_b/") == ["a_b/c"]


def test_the_export_filter_searches_the_same_way(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, description="Café Central")
    record(ctx, owner, description="Tea")
    with ctx.uow(write=False) as uow:
        query = exports.resolve_filter(uow, owner, TransactionFilter(search="CAFE"))
        rows = list(exports.stream_rows(uow, owner, query))
    assert [row.description for row in rows] == ["Café Central"]


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT | st.text(alphabet="AaÉéÈèÑñßØøŁłİıÆæΣσςЁё\u0301%_ ", max_size=20))
def test_the_sql_fold_equals_the_python_fold(ctx: AppContext, text: str) -> None:
    with ctx.uow(write=False) as uow:
        assert uow.transactions.session.scalar(select(folded(literal(text)))) == fold(text)


def test_uncategorised_lists_incomes_and_expenses_without_a_category(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    record(ctx, owner, description="Categorised")
    _without_category(ctx, owner, "Loose expense", Kind.EXPENSE)
    _without_category(ctx, owner, "Loose income", Kind.INCOME)
    with ctx.uow() as uow:
        accounts.create(uow, owner, AccountCreate(name="Bank", opening_date="2026-01-01"))
    with ctx.uow() as uow:
        transfers.transfer(
            uow,
            owner,
            transfers.TransferCreate(
                amount="75.00", from_account="Cash", to_account="Bank", date="2026-11-20"
            ),
        )
    assert _descriptions(ctx, owner, uncategorised=True) == ["Loose expense", "Loose income"]
    assert _descriptions(ctx, owner, uncategorised=True, kind=Kind.INCOME) == ["Loose income"]
    with ctx.uow(write=False) as uow:
        query = exports.resolve_filter(uow, owner, TransactionFilter(uncategorised=True))
        exported = sorted(row.description for row in exports.stream_rows(uow, owner, query))
    assert exported == ["Loose expense", "Loose income"]
    other = new_owner(ctx).principal
    assert _descriptions(ctx, other, uncategorised=True) == []


def test_a_split_transaction_is_not_uncategorised(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    _without_category(ctx, owner, "Loose expense", Kind.EXPENSE)
    with ctx.uow() as uow:
        service.record(
            uow,
            owner,
            data=TransactionCreate(
                amount="85.40",
                description="Receipt",
                date="2026-11-02",
                splits=[
                    SplitCreate(category="Groceries", amount="60"),
                    SplitCreate(category="Clothing", amount="25.40"),
                ],
            ),
        )
    assert _descriptions(ctx, owner, uncategorised=True) == ["Loose expense"]


def test_uncategorised_and_a_category_together_are_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(ValidationError, match="either a category or --uncategorised"):
        _descriptions(ctx, owner, uncategorised=True, category="Groceries")


@pytest.mark.parametrize("word", ["none", "Uncategorised", "uncategorized"])
def test_a_category_called_none_points_at_uncategorised(ctx: AppContext, word: str) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(NotFoundError) as caught:
        _descriptions(ctx, owner, category=word)
    assert caught.value.hint is not None
    assert "--uncategorised" in caught.value.hint


def test_other_unknown_categories_keep_their_own_hint(ctx: AppContext) -> None:
    owner = new_owner(ctx).principal
    with pytest.raises(NotFoundError) as caught:
        _descriptions(ctx, owner, category="Holidays")
    assert "--uncategorised" not in (caught.value.hint or "")
