"""The category sets a new workspace starts with: a household's or a small business's.

`workspace create --template household|business` picks one (household is the default,
and what `init` gives); the names are ordinary categories afterwards, renamed, archived
or added to like any other. Pure data and one parser.
"""

from __future__ import annotations

from enum import StrEnum

from fopymes_server.categories.schemas import CategoryKind
from fopymes_server.core.errors import ValidationError


class Template(StrEnum):
    HOUSEHOLD = "household"
    BUSINESS = "business"


CATEGORY_SETS: dict[Template, dict[CategoryKind, tuple[str, ...]]] = {
    Template.HOUSEHOLD: {
        CategoryKind.EXPENSE: (
            "Groceries",
            "Restaurants",
            "Housing",
            "Utilities",
            "Transport",
            "Health",
            "Education",
            "Leisure",
            "Clothing",
            "Other expenses",
        ),
        CategoryKind.INCOME: ("Salary", "Freelance", "Other income"),
    },
    Template.BUSINESS: {
        CategoryKind.EXPENSE: (
            "Suppliers",
            "Payroll",
            "Rent",
            "Utilities",
            "Taxes",
            "Fees",
            "Insurance",
            "Marketing",
            "Equipment",
            "Travel",
            "Software",
            "Other expenses",
        ),
        CategoryKind.INCOME: ("Sales", "Services", "Interest", "Other income"),
    },
}


def parse_template(text: str, *, field: str = "template") -> Template:
    """`household` or `business` (any case); ValidationError naming `field` otherwise."""
    try:
        return Template(text.strip().lower())
    except ValueError:
        choices = ", ".join(t.value for t in Template)
        raise ValidationError(field, f"'{text}' is not a template (use {choices})") from None
