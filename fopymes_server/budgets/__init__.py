"""Budgets: spending limits per category and period, with rollover and alerts."""
