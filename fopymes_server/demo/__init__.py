"""Realistic demo data so a newcomer can try every command at once."""
