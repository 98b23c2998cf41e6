"""Debts owed to and by contacts: interest, payments, balances and amortisation."""
