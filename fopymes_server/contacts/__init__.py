"""Contacts of a workspace: the people and businesses debts are owed to or by."""
