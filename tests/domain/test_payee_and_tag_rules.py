"""The pure rules of payee names and tags."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopymes_server.core.errors import ValidationError
from fopymes_server.payees.rules import payee_key
from fopymes_server.tags.rules import clean_tag, clean_tags


@pytest.mark.parametrize(
    ("a", "b"),
    [("CAFÉ  Central", "cafe central"), ("Ñandú", "nandu"), (" Straße ", "STRASSE")],
)
def test_spellings_of_one_payee_have_one_key(a: str, b: str) -> None:
    assert payee_key(a) == payee_key(b)


def test_different_payees_keep_different_keys() -> None:
    assert payee_key("Cafe Central") != payee_key("Central Cafe")


@given(st.text())
def test_the_payee_key_is_stable_under_itself(name: str) -> None:
    assert payee_key(payee_key(name)) == payee_key(name)


def test_a_tag_keeps_its_spelling_without_the_hash() -> None:
    assert clean_tag(" #Trip-2026 ") == "Trip-2026"
    assert clean_tags(["a", "A", "b/c.d_e"]) == ["a", "b/c.d_e"]


@pytest.mark.parametrize("bad", ["two words", "ñ", "a:b", "-lead", "x" * 51])
def test_tags_outside_the_alphabet_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="tag"):
        clean_tag(bad)
