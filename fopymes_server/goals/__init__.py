"""Savings goals: targets with deadlines, contribution plans, progress and milestones."""
