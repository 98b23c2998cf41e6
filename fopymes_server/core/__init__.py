"""Cross-feature building blocks: settings, storage, money, errors, security."""
