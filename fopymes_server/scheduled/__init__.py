"""Scheduled (recurring) transactions: recurrence rules, and later storage and materialisation."""
