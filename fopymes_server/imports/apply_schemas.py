"""What `rule apply` reports: the preview and the outcome are one contract.

`fopymes rule apply -o json` prints it and `POST /workspaces/{id}/rules/apply` returns it;
`dry_run: true` is the preview (nothing written), `false` what was written.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field

from fopymes_server.core.contract import Contract, Money, examples

_CHANGE = {
    "id": 1042,
    "date": "2026-11-27",
    "kind": "expense",
    "amount": "45.20",
    "currency": "EUR",
    "description": "MERCADONA VALENCIA",
    "category": None,
    "method": "Card",
    "new_category": "Groceries",
    "new_method": None,
    "new_description": None,
    "rules": [3],
    "new_payee": "Mercadona",
    "new_tags": [],
}


class RuleChangeOut(Contract):
    """One recorded transaction the rules change; a `new_*` field is null where it stays."""

    model_config = ConfigDict(json_schema_extra=examples(_CHANGE))

    id: int
    date: dt.date
    kind: str = Field(description="income or expense (transfers are never changed).")
    amount: Money
    currency: str
    description: str = Field(description="The description as it is now.")
    category: str | None = Field(description="The category as it is now.")
    method: str | None = Field(description="The payment method (account) as it is now.")
    new_category: str | None = None
    new_method: str | None = None
    new_description: str | None = None
    rules: list[int] = Field(description="Ids of the rules that matched, in the order they ran.")
    new_payee: str | None = None
    new_tags: list[str] = Field(default=[], description="Tags the rules add to it.")


class RuleApplyOut(Contract):
    """What the rules change (`dry_run: true`) or changed in recorded transactions.

    `examined` incomes and expenses were in the range; `changed` of them change, in one
    database transaction; `skipped_reconciled` matched a rule but are reconciled and were
    left alone (apply with `force` to change them too)."""

    model_config = ConfigDict(
        json_schema_extra=examples(
            {
                "dry_run": True,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "rules": 4,
                "examined": 812,
                "changed": 1,
                "categories_set": 1,
                "methods_set": 0,
                "descriptions_set": 0,
                "skipped_reconciled": 0,
                "changes": [_CHANGE],
                "payees_set": 1,
                "tags_added": 0,
            }
        )
    )

    dry_run: bool
    date_from: dt.date | None
    date_to: dt.date | None
    rules: int = Field(description="How many rules ran.")
    examined: int = Field(description="Incomes and expenses in the range.")
    changed: int = Field(description="Transactions that change (or changed).")
    categories_set: int
    methods_set: int
    descriptions_set: int
    skipped_reconciled: int = Field(
        description="Reconciled transactions a rule would change, left alone without force."
    )
    changes: list[RuleChangeOut]
    payees_set: int = 0
    tags_added: int = Field(default=0, description="Transactions that gain at least one tag.")
