"""The report: one model of a workspace's money over a period, and its renderers.

`data.py` builds the model from SQL aggregates; `tables.py` flattens it into named tables;
`render_csv.py`, `render_xlsx.py` and `render_pdf.py` turn it into files; the CLI draws it
in the terminal. `periods.py` reads `2026-10`, `2026Q3`, `last-month` and the like.
"""
