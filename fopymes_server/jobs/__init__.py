"""Unattended work: one module per job (`run(ctx, now)` calling services) and the runner."""
