"""Domain events: what changed, recorded in the same transaction as the change.

The events table is the outbox that live front ends read: PostgreSQL announces each new row
with NOTIFY at commit (so nothing is announced for a rolled-back change), and SQLite readers
poll for ids above the last one they saw.
"""
