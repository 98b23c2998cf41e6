"""Payees of a workspace: who a transaction was with, one row per normalised name."""
