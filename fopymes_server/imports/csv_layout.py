"""Where a bank's CSV data is: its encoding, delimiter and header line (pure).

Banks put a preamble of any length above the header (account number, period, balance)
and often in another shape than the data: `Cuenta: ES76 2100...` above a `;` header makes
csv.Sniffer pick `,`. So the header is found by the names of the mapped columns: the first
line that, split by one of the delimiters, holds all of them. That fixes the delimiter
and the header line together, and the layout found is reported so a person can check it.
A header given by number counts physical lines (what an editor shows), not records.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from fopymes_server.core.errors import ValidationError

DELIMITERS = ",;\t|"
HEADER_SEARCH = 200
"""How many lines from the top may hold the header."""
_SPACES = re.compile(r"\s+")
_NAMES = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}


@dataclass(frozen=True, slots=True)
class Layout:
    encoding: str
    delimiter: str
    header_line: int
    """1-based physical line of the header; 0 when the file has none."""
    header: list[str] | None

    def describe(self) -> str:
        """`encoding utf-8, delimiter ';', header on line 15`, for the preview."""
        where = f"header on line {self.header_line}" if self.header_line else "no header"
        name = _NAMES.get(self.delimiter, repr(self.delimiter))
        return f"encoding {self.encoding}, delimiter {name}, {where}"


def column_key(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """(text, encoding used): the given encoding, else a BOM's, else UTF-8, else 1252.

    Windows-1252 is the last resort because every byte decodes in it and it is what
    spreadsheet exports on Windows write. Raises ValidationError for a named encoding
    that does not exist or does not fit the bytes.
    """
    if encoding:
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except LookupError:
            raise ValidationError("encoding", f"'{encoding}' is not an encoding") from None
        except UnicodeDecodeError as exc:
            raise ValidationError(
                "encoding", f"the file is not {encoding} ({exc.reason})"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str, given: str | None) -> str:
    """The given delimiter, else the one csv.Sniffer finds among `,;<tab>|` (`,` if none)."""
    if given:
        return given
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def records(text: str, delimiter: str, first_line: int = 1) -> list[tuple[int, list[str]]]:
    """(first physical line number, fields) of every non-empty record.

    Raises ValidationError when the csv module gives up on the file (a field over its
    size limit, an unusable delimiter): uploads are untrusted, so never a crash.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if "".join(fields).strip():
                found.append((start + first_line - 1, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError("file", f"line {reader.line_num + first_line - 1}: {exc}") from None
    return found


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def find_header(lines: list[str], names: list[str], given: str | None) -> tuple[int, str]:
    """(0-based line index, delimiter) of the first line holding every column in `names`.

    Raises ValidationError naming the missing columns of the best line (the one holding
    most of them) when no line holds them all.
    """
    wanted = {column_key(name) for name in names}
    best: tuple[int, int, list[str]] = (0, -1, [])
    for index, line in enumerate(lines[:HEADER_SEARCH]):
        for delimiter in given or DELIMITERS:
            fields = _split(line, delimiter)
            keys = {column_key(field) for field in fields}
            if wanted <= keys:
                return index, delimiter
            held = len(wanted & keys)
            if held > best[0]:
                best = (held, index, fields)
    held, index, fields = best
    if held == 0:
        shown = ", ".join(names)
        raise ValidationError(
            "header row", f"no line of the first {HEADER_SEARCH} holds the columns {shown}"
        )
    missing = [n for n in names if column_key(n) not in {column_key(f) for f in fields}]
    header = ", ".join(field.strip() for field in fields)
    raise ValidationError(
        "columns", f"no column '{missing[0]}' in the header on line {index + 1} ({header})"
    )
