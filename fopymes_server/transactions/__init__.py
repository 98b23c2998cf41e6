"""Incomes and expenses: the ledger every other feature aggregates."""
