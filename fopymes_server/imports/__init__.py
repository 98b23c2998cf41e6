"""Bank statement imports (CSV with saved mapping profiles, OFX/QFX) and categorisation rules.

Every import is parsed and checked whole before anything is written, then added in one
database transaction: a file with one bad row adds nothing. Each statement line gets a
stable fingerprint, unique per workspace, so re-importing a file adds no duplicates.
"""
