"""The one rule for text bound for a spreadsheet: never let it run as a formula.

Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with `=`, `+`, `-`
or `@` (and, after a paste, a tab or carriage return) as a formula, so a description such
as `=HYPERLINK("http://evil", "click")` in an exported file attacks whoever opens it
(OWASP "CSV injection"). Full-width and small forms of those characters are normalised to
the ASCII ones by some spreadsheets, so they count too.

Callers: the CLI's `-o csv` output, transaction exports (CSV, XLSX) and the report's CSV
and XLSX renderers. Pure; no I/O.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

FORMULA_START = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\uff1d",  # FULLWIDTH EQUALS SIGN
    "\uff0b",  # FULLWIDTH PLUS SIGN
    "\uff0d",  # FULLWIDTH HYPHEN-MINUS
    "\uff20",  # FULLWIDTH COMMERCIAL AT
    "\ufe66",  # SMALL EQUALS SIGN
    "\ufe62",  # SMALL PLUS SIGN
    "\ufe63",  # SMALL HYPHEN-MINUS
    "\ufe6b",  # SMALL COMMERCIAL AT
)


def _is_plain_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def neutralise(value: object) -> object:
    """Return `value` safe for a spreadsheet cell.

    Text that would start a formula gets a leading apostrophe (the spreadsheet convention
    for "this is text"); a plain number written as text (`-12.50`) and every non-text
    value are returned unchanged, so amounts stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _is_plain_number(value):
        return "'" + value
    return value
