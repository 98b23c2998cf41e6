"""Streaming exports of transactions (CSV, XLSX, ledger, beancount) and the cell-safety rule."""
