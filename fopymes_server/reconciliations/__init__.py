"""Reconciliation: transaction statuses and the statement balances an account agreed to."""
