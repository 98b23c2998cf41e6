"""Payment methods of a workspace: cash, cards, bank accounts."""
